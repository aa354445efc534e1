package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.MantisConfig;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Pickle import benchmark (a main, not a test): writes a 2e9bc5b-shaped pickled {@code DataLog} of {@code days}
 * days (1440 steps a day, all 8 challenges, {@code hotkeys} hotkeys, hotkey j from step j) with
 * {@link DatalogPickleWriter} — which reproduces CPython's pickle of MANTIS's DataLog byte for byte, see
 * {@code PickleDatalogReaderTest} — then parses it with a counting sink and imports it into a new ledger,
 * printing vectors/s, the reader's retained state and peak heap. Python cannot build a DataLog of this size
 * in memory (~90 M numpy arrays), which is why the archive is written from Java.
 *
 * <pre>
 * mvn -q -o -pl mantis test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp
 * java -Xmx256m -cp mantis/target/classes:mantis/target/test-classes:$(cat /tmp/cp) \
 *     io.tao4j.mantis.ledger.PickleImportBench 30 256 /tmp/pickle-bench [gz]
 * # or an existing archive, e.g. one written by Python with tools/parity/mantis/gen_pickle_bench.py:
 * java -Xmx256m -cp … io.tao4j.mantis.ledger.PickleImportBench --archive /tmp/py/mantis_datalog.pkl [/tmp/py/ledger.db]
 * </pre>
 */
public final class PickleImportBench {
    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("--archive")) { // an existing archive, e.g. from tools/parity/mantis/gen_pickle_bench.py
            Path archive = Path.of(args[1]);
            Path ledger = BenchFiles.fresh(Path.of(args.length > 2 ? args[2] : "/tmp/pickle-bench-ledger.db"));
            run(archive, archive.toString().endsWith(".gz"), ledger);
            return;
        }
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int nHotkeys = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        Path dir = Path.of(args.length > 2 ? args[2] : "/tmp/pickle-bench");
        boolean gz = args.length > 3 && args[3].equals("gz");
        Files.createDirectories(dir);
        Path archive = dir.resolve(gz ? "mantis_datalog.pkl.gz" : "mantis_datalog.pkl");
        Path ledger = BenchFiles.fresh(dir.resolve("ledger.db"));
        PickleContents.Generated c = new PickleContents.Generated(days * 1440, nHotkeys);
        System.out.printf("max heap %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        if (!Files.exists(archive)) {
            long t0 = System.nanoTime();
            try (OutputStream o = gz ? new GZIPOutputStream(Files.newOutputStream(archive), 1 << 20)
                    : new BufferedOutputStream(Files.newOutputStream(archive), 1 << 20)) {
                DatalogPickleWriter.write(c, o);
            }
            System.out.printf("wrote %s: %d steps x 8 challenges x %d hotkeys, %d vectors, %d bytes in %.1fs%n", archive,
                    c.steps, nHotkeys, c.vectors(), Files.size(archive), (System.nanoTime() - t0) / 1e9);
        } else {
            System.out.printf("reusing %s (%d bytes, %d vectors)%n", archive, Files.size(archive), c.vectors());
        }

        run(archive, gz, ledger);
    }

    private static void run(Path archive, boolean gz, Path ledger) throws Exception {
        resetPeaks();
        long t1 = System.nanoTime();
        long[] vectors = new long[1];
        DatalogUnpickler.Stats st = PickleDatalogReader.read(archive, gz, new DatalogUnpickler.Sink() {
            @Override
            public void block(long idx, long block) {
            }

            @Override
            public void row(String ticker, long sidx, Double price, TreeMap<String, short[]> v) {
                vectors[0] += v.size();
            }

            @Override
            public void rawPayload(long ts, String hotkey, byte[] payload) {
            }

            @Override
            public void drand(long round, byte[] signature) {
            }
        }, progress(t1));
        double parse = (System.nanoTime() - t1) / 1e9;
        System.out.printf("parse only: %d vectors in %.1fs = %.0f vectors/s (%.0f MB/s of archive), peak heap %d MiB%n",
                vectors[0], parse, vectors[0] / parse, Files.size(archive) / parse / 1e6, peakHeap() >> 20);
        System.out.println("  reader " + st);

        resetPeaks();
        long t2 = System.nanoTime();
        LedgerArchive.ImportResult r = LedgerArchive.importArchive(archive, ledger, MantisConfig.CHALLENGES, progress(t2));
        double imp = (System.nanoTime() - t2) / 1e9;
        System.out.printf("import: %d rows, %d vectors in %.1fs = %.0f vectors/s, peak heap %d MiB, ledger %d bytes%n",
                r.challengeRows(), r.embeddingVectors(), imp, r.embeddingVectors() / imp, peakHeap() >> 20, Files.size(ledger));
    }

    private static LedgerArchive.Progress progress(long start) {
        return (phase, done, total) -> System.out.printf("  %s %d/%d %.1fs%n", phase, done, total, (System.nanoTime() - start) / 1e9);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
