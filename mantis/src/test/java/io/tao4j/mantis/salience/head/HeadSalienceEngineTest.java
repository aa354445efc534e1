package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.TrainingData;
import io.tao4j.mantis.salience.sybil.History;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HeadSalienceEngineTest {
    static ChallengeSeries series(int seed, int dim, boolean prices) {
        Random r = new Random(seed);
        List<String> hks = List.of("a", "b", "c");
        float[][] e = new float[3][20 * dim];
        for (float[] x : e) for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        if (prices) {
            double[] p = new double[20];
            for (int i = 0; i < 20; i++) p[i] = 100 + i;
            return ChallengeSeries.ofPrices(hks, dim, e, p);
        }
        float[] y = new float[20];
        for (int i = 0; i < 20; i++) y[i] = r.nextFloat() - 0.5f;
        return ChallengeSeries.ofReturns(hks, dim, e, y);
    }

    /** A deterministic fake scorer (sum of each hotkey's embedding), slowed down by a random sleep. */
    static Map<Loss, HeadSalienceEngine.ChallengeScorer> fakeScorers() {
        HeadSalienceEngine.ChallengeScorer f = (c, s, k) -> {
            try {
                Thread.sleep((long) (Math.random() * 20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LinkedHashMap<String, Double> m = new LinkedHashMap<>();
            for (int h = 0; h < s.hotkeyCount(); h++) {
                double t = 0;
                for (float v : s.embedding(h)) t += v;
                m.put(s.hotkeys().get(h), t);
            }
            return m;
        };
        EnumMap<Loss, HeadSalienceEngine.ChallengeScorer> m = new EnumMap<>(Loss.class);
        m.put(Loss.BINARY, f);
        m.put(Loss.HITFIRST, f);
        m.put(Loss.LBFGS, f);
        return m;
    }

    static TrainingData eight() {
        Map<String, ChallengeSeries> d = new LinkedHashMap<>();
        int i = 0;
        for (var c : Protocol.BCFF57B.challenges()) {
            if (c.multiAsset()) continue;
            d.put(c.ticker(), series(i++, c.dim(), c.loss() != Loss.BINARY));
        }
        return new TrainingData(d);
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        var one = new HeadSalienceEngine(Protocol.BCFF57B, fakeScorers(), 1).multiSalience(eight());
        var four = new HeadSalienceEngine(Protocol.BCFF57B, fakeScorers(), 4).multiSalience(eight());
        assertThat(four.salience()).isEqualTo(one.salience());
        assertThat(new ArrayList<>(four.salience().keySet())).isEqualTo(new ArrayList<>(one.salience().keySet()));
        assertThat(four.perChallenge()).isEqualTo(one.perChallenge());
        assertThat(new ArrayList<>(four.perChallenge().keySet())).containsExactly("ETH", "ETHHITFIRST", "ETHLBFGS",
                "BTCLBFGS", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD");
        assertThat(four.empty()).containsExactly("MULTIBREAKOUT", "MULTIXSEC", "FUNDINGXSEC", "TRADEMIX");
    }

    @Test
    void weightedAverageOverChallengesWithOutputAndBurnFlowsThrough() {
        // ETH (weight 1) scored; TRADEMIX (weight 2.625…) supplied from outside with the __burn__ pool
        Map<String, ChallengeSeries> d = Map.of("ETH", series(1, 2, false));
        EnumMap<Loss, HeadSalienceEngine.ChallengeScorer> sc = new EnumMap<>(Loss.class);
        sc.put(Loss.BINARY, (c, s, k) -> Map.of("a", 1.0, "b", 3.0));
        var r = new HeadSalienceEngine(Protocol.BCFF57B, sc, 2).multiSalience(new TrainingData(d),
                Map.of("TRADEMIX", Map.of("a", 2.0, HeadSalienceEngine.BURN_KEY, 2.0)));
        double wEth = 1.0, wTm = Protocol.BCFF57B.byTicker("TRADEMIX").orElseThrow().weight();
        double tot = wEth + wTm;
        assertThat(r.salience().get("a")).isCloseTo((0.25 * wEth + 0.5 * wTm) / tot, within(1e-15));
        assertThat(r.salience().get("b")).isCloseTo(0.75 * wEth / tot, within(1e-15));
        assertThat(r.salience().get(HeadSalienceEngine.BURN_KEY)).isCloseTo(0.5 * wTm / tot, within(1e-15));
        assertThat(r.perChallenge().get("ETH")).containsEntry("b", 0.75);
        assertThat(r.empty()).contains("ETHLBFGS", "MULTIXSEC").doesNotContain("ETH", "TRADEMIX");
    }

    @Test
    void addingALossKindIsOneEntry() {
        var xs = Protocol.BCFF57B.byTicker("MULTIXSEC").orElseThrow();
        var series = HeadSalienceEngineAllChallengesTest.multi(xs, 5, 3);
        HeadSalienceEngine.Input in = new HeadSalienceEngine.Input() {
            @Override
            public java.util.Optional<ChallengeSeries> singleAsset(String t) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<io.tao4j.mantis.ledger.MultiAssetSeries> multiAsset(String t) {
                return t.equals("MULTIXSEC") ? java.util.Optional.of(series) : java.util.Optional.empty();
            }
        };
        EnumMap<Loss, HeadSalienceEngine.MultiAssetScorer> ms = new EnumMap<>(HeadSalienceEngine.defaultMultiAssetScorers());
        ms.put(Loss.XSEC_RANK, (c, s, p) -> Map.of("c", 1.0));
        var r = new HeadSalienceEngine(Protocol.BCFF57B, HeadSalienceEngine.defaultScorers(), ms,
                HeadSalienceEngine.defaultBreakoutScorer(), 1).multiSalience(in, Map.of());
        assertThat(r.salience()).containsExactly(Map.entry("c", 1.0));
    }

    @Test
    void lbfgsBlendDropsUniformPathsAndWeights75To25() {
        // uniform classifier path → only the Q path counts
        assertThat(HeadSalienceEngine.blend(Map.of("a", 0.5, "b", 0.5), Map.of("a", 0.2, "b", 0.8)))
                .containsOnlyKeys("a", "b");
        var onlyQ = HeadSalienceEngine.blend(Map.of("a", 0.5, "b", 0.5), Map.of("a", 0.2, "b", 0.8));
        double tau = 50 / 3.0;
        double b = 0.8, a = 0.2 * Math.exp(-1 / tau);
        assertThat(onlyQ.get("b")).isCloseTo(b / (a + b), within(1e-15));
        // a single-entry path is "uniform" in the reference ((max − min)/mean = 0) and dropped
        assertThat(HeadSalienceEngine.blend(Map.of("a", 1.0), Map.of("b", 1.0))).isEmpty();
        var both = HeadSalienceEngine.blend(Map.of("a", 0.9, "c", 0.1), Map.of("b", 0.9, "c", 0.1));
        double top = 0.9 / (0.9 + 0.1 * Math.exp(-1 / tau));
        assertThat(both.get("a")).isCloseTo(0.75 * top, within(1e-15));
        assertThat(both.get("b")).isCloseTo(0.25 * top, within(1e-15));
        assertThat(both.get("c")).isCloseTo(1 - top, within(1e-15));
        assertThat(HeadSalienceEngine.blend(Map.of(), Map.of())).isEmpty();
    }

    @Test
    void realScorersReturnNothingOnTooLittleData() {
        var k = Protocol.BCFF57B.constants();
        for (var c : Protocol.BCFF57B.challenges()) {
            if (c.multiAsset()) continue;
            var s = series(5, c.dim(), c.loss() != Loss.BINARY);
            Map<String, Double> out = HeadSalienceEngine.defaultScorers().get(c.loss()).score(c, s, k);
            assertThat(out).as(c.ticker()).isEmpty();
        }
        History h = HeadLabels.history(series(6, 2, false));
        assertThat(new HeadBinaryScorer(86_400).score(h, new float[h.rows()])).isEmpty();
    }

    @Test
    void binsFollowTheReferenceBuckets() {
        // flat then a jump: sigma from the centred rolling std; the jump is a +2σ move
        double[] p = new double[40];
        for (int i = 0; i < p.length; i++) p[i] = 100 * Math.exp(0.001 * ((i * 7919) % 13 - 6));
        var bins = HeadLabels.makeBins(p, 2, 10);
        assertThat(bins.validIdx()).isNotEmpty();
        assertThat(bins.validIdx()[0]).isEqualTo(2 + 10 - 1);
        for (int y : bins.labels()) assertThat(y).isBetween(0, 4);
        assertThat(HeadLabels.horizonSteps(300, 5)).isEqualTo(60);
        assertThat(HeadLabels.horizonSteps(1800, 5)).isEqualTo(360);
    }
}
