package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.math.Half;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Import benchmark (a main, not a test): writes a synthetic datalog.db of {@code days} days of steps
 * (1440 per day, every SAMPLE_EVERY blocks) with {@code hotkeys} hotkeys submitting to all 8 challenges,
 * then times {@link LedgerArchive#importArchive} and {@link LedgerStats#of}.
 *
 * <pre>java -cp mantis/target/classes:mantis/target/test-classes:$(cat cp) io.tao4j.mantis.ledger.LedgerImportBench 1 256 /tmp/bench</pre>
 */
public final class LedgerImportBench {
    public static void main(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int nHotkeys = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        Path dir = Path.of(args.length > 2 ? args[2] : "/tmp/ledger-bench");
        Files.createDirectories(dir);
        Path archive = BenchFiles.fresh(dir.resolve("datalog.db"));
        Path ledger = BenchFiles.fresh(dir.resolve("ledger.db"));
        long t0 = System.nanoTime();
        int steps = days * 1440;
        Ledger.open(archive, MantisConfig.CHALLENGES).close();
        List<String> hks = new ArrayList<>();
        for (int i = 0; i < nHotkeys; i++) {
            hks.add(String.format("5Bench%042d", i));
        }
        SplittableRandom rnd = new SplittableRandom(1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + archive)) {
            c.setAutoCommit(false);
            try (PreparedStatement b = c.prepareStatement("INSERT INTO blocks (idx, block) VALUES (?, ?)");
                 PreparedStatement d = c.prepareStatement("INSERT INTO challenge_data (ticker, sidx, price, hotkeys, embeddings) VALUES (?, ?, ?, ?, ?)")) {
                String hkJson = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(hks);
                for (int s = 0; s < steps; s++) {
                    long block = 5_000_000L + 5L * s;
                    b.setLong(1, s);
                    b.setLong(2, block);
                    b.executeUpdate();
                    for (MantisChallenge ch : MantisConfig.CHALLENGES) {
                        TreeMap<String, short[]> v = new TreeMap<>();
                        for (String hk : hks) {
                            short[] x = new short[ch.dim()];
                            for (int k = 0; k < x.length; k++) {
                                x[k] = Half.fromFloat((float) rnd.nextDouble(-1, 1));
                            }
                            v.put(hk, x);
                        }
                        d.setString(1, ch.ticker());
                        d.setLong(2, block / 5);
                        d.setDouble(3, 1000 + rnd.nextDouble());
                        d.setString(4, hkJson);
                        d.setBytes(5, EmbeddingBlobs.pack(v, ch.dim()));
                        d.executeUpdate();
                    }
                }
            }
            c.commit();
        }
        double gen = (System.nanoTime() - t0) / 1e9;
        System.out.printf("generated %d steps x %d hotkeys: %d bytes in %.1fs%n", steps, nHotkeys, Files.size(archive), gen);
        long t1 = System.nanoTime();
        LedgerArchive.ImportResult r = LedgerArchive.importArchive(archive, ledger, MantisConfig.CHALLENGES, (phase, done, total) -> {
            if (phase.equals("done") || done % 20_000 == 0) {
                System.out.printf("  %s %d/%d %.1fs%n", phase, done, total, (System.nanoTime() - t1) / 1e9);
            }
        });
        double imp = (System.nanoTime() - t1) / 1e9;
        System.out.printf("imported %d rows (%d vectors) in %.1fs: %.0f rows/s%n", r.challengeRows(), r.embeddingVectors(), imp,
                r.challengeRows() / imp);
        long t2 = System.nanoTime();
        LedgerStats st = LedgerStats.of(ledger);
        System.out.printf("stats in %.1fs: %d steps, %d hotkeys, %d bytes%n", (System.nanoTime() - t2) / 1e9, st.blocks(),
                st.distinctHotkeys(), st.fileBytes());
    }
}
