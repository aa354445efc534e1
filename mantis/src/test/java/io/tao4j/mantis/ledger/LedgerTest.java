package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerTest {
    static final String A = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
    static final String B = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    static Map<String, Double> prices(double eth) {
        Map<String, Double> p = new HashMap<>();
        for (var ch : MantisConfig.CHALLENGES) {
            p.put(ch.ticker(), eth);
        }
        p.put("CADUSD", 0.0); // missing prices are not stored, as in the reference
        return p;
    }

    @Test
    void stepsPendingPayloadsAndDecryptedVectorsRoundTripThroughTheReferenceSchema(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("ledger.db");
        try (Ledger l = Ledger.open(db, MantisConfig.CHALLENGES)) {
            for (int i = 0; i < 3; i++) {
                l.appendStep(1000 + 5L * i, prices(3000 + i), Map.of(A, ("{\"v\":2,\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(l.blockCount()).isEqualTo(3);
            assertThat(l.lastBlock()).hasValue(1010);
            assertThat(l.pendingCount()).isEqualTo(3);
            // nothing is mature 300 blocks before; everything is after
            assertThat(l.mature(1100, 300)).isEmpty();
            List<Ledger.Pending> mature = l.mature(1310, 300);
            assertThat(mature).extracting(Ledger.Pending::block).containsExactly(1000L, 1005L, 1010L);
            assertThat(l.recordAttempt(mature.get(0), "round not yet available")).isEqualTo(1);
            assertThat(l.recordAttempt(mature.get(0), "round not yet available")).isEqualTo(2);
            l.storeDecrypted(mature.get(0), Map.of("ETH", new float[]{0.5f, -0.25f}, "ETHHITFIRST", new float[3]));
            float[] lbfgs = new float[17];
            java.util.Arrays.fill(lbfgs, 0.2f);
            l.storeDecrypted(mature.get(1), Map.of("ETH", new float[]{1f, 0f}, "ETHLBFGS", lbfgs));
            l.drop(mature.get(2));
            assertThat(l.pendingCount()).isZero();
            assertThat(l.firstSeen()).containsEntry(A, 1000L);
            l.putDrandSignature(1000, new byte[]{1, 2, 3});
            assertThat(l.drandSignature(1000)).hasValueSatisfying(s -> assertThat(s).containsExactly(1, 2, 3));
            l.saveWeights(new Ledger.SavedWeights(1300, List.of(2, 3), List.of(0.75, 0.25)));
            assertThat(l.latestWeights()).hasValueSatisfying(w -> assertThat(w.uids()).containsExactly(2, 3));
        }
        // the rows use MANTIS's own layout: the reader written for live datalog.db files reads them
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("SELECT hotkeys, embeddings, price FROM challenge_data WHERE ticker='ETH' AND sidx=200")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("[\"" + A + "\"]");
            byte[] blob = rs.getBytes(2);
            assertThat(new String(blob, 0, blob.length - 5, StandardCharsets.UTF_8)).isEqualTo("[\"" + A + "\"]");
            assertThat(blob[blob.length - 5]).isZero();
            // float16 LE of 0.5 = 0x3800, of -0.25 = 0xB400
            assertThat(new byte[]{blob[blob.length - 4], blob[blob.length - 3], blob[blob.length - 2], blob[blob.length - 1]})
                    .containsExactly(0x00, 0x38, 0x00, (byte) 0xB4);
            assertThat(rs.getDouble(3)).isEqualTo(3000.0);
        }
        TrainingData td = DatalogReader.read(db, MantisConfig.CHALLENGES, OptionalLong.empty());
        ChallengeSeries lb = td.series("ETHLBFGS").orElseThrow();
        assertThat(lb.rows()).isEqualTo(3);
        assertThat(lb.hotkeys()).containsExactly(A);
        assertThat(lb.embedding(0)[17]).isEqualTo(0.2f, org.assertj.core.api.Assertions.within(1e-3f)); // row 1, first value
    }

    @Test
    void pruningRemovesDepartedHotkeysOnly(@TempDir Path dir) throws Exception {
        try (Ledger l = Ledger.open(dir.resolve("p.db"), MantisConfig.CHALLENGES)) {
            l.appendStep(1000, prices(3000), Map.of(A, new byte[]{1}, B, new byte[]{2}));
            for (Ledger.Pending p : l.mature(2000, 300)) {
                l.storeDecrypted(p, Map.of("ETH", new float[]{0.5f, 0.5f}));
            }
            assertThat(l.firstSeen()).containsOnlyKeys(A, B);
            assertThat(l.pruneHotkeys(java.util.Set.of(A))).isEqualTo(1);
            assertThat(l.firstSeen()).containsOnlyKeys(A);
            assertThat(l.pruneHotkeys(java.util.Set.of(A))).isZero(); // nothing left to prune
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("p.db"));
             var rs = c.createStatement().executeQuery("SELECT hotkeys FROM challenge_data WHERE ticker='ETH' AND sidx=200")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("[\"" + A + "\"]");
        }
    }

    @Test
    void packMatchesTheReferenceLayoutForSeveralHotkeys() {
        TreeMap<String, short[]> v = new TreeMap<>();
        v.put(B, new short[]{0x3C00, 0});
        v.put(A, new short[]{0, (short) 0xBC00});
        byte[] blob = EmbeddingBlobs.pack(v, 2);
        // json.dumps(sorted(hotkeys)) uses ", " between items
        String head = "[\"" + A + "\", \"" + B + "\"]";
        assertThat(new String(blob, 0, head.length(), StandardCharsets.UTF_8)).isEqualTo(head);
        assertThat(EmbeddingBlobs.unpack(blob, 2)).containsOnlyKeys(A, B);
        assertThat(EmbeddingBlobs.unpack(blob, 3)).isEmpty(); // wrong dim reads as empty, as _unpack_embeddings does
        assertThat(EmbeddingBlobs.unpack(new byte[]{1, 2, 3}, 2)).isEmpty();
    }

    /** Child process for the crash test: appends steps as fast as it can until killed. */
    public static void main(String[] args) {
        try (Ledger l = Ledger.open(Path.of(args[0]), MantisConfig.CHALLENGES)) {
            for (long b = 0; ; b += 5) {
                l.appendStep(b, prices(3000 + b), Map.of(A, new byte[2048], B, new byte[2048]));
            }
        }
    }

    @Test
    void killDashNineLosesAtMostTheStepBeingWritten(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("ledger.db");
        KillDashNine.runChildUntil(LedgerTest.class, db, 50);
        try (Ledger l = Ledger.open(db, MantisConfig.CHALLENGES)) {
            long n = l.blockCount();
            assertThat(n).isGreaterThanOrEqualTo(50);
            // every committed step is whole: its block, its prices and both payloads
            assertThat(l.lastBlock()).hasValue((n - 1) * 5);
            assertThat(l.pendingCount()).isEqualTo(2 * n);
        }
        KillDashNine.assertIntegrity(db);
    }
}
