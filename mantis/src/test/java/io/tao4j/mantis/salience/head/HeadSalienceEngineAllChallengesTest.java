package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.BreakoutSample;
import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.TrainingData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The aggregator over all 12 challenges of bcff57b: dispatch by loss kind, trimming, burn, thread independence. */
class HeadSalienceEngineAllChallengesTest {
    static final Protocol P = Protocol.BCFF57B;

    static MultiAssetSeries multi(Challenge c, int rows, int seed) {
        Random r = new Random(seed);
        List<String> hks = List.of("a", "b", "c");
        int a = c.assets().size();
        float[] hist = new float[rows * hks.size() * a];
        for (int i = 0; i < hist.length; i++) hist[i] = r.nextFloat() * 2 - 1;
        double[] values = new double[rows * a];
        for (int i = 0; i < values.length; i++) values[i] = 1 + r.nextDouble();
        long[] sidx = new long[rows];
        for (int t = 0; t < rows; t++) sidx[t] = 1000 + t;
        return MultiAssetSeries.ofFloats(c.ticker(), hks, a, hist, values, sidx, c.blocksAhead());
    }

    /** Salience = mean |value| per hotkey column; TRADEMIX also burns half of the total; a random delay. */
    static Map<Loss, HeadSalienceEngine.MultiAssetScorer> fakeMulti(Map<String, MultiAssetSeries> seen) {
        HeadSalienceEngine.MultiAssetScorer f = (c, s, p) -> {
            seen.put(c.ticker(), s);
            try {
                Thread.sleep((long) (Math.random() * 20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LinkedHashMap<String, Double> m = new LinkedHashMap<>();
            double tot = 0;
            for (int h = 0; h < s.hotkeys().size(); h++) {
                double v = 0;
                for (int t = 0; t < s.rows(); t++) for (int k = 0; k < s.assets(); k++) v += Math.abs(s.at(t, h, k));
                m.put(s.hotkeys().get(h), v / s.rows());
                tot += v / s.rows();
            }
            if (c.loss() == Loss.TRADE_MIX) m.put(HeadSalienceEngine.BURN_KEY, tot / 2);
            return m;
        };
        EnumMap<Loss, HeadSalienceEngine.MultiAssetScorer> m = new EnumMap<>(Loss.class);
        m.put(Loss.XSEC_RANK, f);
        m.put(Loss.FUNDING_XSEC, f);
        m.put(Loss.TRADE_MIX, f);
        return m;
    }

    /** All 12: the single-asset series of the 8, multi-asset series, 200 breakout samples; counts the asks. */
    static HeadSalienceEngine.Input all12(Map<String, Integer> asked) {
        TrainingData eight = HeadSalienceEngineTest.eight();
        Map<String, MultiAssetSeries> ms = new LinkedHashMap<>();
        int seed = 10;
        for (Challenge c : P.challenges()) {
            if (c.loss() == Loss.XSEC_RANK || c.loss() == Loss.FUNDING_XSEC || c.loss() == Loss.TRADE_MIX) {
                ms.put(c.ticker(), multi(c, 30, seed++));
            }
        }
        List<BreakoutSample> bs = MultiBreakoutScorerTest.samples(200, 7);
        return new HeadSalienceEngine.Input() {
            @Override
            public Optional<ChallengeSeries> singleAsset(String t) {
                asked.merge(t, 1, Integer::sum);
                return eight.series(t);
            }

            @Override
            public Optional<MultiAssetSeries> multiAsset(String t) {
                asked.merge(t, 1, Integer::sum);
                return Optional.ofNullable(ms.get(t));
            }

            @Override
            public Optional<List<BreakoutSample>> breakouts(String t) {
                asked.merge(t, 1, Integer::sum);
                return t.equals("MULTIBREAKOUT") ? Optional.of(bs) : Optional.empty();
            }
        };
    }

    HeadSalienceEngine engine(int threads, Map<String, MultiAssetSeries> seen) {
        return new HeadSalienceEngine(P, HeadSalienceEngineTest.fakeScorers(), fakeMulti(seen),
                HeadSalienceEngine.defaultBreakoutScorer(), threads);
    }

    @Test
    void everyChallengeIsScoredByItsKindAndTheBurnFlowsThrough() {
        Map<String, Integer> asked = new ConcurrentHashMap<>();
        Map<String, MultiAssetSeries> seen = new ConcurrentHashMap<>();
        HeadSalienceEngine.Result r = engine(2, seen).multiSalience(all12(asked), Map.of());
        assertThat(new ArrayList<>(r.perChallenge().keySet())).isEqualTo(P.tickers());
        assertThat(r.empty()).isEmpty();
        assertThat(asked).hasSize(12).allSatisfy((t, n) -> assertThat(n).as(t).isEqualTo(1));
        assertThat(r.perChallenge().get("MULTIBREAKOUT")).isEqualTo(
                normalised(MultiBreakoutScorer.score(MultiBreakoutScorerTest.samples(200, 7))));
        assertThat(r.perChallenge().get("TRADEMIX")).containsKey(HeadSalienceEngine.BURN_KEY);
        // TRADEMIX: burn = half of the miners' total → a third of the challenge; its weight share of that overall
        double wTm = P.byTicker("TRADEMIX").orElseThrow().weight();
        assertThat(r.salience().get(HeadSalienceEngine.BURN_KEY)).isCloseTo(wTm / P.totalWeight() / 3, within(1e-12));
        assertThat(r.salience().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-12));
        assertThat(seen.get("MULTIXSEC").rows()).isEqualTo(30);
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        Map<String, MultiAssetSeries> seen = new ConcurrentHashMap<>();
        var one = engine(1, seen).multiSalience(all12(new ConcurrentHashMap<>()), Map.of());
        var four = engine(4, seen).multiSalience(all12(new ConcurrentHashMap<>()), Map.of());
        assertThat(four.salience()).isEqualTo(one.salience());
        assertThat(new ArrayList<>(four.salience().keySet())).isEqualTo(new ArrayList<>(one.salience().keySet()));
        assertThat(four.perChallenge()).isEqualTo(one.perChallenge());
    }

    @Test
    void multiAssetSeriesAreTrimmedToTheLast432000Rows() {
        Challenge xs = P.byTicker("MULTIXSEC").orElseThrow();
        int rows = P.constants().maxBlockHistory() + 7;
        List<String> hks = List.of("a");
        short[] hist = new short[rows * xs.assets().size()];
        double[] values = new double[rows * xs.assets().size()];
        long[] sidx = new long[rows];
        for (int t = 0; t < rows; t++) {
            sidx[t] = 5 + t;
            hist[t * xs.assets().size()] = (short) t; // float16 bits standing for the row number
            values[t * xs.assets().size() + 1] = t;
        }
        MultiAssetSeries s = new MultiAssetSeries("MULTIXSEC", hks, xs.assets().size(), hist, values, sidx, xs.blocksAhead());
        MultiAssetSeries tr = HeadSalienceEngine.trim(s, P.constants().maxBlockHistory());
        assertThat(tr.rows()).isEqualTo(432_000);
        assertThat(tr.sidx()[0]).isEqualTo(5 + 7);
        assertThat(tr.histBits()[tr.index(0, 0, 0)]).isEqualTo((short) 7);
        assertThat(tr.values()[1]).isEqualTo(7.0);
        assertThat(tr.histBits()[tr.index(431_999, 0, 0)]).isEqualTo((short) (rows - 1));
        MultiAssetSeries shortOne = multi(xs, 10, 1);
        assertThat(HeadSalienceEngine.trim(shortOne, 432_000)).isSameAs(shortOne);
    }

    @Test
    void unregisteredKindsProduceNothingAreNotAskedForAndTakeExternalResults() {
        Map<String, Integer> asked = new ConcurrentHashMap<>();
        HeadSalienceEngine e = new HeadSalienceEngine(P, HeadSalienceEngineTest.fakeScorers(), Map.of(), null, 2);
        assertThat(e.hasScorer(P.byTicker("MULTIXSEC").orElseThrow())).isFalse();
        assertThat(e.hasScorer(P.byTicker("MULTIBREAKOUT").orElseThrow())).isFalse();
        assertThat(e.hasScorer(P.byTicker("ETH").orElseThrow())).isTrue();
        var r = e.multiSalience(all12(asked), Map.of("TRADEMIX", Map.of("a", 1.0, HeadSalienceEngine.BURN_KEY, 3.0)));
        assertThat(r.empty()).containsExactly("MULTIBREAKOUT", "MULTIXSEC", "FUNDINGXSEC");
        assertThat(asked).doesNotContainKeys("MULTIBREAKOUT", "MULTIXSEC", "FUNDINGXSEC", "TRADEMIX");
        assertThat(r.perChallenge().get("TRADEMIX").get(HeadSalienceEngine.BURN_KEY)).isEqualTo(0.75);
        HeadSalienceEngine defaults = new HeadSalienceEngine(P, 1);
        assertThat(defaults.hasScorer(P.byTicker("MULTIBREAKOUT").orElseThrow())).isTrue();
    }

    @Test
    void emptyMultiAssetSeriesAndNoSamplesGiveNothing() {
        Map<String, MultiAssetSeries> seen = new ConcurrentHashMap<>();
        HeadSalienceEngine.Input none = new HeadSalienceEngine.Input() {
            @Override
            public Optional<ChallengeSeries> singleAsset(String t) {
                return Optional.empty();
            }

            @Override
            public Optional<MultiAssetSeries> multiAsset(String t) {
                Challenge c = P.byTicker(t).orElseThrow();
                return Optional.of(multi(c, 0, 1));
            }

            @Override
            public Optional<List<BreakoutSample>> breakouts(String t) {
                return Optional.of(Collections.emptyList());
            }
        };
        var r = engine(2, seen).multiSalience(none, Map.of());
        assertThat(r.perChallenge()).isEmpty();
        assertThat(r.salience()).isEmpty();
        assertThat(seen).isEmpty();
        assertThat(r.empty()).hasSize(12);
    }

    static Map<String, Double> normalised(Map<String, Double> s) {
        double t = HeadSalienceEngine.sortedSum(s);
        Map<String, Double> out = new LinkedHashMap<>();
        s.forEach((k, v) -> out.put(k, v / t));
        return out;
    }
}
