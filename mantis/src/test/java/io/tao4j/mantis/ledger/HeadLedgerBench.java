package io.tao4j.mantis.ledger;

import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.MantisConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Ledger benchmark at bcff57b (a main, not a test). Appends {@code steps} steps of {@code hotkeys} hotkeys × the
 * 12 challenges (random vectors in [−1, 1], every hotkey submitting every challenge, prices for the 33 + funding
 * assets) to a fresh compact ledger — each step = {@link Ledger#appendStep(long, Map, Map, Map)} plus the batch
 * {@link Ledger#storeDecryptedValues(Map)} of the step's payloads — and prints the mean time per step; then
 * exports the upstream layout and prints both file sizes (extrapolated linearly to 30 days = 43 200 steps); then
 * times {@link HeadDatalogReader#read} of every challenge on both files and {@link DatalogReader#read} (the 8
 * single-asset challenges) and prints MB/s of file read.
 *
 * <pre>java -cp mantis/target/classes:mantis/target/test-classes:$(cat cp) io.tao4j.mantis.ledger.HeadLedgerBench 256 300 /tmp/hb</pre>
 */
public final class HeadLedgerBench {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int nHotkeys = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dir = Path.of(args.length > 2 ? args[2] : "/tmp/head-ledger-bench");
        Files.createDirectories(dir);
        Path ledger = BenchFiles.fresh(dir.resolve("ledger.db"));
        Path upstream = BenchFiles.fresh(dir.resolve("datalog.db"));
        Protocol proto = Protocol.BCFF57B;
        SplittableRandom rnd = new SplittableRandom(1);
        List<String> hks = new ArrayList<>();
        for (int i = 0; i < nHotkeys; i++) {
            StringBuilder sb = new StringBuilder("5");
            for (int k = 0; k < 47; k++) {
                sb.append("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".charAt(rnd.nextInt(58)));
            }
            hks.add(sb.toString());
        }
        Map<String, Double> prices = new HashMap<>();
        Map<String, Double> funding = new LinkedHashMap<>();
        long appendNanos = 0;
        long stepNanos = 0;
        long cpuNanos = 0;
        long measured = 0;
        long block = 7_000_000;
        try (Ledger l = Ledger.open(ledger, proto)) {
            for (int s = 0; s < steps; s++, block += 5) {
                for (Challenge c : proto.challenges()) {
                    prices.put(c.ticker(), c.multiAsset() ? 0.0 : 100 + rnd.nextDouble());
                }
                for (String a : Protocol.BREAKOUT_ASSETS) {
                    prices.put(a, 10 + rnd.nextDouble());
                }
                for (String a : Protocol.FUNDING_ASSETS) {
                    funding.put(a, rnd.nextDouble() * 1e-4);
                }
                Map<String, byte[]> raw = new LinkedHashMap<>();
                for (String hk : hks) {
                    raw.put(hk, "{}".getBytes());
                }
                Map<Ledger.Pending, Map<String, double[]>> batch = new LinkedHashMap<>();
                long pendingBlock = block - 300;
                for (String hk : hks) {
                    Map<String, double[]> v = new LinkedHashMap<>();
                    for (Challenge c : proto.challenges()) {
                        double[] x = new double[c.storageDim()];
                        for (int i = 0; i < x.length; i++) {
                            x[i] = rnd.nextDouble() * 2 - 1;
                        }
                        v.put(c.ticker(), x);
                    }
                    batch.put(new Ledger.Pending(0, pendingBlock, hk, new byte[0]), v);
                }
                long c0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                l.appendStep(block, prices, funding, raw);
                long t1 = System.nanoTime();
                l.storeDecryptedValues(batch);
                long dt = System.nanoTime() - t0;
                long dc = CPU.getCurrentThreadCpuTime() - c0;
                if (s >= Math.min(20, steps / 5)) {
                    appendNanos += dt;
                    cpuNanos += dc;
                    stepNanos += t1 - t0;
                    measured++;
                }
            }
        }
        System.out.printf("append: %d hotkeys x 12 challenges, %d steps: %.2f ms per step (mean of the last %d; "
                        + "appendStep %.2f ms, payload batch %.2f ms; CPU %.2f ms per step)%n", nHotkeys, steps,
                appendNanos / 1e6 / measured, measured, stepNanos / 1e6 / measured, (appendNanos - stepNanos) / 1e6 / measured,
                cpuNanos / 1e6 / measured);
        LedgerArchive.export(ledger, upstream, proto);
        long ours = Files.size(ledger);
        long theirs = Files.size(upstream);
        double f = 43_200.0 / steps;
        System.out.printf("size: compact %.1f MB, upstream %.1f MB (%.1f %%); 30 days x %d hotkeys extrapolated: "
                        + "%.2f GB vs %.2f GB%n", ours / 1e6, theirs / 1e6, 100.0 * ours / theirs, nHotkeys,
                ours * f / 1e9, theirs * f / 1e9);
        for (int rep = 0; rep < 3; rep++) {
            for (Path p : List.of(upstream, ledger)) {
                long c0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                HeadTrainingData d = HeadDatalogReader.read(p, proto, 0, null);
                double s = (System.nanoTime() - t0) / 1e9;
                double cs = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
                long t1 = System.nanoTime();
                DatalogReader.read(p, MantisConfig.CHALLENGES, java.util.OptionalLong.empty());
                double s8 = (System.nanoTime() - t1) / 1e9;
                System.out.printf("read %s (%.1f MB): 12 challenges %.2f s = %.0f MB/s (CPU %.2f s = %.0f MB/s; %d tickers);"
                                + " 8 single-asset %.2f s%n", p.getFileName(), Files.size(p) / 1e6, s, Files.size(p) / 1e6 / s,
                        cs, Files.size(p) / 1e6 / cs, d.tickers().size(), s8);
            }
        }
    }
}
