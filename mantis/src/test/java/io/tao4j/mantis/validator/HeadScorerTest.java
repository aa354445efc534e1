package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.SalienceResult;
import io.tao4j.mantis.salience.head.HeadSalienceEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link HeadScorer} hands the whole HEAD ledger to the engine: the multi-asset challenges reach their scorers with
 * the ledger's series (this test registers recording ones), their output and TRADE-MIX's burn reach the
 * per-challenge breakdown and the validator's per-challenge log line.
 */
class HeadScorerTest {
    static final Protocol P = Protocol.BCFF57B;

    /** 30 steps, hkA and hkB submitting every multi-asset challenge (hkB twice hkA's magnitude) and ETH. */
    static Path ledger(Path dir) {
        Path db = dir.resolve("head.db");
        try (Ledger l = Ledger.open(db, P)) {
            for (int i = 0; i < 30; i++) {
                Map<String, Double> prices = new LinkedHashMap<>();
                prices.put("ETH", 3000.0 + i);
                for (String a : Protocol.BREAKOUT_ASSETS) prices.putIfAbsent(a, 10.0 + i);
                prices.put("TAO", 400.0 + i);
                Map<String, Double> funding = new LinkedHashMap<>();
                for (String a : Protocol.FUNDING_ASSETS) funding.put(a, 1e-4 * (i % 3));
                Map<String, byte[]> payloads = new LinkedHashMap<>();
                payloads.put("hkA", "{}".getBytes(StandardCharsets.UTF_8));
                payloads.put("hkB", "{}".getBytes(StandardCharsets.UTF_8));
                l.appendStep(1000 + 5L * i, prices, funding, payloads);
            }
            for (Ledger.Pending p : l.mature(10_000, 0)) {
                double m = p.hotkey().equals("hkA") ? 0.25 : 0.5;
                Map<String, double[]> v = new LinkedHashMap<>();
                v.put("ETH", new double[]{m, -m});
                for (Challenge c : P.challenges()) {
                    if (c.loss() == Loss.XSEC_RANK || c.loss() == Loss.FUNDING_XSEC || c.loss() == Loss.TRADE_MIX) {
                        double[] x = new double[c.storageDim()];
                        java.util.Arrays.fill(x, m);
                        v.put(c.ticker(), x);
                    }
                }
                l.storeDecryptedValues(p, v);
            }
        }
        return db;
    }

    @Test
    void multiAssetChallengesAreScoredFromTheLedgerAndTheBurnReachesTheLogLine(@TempDir Path dir) throws Exception {
        Path db = ledger(dir);
        Map<String, MultiAssetSeries> seen = new ConcurrentHashMap<>();
        HeadSalienceEngine.MultiAssetScorer rec = (c, s, p) -> {
            seen.put(c.ticker(), s);
            Map<String, Double> out = new TreeMap<>();
            double tot = 0;
            for (int h = 0; h < s.hotkeys().size(); h++) {
                double v = 0;
                for (int t = 0; t < s.rows(); t++) for (int a = 0; a < s.assets(); a++) v += Math.abs(s.at(t, h, a));
                out.put(s.hotkeys().get(h), v);
                tot += v;
            }
            if (c.loss() == Loss.TRADE_MIX) out.put(HeadSalienceEngine.BURN_KEY, tot);
            return out;
        };
        Map<Loss, HeadSalienceEngine.MultiAssetScorer> multi = new EnumMap<>(Loss.class);
        multi.put(Loss.XSEC_RANK, rec);
        multi.put(Loss.FUNDING_XSEC, rec);
        multi.put(Loss.TRADE_MIX, rec);
        ValidatorConfig cfg = ValidatorConfig.defaults(P);
        HeadScorer scorer = new HeadScorer(db, P, cfg.challenges(), new HeadSalienceEngine(P, Map.of(), multi,
                HeadSalienceEngine.defaultBreakoutScorer(), 2));
        SalienceResult r = scorer.salience(0, java.util.Set.of("hkA", "hkB"));

        assertThat(seen).containsOnlyKeys("MULTIXSEC", "FUNDINGXSEC", "TRADEMIX");
        for (String t : List.of("MULTIXSEC", "FUNDINGXSEC", "TRADEMIX")) {
            MultiAssetSeries s = seen.get(t);
            assertThat(s.hotkeys()).as(t).containsExactly("hkA", "hkB");
            assertThat(s.rows()).as(t).isEqualTo(30);
            assertThat(s.assets()).as(t).isEqualTo(P.byTicker(t).orElseThrow().assets().size());
            assertThat(s.at(29, 1, 0)).as(t).isEqualTo(0.5f);
        }
        assertThat(r.perChallenge()).containsOnlyKeys("MULTIXSEC", "FUNDINGXSEC", "TRADEMIX");
        assertThat(r.perChallenge().get("MULTIXSEC").get("hkB")).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(r.perChallenge().get("TRADEMIX").get(HeadSalienceEngine.BURN_KEY)).isCloseTo(0.5, within(1e-12));
        assertThat(r.seconds()).containsKeys("MULTIXSEC", "total");
        double wTm = P.byTicker("TRADEMIX").orElseThrow().weight();
        double w3 = wTm + P.byTicker("MULTIXSEC").orElseThrow().weight() + P.byTicker("FUNDINGXSEC").orElseThrow().weight();
        assertThat(r.total().get(HeadSalienceEngine.BURN_KEY)).isCloseTo(0.5 * wTm / w3, within(1e-12));

        JsonNode line = new ObjectMapper().readTree(MantisValidator.perChallengeJson(2000, r, cfg.challenges(), 0.4, false));
        assertThat(line.get("per_challenge").get("TRADEMIX").get("salience").get(HeadSalienceEngine.BURN_KEY).asDouble())
                .isCloseTo(0.5, within(1e-12));
        assertThat(line.get("per_challenge").get("FUNDINGXSEC").get("challenge_weight").asDouble())
                .isEqualTo(P.byTicker("FUNDINGXSEC").orElseThrow().weight());
        assertThat(line.get("total_challenge_weight").asDouble()).isCloseTo(w3, within(1e-12));
        assertThat(line.get("burn_share").asDouble()).isEqualTo(0.4);

        // the configured subset only: without TRADEMIX its scorer is not asked
        seen.clear();
        HeadScorer some = new HeadScorer(db, P, List.of(P.byTicker("MULTIXSEC").orElseThrow()),
                new HeadSalienceEngine(P, Map.of(), multi, null, 1));
        assertThat(some.salience(0, null).perChallenge()).containsOnlyKeys("MULTIXSEC");
        assertThat(seen).containsOnlyKeys("MULTIXSEC");
    }
}
