package io.tao4j.cli.mantis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.cli.Tao4j;
import io.tao4j.mantis.salience.math.Half;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class MantisSalienceCommandTest {
    @TempDir
    Path dir;

    static final class Run {
        final int code;
        final String out;
        final String err;

        Run(String... args) {
            CommandLine cl = Tao4j.commandLine();
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            cl.setOut(new PrintWriter(o));
            cl.setErr(new PrintWriter(e));
            code = cl.execute(args);
            out = o.toString();
            err = e.toString();
        }
    }

    static byte[] pack(String[] hks, float[][] vecs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder js = new StringBuilder("[");
        for (int i = 0; i < hks.length; i++) js.append(i == 0 ? "" : ", ").append('"').append(hks[i]).append('"');
        out.writeBytes(js.append(']').toString().getBytes(StandardCharsets.UTF_8));
        out.write(0);
        ByteBuffer bb = ByteBuffer.allocate(hks.length * vecs[0].length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : vecs) for (float f : v) bb.putShort(Half.fromFloat(f));
        out.writeBytes(bb.array());
        return out.toByteArray();
    }

    /**
     * A small datalog.db (ledger.py layout) with one binary challenge (ETH): hotkey "good" submits the
     * sign of the return 60 samples ahead (right 75% of the time), "noise" submits random values.
     */
    Path ledger(int rows) throws Exception {
        Path db = dir.resolve("datalog.db");
        SplittableRandom rnd = new SplittableRandom(3);
        double[] price = new double[rows + 60];
        price[0] = 2000;
        for (int t = 1; t < price.length; t++) price[t] = price[t - 1] * (1 + (rnd.nextDouble() - 0.5) * 0.002);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().executeUpdate("CREATE TABLE challenge_data (ticker TEXT NOT NULL, sidx INTEGER NOT NULL,"
                    + " price REAL, price_data TEXT, hotkeys TEXT, embeddings BLOB, PRIMARY KEY (ticker, sidx))");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO challenge_data VALUES ('ETH', ?, ?, NULL, ?, ?)")) {
                for (int t = 0; t < price.length; t++) {
                    boolean up = t + 60 < price.length ? price[t + 60] > price[t] : rnd.nextBoolean();
                    if (rnd.nextInt(4) == 0) up = !up;
                    float[][] v = {{up ? 0.5f : -0.5f, 0.25f},
                            {(float) (rnd.nextDouble() * 2 - 1), (float) (rnd.nextDouble() * 2 - 1)}};
                    ps.setLong(1, 5000 + t);
                    ps.setDouble(2, price[t]);
                    ps.setString(3, "[\"good\", \"noise\"]");
                    ps.setBytes(4, pack(new String[] {"good", "noise"}, v));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return db;
    }

    @Test
    void jsonOutputHasTheDocumentedShape() throws Exception {
        Path db = ledger(9000);
        Run r = new Run("mantis", "salience", "--ledger", db.toString(), "--json", "--protocol", "2e9bc5b");
        assertThat(r.code).as(r.err).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.fieldNames()).toIterable().containsExactly("salience", "per_challenge", "seconds");
        assertThat(j.get("per_challenge").fieldNames()).toIterable().containsExactly("ETH");
        double good = j.get("salience").get("good").asDouble();
        double noise = j.get("salience").get("noise").asDouble();
        assertThat(good + noise).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(good).isGreaterThan(noise);
        assertThat(j.get("seconds").has("total")).isTrue();
    }

    /** At the default protocol: the HEAD engine over all 12 challenges, in run_reference_head.py's shape. */
    @Test
    void headJsonHasTheReferenceRunnersShape() throws Exception {
        Path db = ledger(16_000); // HEAD's binary scorer needs 5 daily windows after the first selection fit
        Run r = new Run("mantis", "salience", "--ledger", db.toString(), "--json");
        assertThat(r.code).as(r.err).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.fieldNames()).toIterable().containsExactly("salience", "per_challenge", "empty_challenges",
                "weights", "seconds");
        assertThat(j.get("per_challenge").fieldNames()).toIterable().containsExactly("ETH");
        java.util.List<String> empty = new java.util.ArrayList<>();
        j.get("empty_challenges").forEach(n -> empty.add(n.asText()));
        assertThat(empty).containsExactly("ETHHITFIRST", "ETHLBFGS", "BTCLBFGS", "CADUSD", "NZDUSD", "CHFUSD",
                "XAGUSD", "MULTIBREAKOUT", "MULTIXSEC", "FUNDINGXSEC", "TRADEMIX");
        assertThat(j.get("weights").get("MULTIBREAKOUT").asDouble()).isEqualTo(5.0);
        double good = j.get("salience").get("good").asDouble();
        double noise = j.get("salience").path("noise").asDouble(0);
        assertThat(good + noise).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(good).isGreaterThan(noise);
        assertThat(j.get("seconds").fieldNames()).toIterable().startsWith("load", "ETH").endsWith("total");
        assertThat(j.get("seconds").has("ETHLBFGS")).isTrue();
        Run text = new Run("mantis", "salience", "--ledger", db.toString());
        assertThat(text.code).as(text.err).isZero();
        assertThat(text.out).contains("good", "ETH", "MULTIBREAKOUT: no output (too little data)");
        Run cut = new Run("mantis", "salience", "--ledger", db.toString(), "--until-sidx", "5400");
        assertThat(cut.code).as(cut.err).isZero();
        assertThat(cut.out).contains("salience is empty"); // 400 rows
        assertThat(new ObjectMapper().readTree(new Run("mantis", "salience", "--ledger", db.toString(), "--json",
                "--until-sidx", "0").out).get("empty_challenges")).hasSize(12);
    }

    @Test
    void aLedgerInAnotherLayoutIsAnErrorSayingWhatToDo() throws Exception {
        Path pkl = dir.resolve("mantis_datalog.pkl");
        Files.write(pkl, new byte[]{(byte) 0x80, 5, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        Run r = new Run("mantis", "salience", "--ledger", pkl.toString());
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("pickled MANTIS DataLog").contains("tao4j mantis ledger import");
        Path old = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old)) {
            c.createStatement().executeUpdate("CREATE TABLE challenge_data (ticker TEXT NOT NULL, sidx INTEGER NOT NULL,"
                    + " price REAL, hotkeys TEXT, embeddings BLOB, PRIMARY KEY (ticker, sidx))");
        }
        Run o = new Run("mantis", "salience", "--ledger", old.toString());
        assertThat(o.code).isEqualTo(1);
        assertThat(o.err).contains("not in the HEAD (bcff57b) datalog.db layout").contains("--protocol 2e9bc5b");
        assertThat(o.err.lines().filter(l -> !l.startsWith("warning:")).count()).as(o.err).isEqualTo(1);
        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other)) {
            c.createStatement().executeUpdate("CREATE TABLE t (x INTEGER)");
        }
        Run x = new Run("mantis", "salience", "--ledger", other.toString());
        assertThat(x.code).isEqualTo(1);
        assertThat(x.err).contains("no challenge_data table").contains("HEAD (bcff57b) datalog.db layout");
    }

    @Test
    void untilSidxCutsTheHistoryAndTextOutputListsHotkeys() throws Exception {
        Path db = ledger(9000);
        Run r = new Run("mantis", "salience", "--ledger", db.toString(), "--until-sidx", "5400", "--protocol", "2e9bc5b");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("salience is empty"); // 400 rows < 500: the binary scorer returns {}
        Run full = new Run("mantis", "salience", "--ledger", db.toString(), "--protocol", "2e9bc5b");
        assertThat(full.code).isZero();
        assertThat(full.out).contains("good", "noise", "ETH");
    }

    @Test
    void lbfgsRulesAreNamedOrRefused() throws Exception {
        Path db = ledger(3000);
        Run bad = new Run("mantis", "salience", "--ledger", db.toString(), "--lbfgs-rules", "sklearn-1.3");
        assertThat(bad.code).isEqualTo(1);
        assertThat(bad.err).contains("--lbfgs-rules must be sklearn-1.7 or sklearn-1.2, got 'sklearn-1.3'");
        Run old = new Run("mantis", "salience", "--ledger", db.toString(), "--json", "--lbfgs-rules", "sklearn-1.2");
        assertThat(old.code).as(old.err).isZero();
        assertThat(new ObjectMapper().readTree(old.out).has("per_challenge")).isTrue();
    }

    @Test
    void badLedgerIsAOneLineError() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "not a database ".repeat(100));
        Run r = new Run("mantis", "salience", "--ledger", junk.toString());
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("junk.db");
        Run missing = new Run("mantis", "salience", "--ledger", dir.resolve("none.db").toString());
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.err).contains("not found");
    }

    @Test
    void benchRejectsBadArguments() {
        Run r = new Run("mantis", "bench-salience", "--hotkeys", "0");
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("--hotkeys");
    }

    @Test
    void benchRunsOnATinyShape() {
        Run r = new Run("mantis", "bench-salience", "--hotkeys", "4", "--days", "1", "--protocol", "2e9bc5b");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("peak heap", "total", "ETH/binary");
    }

    @Test
    void headBenchCoversEveryChallengeAndSaysWhichHaveNoScorer() {
        Run r = new Run("mantis", "bench-salience", "--hotkeys", "6", "--days", "1", "--threads", "2");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("HEAD engine (protocol bcff57b)", "peak heap", "peak RSS", "total", "breakout samples");
        for (var c : io.tao4j.mantis.protocol.Protocol.BCFF57B.challenges()) {
            assertThat(r.out).contains(c.ticker());
            boolean scored = new io.tao4j.mantis.salience.head.HeadSalienceEngine(io.tao4j.mantis.protocol.Protocol.BCFF57B, 1)
                    .hasScorer(c);
            String line = r.out.lines().filter(l -> l.startsWith(c.ticker() + " ")).findFirst().orElseThrow();
            assertThat(line.endsWith("no scorer")).as(line).isEqualTo(!scored);
        }
    }

    @Test
    void headBenchRunsTheSelectedChallengesOnly() {
        Run r = new Run("mantis", "bench-salience", "--hotkeys", "4", "--days", "1", "--challenges", "multibreakout,TRADEMIX");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out.lines().filter(l -> l.startsWith("ETH ")).findFirst().orElseThrow()).endsWith("not selected");
        assertThat(r.out.lines().filter(l -> l.startsWith("MULTIBREAKOUT ")).findFirst().orElseThrow())
                .doesNotEndWith("not selected");
        Run bad = new Run("mantis", "bench-salience", "--challenges", "NOPE");
        assertThat(bad.code).isEqualTo(1);
        assertThat(bad.err).contains("--challenges: NOPE is not a challenge");
    }

    @Test
    void headBenchDoesNotDependOnTheThreadCount() {
        var p = io.tao4j.mantis.protocol.Protocol.BCFF57B;
        var one = HeadSalienceBench.run(p, 6, 6, 3, 1);
        var two = HeadSalienceBench.run(p, 6, 6, 3, 2);
        assertThat(two.salience()).as(one.toString()).isEqualTo(one.salience()).isNotEmpty();
        assertThat(one.breakoutSamples()).isPositive();
        assertThat(one.lines()).hasSize(12);
    }
}
