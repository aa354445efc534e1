package io.tao4j.mantis.ledger;

import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@link HeadDatalogReader#read(Path, Protocol, long, Set)} through several read-only connections: each worker reads
 * one challenge at a time, the multi-asset ones (the largest) first. The data is assembled, and the first failure
 * chosen, in challenge order, so the result is the sequential read's. Each statement sees its own snapshot, as the
 * sequential read's statements do. A connection that cannot be opened leaves its share to the others.
 */
final class ConcurrentChallengeRead {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentChallengeRead.class);

    private ConcurrentChallengeRead() {}

    /**
     * @param first an open read-only connection to {@code db} (used by the calling thread, not closed here)
     * @param limit rows with {@code sidx·sampleEvery > limit} are not read
     */
    static HeadTrainingData read(Connection first, Path db, Protocol protocol, long limit, Set<String> active,
                                 int threads) throws SQLException {
        List<Challenge> chs = protocol.challenges();
        int n = chs.size();
        // largest first, so the last one to finish is a small one
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, java.util.Comparator.comparingInt(i -> chs.get(i).loss().multiAsset() ? 0 : 1));
        Object[] loaded = new Object[n];
        Throwable[] failed = new Throwable[n];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        int workers = Math.min(threads, n);
        Thread[] pool = new Thread[workers - 1];
        Throwable[] openFailed = new Throwable[workers];
        Runnable[] work = new Runnable[workers];
        for (int w = 0; w < workers; w++) {
            final int wi = w;
            work[w] = () -> {
                Connection conn = null;
                try {
                    conn = wi == 0 ? first : SqliteReadOnly.open(db);
                    HeadDatalogReader r = HeadDatalogReader.of(conn, protocol, limit, active);
                    for (int q; (q = next.getAndIncrement()) < n; ) {
                        int i = order[q];
                        try {
                            loaded[i] = r.load(chs.get(i));
                        } catch (SQLException e) {
                            failed[i] = new DatalogReader.LedgerException("cannot read the ledger: " + e.getMessage(), e);
                        } catch (RuntimeException | Error e) {
                            failed[i] = e;
                        }
                        done.incrementAndGet();
                    }
                } catch (SQLException | RuntimeException | Error e) {
                    openFailed[wi] = e; // the other workers take its challenges
                } finally {
                    if (wi != 0 && conn != null) {
                        try {
                            conn.close();
                        } catch (SQLException ignored) {
                            // read-only: nothing to lose
                        }
                    }
                }
            };
        }
        for (int w = 1; w < workers; w++) {
            pool[w - 1] = new Thread(work[w], "ledger-read-" + w);
            pool[w - 1].setDaemon(true);
            pool[w - 1].start();
        }
        work[0].run();
        for (Thread t : pool) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatalogReader.LedgerException("interrupted while reading the ledger", null);
            }
        }
        for (Throwable e : openFailed) {
            if (e != null && done.get() < n) {
                throw rethrow(e); // no worker could read: the challenges left are not loaded
            }
        }
        for (Throwable e : openFailed) {
            if (e != null) {
                // another connection read everything
                LOG.warn("one of the read-only connections to {} failed ({}); the others read the whole ledger", db,
                        e.toString());
            }
        }
        HeadTrainingData out = new HeadTrainingData();
        for (int i = 0; i < n; i++) {
            if (failed[i] != null) {
                throw rethrow(failed[i]);
            }
            HeadDatalogReader.put(out, chs.get(i), loaded[i]);
        }
        return out;
    }

    private static RuntimeException rethrow(Throwable e) throws SQLException {
        if (e instanceof SQLException q) {
            throw q;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return (RuntimeException) e;
    }

}
