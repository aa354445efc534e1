package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.BreakoutSample;
import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.SyntheticData;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HeadSyntheticDataTest {
    static final List<String> ROLES = SyntheticData.roles(12);

    /** The generated values are those of the float32 generator before the series stored float16 bits (bench output). */
    @Test
    void multiAssetValuesAreUnchangedByTheFloat16Storage() throws Exception {
        Map<String, String> want = Map.of(
                "MULTIXSEC", "5519eb4ae527a5ceaebe0cb702549fa478efccfd9cd807aa56e273232ffbc321",
                "FUNDINGXSEC", "d556b7a1f6d967230e870f4011968e2b68370bd93b92a9f0dc8a8e1a3ec855ff",
                "TRADEMIX", "7d1e923d4e4e98be657dd1c48edb823002651388f687c1ff66cff397c07c8f3d");
        for (Map.Entry<String, String> e : want.entrySet()) {
            Challenge c = Protocol.BCFF57B.byTicker(e.getKey()).orElseThrow();
            float[] h = HeadSyntheticData.multiAsset(5, 1440, ROLES, c).histFloats();
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(h.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (float v : h) bb.putFloat(v);
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bb.array()));
            assertThat(sha).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void multiAssetSeriesHaveTheChallengeShapeAndAreDeterministic() {
        for (String t : List.of("MULTIXSEC", "FUNDINGXSEC", "TRADEMIX")) {
            Challenge c = Protocol.BCFF57B.byTicker(t).orElseThrow();
            MultiAssetSeries s = HeadSyntheticData.multiAsset(5, 1440, ROLES, c);
            assertThat(s.rows()).isEqualTo(1440);
            assertThat(s.assets()).isEqualTo(c.assets().size());
            assertThat(s.hotkeys()).hasSize(12);
            assertThat(s.blocksAhead()).isEqualTo(c.blocksAhead());
            MultiAssetSeries again = HeadSyntheticData.multiAsset(5, 1440, ROLES, c);
            assertThat(again.histBits()).isEqualTo(s.histBits());
            assertThat(Arrays.equals(again.values(), s.values())).isTrue();
            int zero = ROLES.indexOf("zero");
            int copy = ROLES.indexOf("copy");
            for (int row = 0; row < s.rows(); row += 97) {
                for (int a = 0; a < s.assets(); a++) {
                    float v = s.at(row, 0, a);
                    assertThat(v).isBetween(-1f, 1f);
                    assertThat(v * 1024).isEqualTo((float) Math.rint(v * 1024));
                    assertThat(s.at(row, zero, a)).isZero();
                    assertThat(s.at(row, copy, a)).isEqualTo(v);
                }
            }
        }
    }

    @Test
    void theSignalMinerWinsTheBreakoutScorer() {
        List<BreakoutSample> b = HeadSyntheticData.breakouts(3, 30, 30, ROLES);
        assertThat(b.size()).isBetween(400, 2000);
        assertThat(b).isSortedAccordingTo((x, y) -> Long.compare(x.triggerSidx(), y.triggerSidx()));
        Map<String, Double> s = MultiBreakoutScorer.score(b);
        String top = s.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(top).matches("hk00[0-3]-(signal|copy|late|weak)");
        assertThat(s.keySet()).noneMatch(k -> k.endsWith("-zero"));
        assertThat(b.get(0).embeddings()).doesNotContainKey(SyntheticData.hotkeyNames(ROLES).get(ROLES.indexOf("zero")));
    }
}
