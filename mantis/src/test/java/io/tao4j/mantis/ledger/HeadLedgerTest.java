package io.tao4j.mantis.ledger;

import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bcff57b write rules (spec §4.1–§4.2) of a ledger opened for {@link Protocol#BCFF57B}. */
class HeadLedgerTest {
    static final String A = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
    static final String B = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    private static String one(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void stepsStorePricesPriceDataAndPlaceholdersAsUpstream(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("l.db");
        Map<String, Double> prices = new HashMap<>(Map.of("ETH", 3000.5, "CADUSD", 0.0, "MULTIBREAKOUT", 0.0,
                "BTC", 83000.25, "TAO", 400.0, "SOL", -1.0, "XRP", 2.5));
        Map<String, Double> funding = new LinkedHashMap<>();
        funding.put("ETH", -2.5e-05);
        funding.put("BTC", 1e-05);
        try (Ledger l = Ledger.open(db, Protocol.BCFF57B)) {
            l.appendStep(7_000_000, prices, funding, Map.of(A, "{}".getBytes(StandardCharsets.UTF_8)));
            prices.put("BTC", 83001.0);
            l.appendStep(7_000_004, prices, Map.of(), Map.of()); // same sidx: upserts
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(one(c, "SELECT group_concat(ticker || ':' || dim || ':' || blocks_ahead, ' ') FROM (SELECT * FROM challenge_meta "
                    + "WHERE ticker IN ('MULTIBREAKOUT','MULTIXSEC','FUNDINGXSEC','TRADEMIX') ORDER BY ticker)"))
                    .isEqualTo("FUNDINGXSEC:1:2400 MULTIBREAKOUT:2:0 MULTIXSEC:1:1200 TRADEMIX:1:300");
            assertThat(one(c, "SELECT COUNT(*) FROM challenge_meta")).isEqualTo("12");
            assertThat(one(c, "SELECT price_data FROM challenge_data WHERE ticker='MULTIXSEC'"))
                    .isEqualTo("{\"BTC\": 83001.0, \"ETH\": 3000.5, \"XRP\": 2.5, \"TAO\": 400.0}");
            assertThat(one(c, "SELECT price_data FROM challenge_data WHERE ticker='TRADEMIX'"))
                    .isEqualTo("{\"BTC\": 83001.0, \"ETH\": 3000.5, \"TAO\": 400.0}");
            // funding rates of the first step stay: the second step had none, so no upsert
            assertThat(one(c, "SELECT price_data FROM challenge_data WHERE ticker='FUNDINGXSEC'"))
                    .isEqualTo("{\"BTC\": 1e-05, \"ETH\": -2.5e-05}");
            assertThat(one(c, "SELECT typeof(price) FROM challenge_data WHERE ticker='MULTIXSEC'")).isEqualTo("null");
            assertThat(one(c, "SELECT price FROM challenge_data WHERE ticker='CADUSD'")).isEqualTo("0.0");
            assertThat(one(c, "SELECT price FROM challenge_data WHERE ticker='MULTIBREAKOUT'")).isEqualTo("0.0");
            assertThat(one(c, "SELECT COUNT(*) FROM challenge_data WHERE ticker='ETHHITFIRST'")).isEqualTo("0");
            assertThat(one(c, "SELECT COUNT(*) FROM challenge_data")).isEqualTo("6");
            assertThat(one(c, "SELECT COUNT(*) FROM blocks")).isEqualTo("2");
            assertThat(one(c, "SELECT COUNT(*) FROM raw_payloads")).isEqualTo("1");
            assertThat(one(c, "SELECT COUNT(*) FROM breakout_state")).isEqualTo("33");
        }
    }

    @Test
    void payloadsMergeWithStorageDimsFirstSeenOrderAndNoPruning(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("l.db");
        try (Ledger l = Ledger.open(db, Protocol.BCFF57B)) {
            Map<String, Double> prices = new HashMap<>();
            for (String a : Protocol.BREAKOUT_ASSETS) {
                prices.put(a, 10.0);
            }
            l.appendStep(7_000_000, prices, Map.of(), Map.of(B, new byte[]{1}, A, new byte[]{2}));
            l.appendStep(7_000_003, prices, Map.of(), Map.of(A, new byte[]{3})); // not a multiple of 5
            List<Ledger.Pending> mature = l.mature(7_001_000, 300);
            assertThat(mature).hasSize(3);
            double[] mb = new double[66];
            mb[2] = 0.7; // ETH p_cont
            double[] xs = new double[33];
            xs[0] = 0.1 + 0.2; // rounded once to float16 from the double
            Ledger.Pending pb = mature.stream().filter(p -> p.hotkey().equals(B)).findFirst().orElseThrow();
            Ledger.Pending pa = mature.stream().filter(p -> p.hotkey().equals(A) && p.block() == 7_000_000).findFirst().orElseThrow();
            Ledger.Pending late = mature.stream().filter(p -> p.block() == 7_000_003).findFirst().orElseThrow();
            assertThatThrownBy(() -> l.storeDecryptedValues(pb, Map.of("MULTIXSEC", new double[4])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("33");
            l.storeDecryptedValues(pb, Map.of("MULTIBREAKOUT", mb, "MULTIXSEC", xs, "TRADEMIX", new double[4]));
            l.storeDecryptedValues(pa, Map.of("MULTIXSEC", xs));
            l.storeDecryptedValues(late, Map.of("MULTIXSEC", xs));
            assertThat(l.pendingCount()).isZero();
            assertThat(l.pruneHotkeys(Set.of(A))).isZero();
            HeadTrainingData all = l.trainingData(0, null);
            assertThat(all.multiAsset("MULTIXSEC").orElseThrow().hotkeys()).containsExactly(A, B);
            assertThat(all.multiAsset("MULTIXSEC").orElseThrow().at(0, 0, 0))
                    .isEqualTo(io.tao4j.mantis.salience.math.Half.toFloat(EmbeddingBlobs.halfOf(0.30000000000000004)));
            assertThat(all.multiAsset("TRADEMIX")).isEmpty(); // all-zero vectors are not stored
            HeadTrainingData active = l.trainingData(0, Set.of(A));
            assertThat(active.multiAsset("MULTIXSEC").orElseThrow().hotkeys()).containsExactly(A);
            l.backfillBreakouts();
        }
        Path out = dir.resolve("export.db");
        LedgerArchive.export(db, out, Protocol.BCFF57B);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out)) {
            // hotkeys in first-seen order, the blob's list sorted, json.dumps spacing, 66 float16 per hotkey
            assertThat(one(c, "SELECT hotkeys FROM challenge_data WHERE ticker='MULTIXSEC'"))
                    .isEqualTo("[\"" + B + "\", \"" + A + "\"]");
            assertThat(one(c, "SELECT hotkeys FROM challenge_data WHERE ticker='MULTIBREAKOUT'")).isEqualTo("[\"" + B + "\"]");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT embeddings FROM challenge_data WHERE ticker='MULTIXSEC'")) {
                byte[] blob = rs.getBytes(1);
                String head = "[\"" + A + "\", \"" + B + "\"]";
                assertThat(new String(blob, 0, head.length(), StandardCharsets.UTF_8)).isEqualTo(head);
                assertThat(blob).hasSize(head.length() + 1 + 2 * 33 * 2);
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT length(embeddings) FROM challenge_data WHERE ticker='MULTIBREAKOUT'")) {
                assertThat(rs.getInt(1)).isEqualTo(("[\"" + B + "\"]").length() + 1 + 66 * 2);
            }
        }
        // the exported file reads to the same training data
        HeadTrainingData fromExport = HeadDatalogReader.read(out, Protocol.BCFF57B, 0, null);
        assertThat(fromExport.multiAsset("MULTIXSEC").orElseThrow().hotkeys()).containsExactly(A, B);
    }

    @Test
    void openedFor2e9bc5bItKeepsTheOldLayout(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("old.db");
        try (Ledger l = Ledger.open(db, Protocol.P2E9BC5B)) {
            assertThat(l.protocol()).isEmpty();
            assertThat(l.breakoutTrackers()).isEmpty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(LedgerSchema.isCompact(c)).isFalse();
            assertThat(one(c, "SELECT COUNT(*) FROM challenge_meta")).isEqualTo("8");
        }
    }
}
