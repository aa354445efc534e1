package io.tao4j.mantis.ledger;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

/**
 * Reads the pickled {@code DataLog} MANTIS validators kept before the SQLite ledger (ledger.py at
 * commit 2e9bc5b: {@code mantis_datalog.pkl}, gzipped when the name ends in {@code .gz}) without Python,
 * streaming: {@link DatalogUnpickler} (the DataLog's shape, which refuses any global the DataLog does not use, on
 * the generic {@link PickleMachine}, which executes nothing) interprets the pickle opcodes and passes each block number,
 * challenge row (ticker, sample index, price, hotkey → float16 vector), raw payload and drand signature to
 * the ledger writer as soon as it is complete, so memory stays bounded by the size of one row (plus the
 * hotkey strings and other small objects the pickle may reference again), not by the archive.
 *
 * <p>The DataLog's fields that are read: {@code blocks} (list of block numbers; step index = list
 * position), {@code challenges} (ticker → ChallengeData with {@code sidx}: sample index → {"price",
 * "emb": hotkey → vector}), {@code raw_payloads} (step → hotkey → bytes) and {@code _drand_cache}
 * (round → signature). Everything else in the object (the timelock instance, the asyncio lock) is parsed
 * and ignored. Vectors: numpy float16 arrays are kept bit for bit, float32/float64 arrays and plain lists
 * of floats are rounded to float16 as numpy's {@code astype} does.
 */
public final class PickleDatalogReader {
    /** Bytes of the archive file between progress reports, at least. */
    static final long PROGRESS_STEP = 8L << 20;

    private PickleDatalogReader() {}

    /** Decodes the pickle at {@code file} and feeds its rows to {@code w}. */
    static void read(Path file, boolean gzip, LedgerArchive.Writer w) {
        read(file, gzip, w, LedgerArchive.Progress.NONE);
    }

    /**
     * Decodes the pickle at {@code file} and feeds its rows to {@code w}, reporting phase {@code "pickle"}
     * with bytes of the archive file read so far (the compressed position for gzip) and its size.
     *
     * <p>The pickle is parsed on a second thread while this one writes: parsed rows wait in a queue of
     * {@link #QUEUE} entries (a few MB), so parsing and SQLite inserts overlap and memory stays bounded.
     */
    static void read(Path file, boolean gzip, LedgerArchive.Writer w, LedgerArchive.Progress progress) {
        ArrayBlockingQueue<Object> q = new ArrayBlockingQueue<>(QUEUE);
        AtomicBoolean stop = new AtomicBoolean();
        Thread parser = new Thread(() -> {
            Object last;
            try {
                read(file, gzip, new QueueSink(q, stop), progress);
                last = END;
            } catch (Throwable e) {
                last = new Failure(e);
            }
            try {
                while (!stop.get() && !q.offer(last, 100, TimeUnit.MILLISECONDS)) {
                    // the writer is busy; keep trying until it takes the end marker or gives up
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pickle-datalog-reader");
        parser.setDaemon(true);
        parser.start();
        try {
            while (true) {
                Object ev = q.take();
                if (ev == END) {
                    return;
                }
                if (ev instanceof Failure f) {
                    if (f.e instanceof RuntimeException re) {
                        throw re;
                    }
                    if (f.e instanceof Error er) {
                        throw er;
                    }
                    throw new DatalogReader.LedgerException("cannot decode the pickled DataLog " + file + ": " + f.e, f.e);
                }
                if (ev instanceof Row r) {
                    w.challengeRow(r.ticker, r.sidx, r.price, r.vectors);
                } else if (ev instanceof long[] b) {
                    w.block(b[0], b[1]);
                } else if (ev instanceof Raw r) {
                    w.rawPayload(r.ts, r.hotkey, r.payload);
                } else if (ev instanceof Drand d) {
                    w.drand(d.round, d.signature);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatalogReader.LedgerException("pickle import of " + file + " interrupted", e);
        } finally {
            stop.set(true);
            q.clear();
            try {
                parser.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Rows (and other entries) parsed ahead of the writer, at most. */
    static final int QUEUE = 512;
    private static final Object END = new Object();

    private record Failure(Throwable e) {
    }

    private record Row(String ticker, long sidx, Double price, TreeMap<String, short[]> vectors) {
    }

    private record Raw(long ts, String hotkey, byte[] payload) {
    }

    private record Drand(long round, byte[] signature) {
    }

    /** Hands the parser's output to the writing thread; gives up when that thread has stopped. */
    private record QueueSink(ArrayBlockingQueue<Object> q, AtomicBoolean stop) implements DatalogUnpickler.Sink {
        private void put(Object o) {
            try {
                while (!q.offer(o, 100, TimeUnit.MILLISECONDS)) {
                    if (stop.get()) {
                        throw new CancellationException("the ledger writer stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }

        @Override
        public void block(long idx, long block) {
            put(new long[]{idx, block});
        }

        @Override
        public void row(String ticker, long sidx, Double price, TreeMap<String, short[]> vectors) {
            put(new Row(ticker, sidx, price, vectors));
        }

        @Override
        public void rawPayload(long ts, String hotkey, byte[] payload) {
            put(new Raw(ts, hotkey, payload));
        }

        @Override
        public void drand(long round, byte[] signature) {
            put(new Drand(round, signature));
        }
    }

    /** As {@link #read(Path, boolean, LedgerArchive.Writer, LedgerArchive.Progress)} into any sink; returns what the reader held. */
    static DatalogUnpickler.Stats read(Path file, boolean gzip, DatalogUnpickler.Sink sink, LedgerArchive.Progress progress) {
        long total;
        try {
            total = Files.size(file);
        } catch (IOException e) {
            throw new DatalogReader.LedgerException("cannot read the pickled DataLog " + file + ": " + e.getMessage(), e);
        }
        long step = Math.max(PROGRESS_STEP, total / 100);
        DatalogUnpickler u = null;
        try (CountingStream raw = new CountingStream(Files.newInputStream(file), total, step, progress);
             InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            u = new DatalogUnpickler(in, sink);
            Object root = u.run();
            u.checkRoot(root);
            progress.report("pickle", raw.count, total);
            return u.stats();
        } catch (DatalogUnpickler.NotADatalogException e) {
            throw new DatalogReader.LedgerException("not a pickled MANTIS DataLog: " + file + " holds " + e.getMessage(), null);
        } catch (DatalogUnpickler.PickleFormatException e) {
            throw new DatalogReader.LedgerException("malformed pickled DataLog " + file + ": " + e.getMessage(), e);
        } catch (DatalogReader.LedgerException e) {
            throw e; // from the ledger writer
        } catch (IOException | RuntimeException e) { // RuntimeException: a defect here, still reported with the offset
            String where = u == null ? "" : " (at pickle offset " + u.position() + ")";
            throw new DatalogReader.LedgerException("cannot decode the pickled DataLog " + file + ": " + e.getMessage() + where, e);
        }
    }

    /** Counts the archive file's bytes as they are read and reports progress every {@code step} bytes. */
    private static final class CountingStream extends FilterInputStream {
        final long total;
        final long step;
        final LedgerArchive.Progress progress;
        long count;
        long next;

        CountingStream(InputStream in, long total, long step, LedgerArchive.Progress progress) {
            super(new BufferedInputStream(in, 1 << 16));
            this.total = total;
            this.step = step;
            this.progress = progress;
            this.next = step;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            advance(k);
            return k;
        }

        private void advance(long n) {
            count += n;
            if (count >= next) {
                next = count + step;
                progress.report("pickle", count, total);
            }
        }
    }
}
