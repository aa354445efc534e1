package io.tao4j.crypto.bench;

import io.tao4j.crypto.Sr25519;
import io.tao4j.crypto.Sr25519KeyPair;

/**
 * Rough sr25519 throughput (single thread): key expansion, signing and verification. Prints figures only;
 * nothing is asserted. Run: {@code java -cp <test classpath> io.tao4j.crypto.bench.Sr25519Bench [seconds]}.
 */
public final class Sr25519Bench {

    private Sr25519Bench() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        Sr25519KeyPair kp = Sr25519KeyPair.fromUri("//Alice");
        byte[] msg = new byte[128];
        byte[] pub = kp.publicKey();
        byte[] sig = kp.sign(msg);
        // warm-up
        run("warm-up sign", 1.0, () -> kp.sign(msg));
        run("warm-up verify", 1.0, () -> Sr25519.verify(pub, msg, sig));
        run("sign (128-byte message)", seconds, () -> kp.sign(msg));
        run("verify (128-byte message)", seconds, () -> {
            if (!Sr25519.verify(pub, msg, sig)) {
                throw new IllegalStateException("verification failed");
            }
        });
        byte[] mini = new byte[32];
        run("key from mini secret", seconds, () -> {
            mini[0]++;
            Sr25519KeyPair.fromMiniSecret(mini);
        });
        run("hard derivation", seconds, () -> kp.deriveHard("bench"));
    }

    private static void run(String name, double seconds, Runnable op) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        while (System.nanoTime() < end) {
            op.run();
            n++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!name.startsWith("warm-up")) {
            System.out.printf("%-28s %10.0f ops/s  (%d ops in %.2f s)%n", name, n / elapsed, n, elapsed);
        }
    }
}
