package io.tao4j.wallet.kdf;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import io.tao4j.wallet.KeyfileCrypto;
import io.tao4j.wallet.Vectors;
import io.tao4j.wallet.password.Password;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Time to unlock a {@code $NACL} keyfile (Argon2i, 8 passes, 512 MiB), JVM start included: each run starts a
 * fresh JVM that loads the libsodium-made node keyfile vector, derives the key and opens the secretbox, then
 * exits. Prints figures only; nothing is asserted.
 * Run: {@code java -cp <wallet test classpath> io.tao4j.wallet.kdf.UnlockBench [runs] [native|java ...]}.
 */
public final class UnlockBench {

    private UnlockBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--once")) {
            once(args[1]);
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String> modes = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of("native", "java");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        for (String mode : modes) {
            long[] ms = new long[runs];
            for (int i = 0; i < runs; i++) {
                List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g",
                        "-D" + NaclKdf.PROPERTY + "=" + mode,
                        "-cp", System.getProperty("java.class.path")));
                String shared = System.getProperty("tao4j.shared");
                if (shared != null) {
                    cmd.add(1, "-Dtao4j.shared=" + shared);
                }
                cmd.addAll(List.of(UnlockBench.class.getName(), "--once", mode));
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(cmd).inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("bench child failed: " + String.join(" ", cmd));
                }
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            Arrays.sort(ms);
            System.out.printf("%-7s unlock incl. JVM start: median %d ms, min %d ms, max %d ms (%d runs)%n",
                    mode, ms[runs / 2], ms[0], ms[runs - 1], runs);
        }
        System.out.println("cpus " + Runtime.getRuntime().availableProcessors() + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private static void once(String mode) throws Exception {
        JsonNode v = Vectors.nodeNacl().get("nacl_keyfile");
        long t0 = System.nanoTime();
        Argon2iKdf kdf = NaclKdf.get();
        if (!mode.equals("auto") && !kdf.name().toLowerCase().contains(mode.equals("native") ? "libsodium" : "java")) {
            throw new IllegalStateException("asked for " + mode + " but got " + kdf.name());
        }
        long t1 = System.nanoTime();
        byte[] plain;
        try (Password pw = Password.of(v.get("password_utf8").asText(), "bench")) {
            plain = KeyfileCrypto.decrypt(Hex.decode(v.get("file_bytes_hex").asText()), pw, "bench keyfile");
        }
        long t2 = System.nanoTime();
        if (plain.length == 0) {
            throw new IllegalStateException("empty plaintext");
        }
        System.out.printf("  %s: load %d ms, derive+open %d ms%n", kdf.name(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000);
    }
}
