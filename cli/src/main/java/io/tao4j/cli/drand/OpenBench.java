package io.tao4j.cli.drand;

import io.tao4j.crypto.Hex;
import io.tao4j.crypto.aead.X25519;
import io.tao4j.drand.ChainInfo;
import io.tao4j.mantis.payload.OpenResult;
import io.tao4j.mantis.payload.PayloadOpener;
import io.tao4j.mantis.payload.PayloadSealer;
import io.tao4j.mantis.payload.V2Payload;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark of the validator's hot path: opening N MANTIS v2 payloads for one drand round (one pairing
 * each, plus the IBE check, X25519 and two ChaCha20-Poly1305 opens). Seals N payloads to round 1000 of
 * quicknet, then opens them with the real round-1000 signature, single-threaded and on all cores.
 *
 * <p>Run: {@code tao4j drand bench [--payloads N] [--runs R]} (the benchmark lives in the application, not in a
 * library jar).
 */
public final class OpenBench {
    /** The real quicknet signature of round 1000. */
    static final String SIG_1000 =
            "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39";

    private OpenBench() {
    }

    /** Results of one run, in milliseconds per full batch. */
    public record Result(int payloads, double sealMs, double bestSingleThreadMs, double bestParallelMs, int threads) {
    }

    public static Result run(int count, int repetitions, PrintStream out) throws Exception {
        SecureRandom rnd = new SecureRandom();
        byte[] ownerSk = new byte[32];
        rnd.nextBytes(ownerSk);
        byte[] ownerPk = X25519.publicKey(ownerSk);
        Tlock tlock = new Tlock(ChainInfo.QUICKNET.publicKeyPoint());
        PayloadSealer sealer = new PayloadSealer(tlock, ownerPk, TlockLayout.CURRENT, rnd);
        byte[] sig = Hex.decode(SIG_1000);
        String hk = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        byte[] pt = PayloadSealer.preparePlaintext(hk,
                "{\"ETH\":[0.1,-0.2],\"ETHHITFIRST\":[0.3,0.3,0.4],\"CADUSD\":[0.5,0.5]}");
        long t0 = System.nanoTime();
        List<byte[]> raws = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            V2Payload p = sealer.seal(hk, 1000, pt);
            raws.add(p.toJson().getBytes(StandardCharsets.UTF_8));
        }
        double sealMs = (System.nanoTime() - t0) / 1e6;
        PayloadOpener opener = new PayloadOpener(ownerPk);
        PayloadOpener.SignatureSource sigs = r -> r == 1000 ? sig : null;
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        double bestSingle = Double.MAX_VALUE;
        double bestParallel = Double.MAX_VALUE;
        try {
            for (int rep = 0; rep < repetitions; rep++) {
                long s = System.nanoTime();
                for (byte[] raw : raws) {
                    check(opener.openRaw(raw, sigs, hk));
                }
                double single = (System.nanoTime() - s) / 1e6;
                bestSingle = Math.min(bestSingle, single);
                s = System.nanoTime();
                List<Future<OpenResult>> fs = new ArrayList<>(count);
                for (byte[] raw : raws) {
                    fs.add(pool.submit(() -> opener.openRaw(raw, sigs, hk)));
                }
                for (Future<OpenResult> f : fs) {
                    check(f.get());
                }
                double par = (System.nanoTime() - s) / 1e6;
                bestParallel = Math.min(bestParallel, par);
                out.printf(Locale.ROOT, "run %d: open %d payloads: %.1f ms on 1 thread, %.1f ms on %d threads%n",
                        rep + 1, count, single, par, threads);
            }
        } finally {
            pool.shutdown();
        }
        Result r = new Result(count, sealMs, bestSingle, bestParallel, threads);
        out.printf(Locale.ROOT, "sealed %d payloads in %.1f ms (%.2f ms each)%n", count, sealMs, sealMs / count);
        out.printf(Locale.ROOT, "best: open %d payloads in %.1f ms single-threaded (%.3f ms each), %.1f ms on %d threads"
                        + " (target < 1000 ms)%n", count, bestSingle, bestSingle / count, bestParallel, threads);
        return r;
    }

    private static void check(OpenResult r) {
        if (!r.isOpened()) {
            throw new IllegalStateException("benchmark payload did not open: " + r);
        }
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        run(count, reps, System.out);
    }
}
