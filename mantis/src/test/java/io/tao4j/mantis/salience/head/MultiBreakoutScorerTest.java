package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.BreakoutSample;
import io.tao4j.mantis.salience.math.Half;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MultiBreakoutScorerTest {
    static short[] pc(double pCont) {
        return new short[]{Half.fromFloat((float) pCont), Half.fromFloat((float) (1 - pCont))};
    }

    /**
     * {@code n} samples in episodes of 10 (triggers 1 apart inside, 5000 apart between), labels alternating at
     * random. Hotkeys: "good" (p_cont = 0.5 ± 0.3 by the label, 20 % flipped), "weak" (± 0.1, 35 % flipped),
     * "anti" (the opposite of good: AUC < 0.5), "flat" (always 0.5: std 0), "onceonly" (only in the first
     * episode), "noise" (uniform), "badshape" (a 3-value vector: ignored).
     */
    static List<BreakoutSample> samples(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<BreakoutSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(2);
            long trig = (i / 10) * 5000L + (i % 10);
            Map<String, short[]> emb = new LinkedHashMap<>();
            double sign = label == 1 ? 1 : -1;
            double g = 0.5 + 0.3 * (r.nextDouble() < 0.2 ? -sign : sign);
            emb.put("noise", pc(r.nextDouble()));
            emb.put("good", pc(g));
            emb.put("weak", pc(0.5 + 0.1 * (r.nextDouble() < 0.35 ? -sign : sign) + 0.02 * r.nextDouble()));
            emb.put("anti", pc(1 - g));
            emb.put("flat", pc(0.5));
            if (i < 10) emb.put("onceonly", pc(label == 1 ? 0.9 : 0.1));
            emb.put("badshape", new short[]{Half.fromFloat(0.9f), 0, 0});
            out.add(new BreakoutSample(trig, trig * 5, trig * 5 + 100, 1, label, emb));
        }
        return out;
    }

    @Test
    void informedMinersQualifyAndOutweighTheWeakOnes() {
        Map<String, Double> s = MultiBreakoutScorer.score(samples(200, 1));
        assertThat(s).containsKeys("good", "weak").doesNotContainKeys("anti", "flat", "onceonly", "badshape");
        assertThat(s.get("good")).isGreaterThan(s.get("weak"));
        assertThat(s.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(new ArrayList<>(s.keySet())).isSorted();
        if (s.containsKey("noise")) {
            assertThat(s.get("noise")).isLessThan(s.get("weak"));
        }
    }

    @Test
    void fewerThan50SamplesOrOneEpisodeOrOneLabelGiveNothing() {
        assertThat(MultiBreakoutScorer.score(samples(49, 2))).isEmpty();
        assertThat(MultiBreakoutScorer.score(samples(50, 2))).isNotEmpty();
        // all in one episode (triggers within 1440 of each other)
        List<BreakoutSample> one = new ArrayList<>();
        for (BreakoutSample b : samples(100, 3)) {
            one.add(new BreakoutSample(b.triggerSidx() % 1000, 0, 0, 1, b.label(), b.embeddings()));
        }
        assertThat(MultiBreakoutScorer.score(one)).isEmpty();
        List<BreakoutSample> allCont = new ArrayList<>();
        for (BreakoutSample b : samples(100, 4)) {
            allCont.add(new BreakoutSample(b.triggerSidx(), 0, 0, 1, 1, b.embeddings()));
        }
        assertThat(MultiBreakoutScorer.score(allCont)).isEmpty();
    }

    @Test
    void episodesFollowTheSortedTriggerIndexWithAGapAbove1440() {
        List<BreakoutSample> s = new ArrayList<>();
        long[] trig = {5000, 100, 1540, 3000, 1541, 100};
        for (long t : trig) s.add(new BreakoutSample(t, 0, 0, 1, 0, Map.of()));
        // sorted: 100, 100, 1540 (gap 1440: same), 1541, 3000 (gap 1459: new), 5000 (new)
        assertThat(MultiBreakoutScorer.episodes(s)).containsExactly(2, 0, 0, 1, 0, 0);
    }

    @Test
    void episodeWeightsAreInverseEpisodeSizesScaledToTheSampleCount() {
        double[] w = MultiBreakoutScorer.episodeWeights(new int[]{0, 0, 1, 0, 2, 2}, 3);
        // 1/3, 1/3, 1, 1/3, 1/2, 1/2 → sum 3, scaled by 6/3
        assertThat(w).containsExactly(new double[]{2 / 3.0, 2 / 3.0, 2.0, 2 / 3.0, 1.0, 1.0}, within(1e-15));
    }

    @Test
    void zScoresIgnoreAbsentValuesAndSetThemToZero() {
        double nan = Double.NaN;
        double[] m = {1, 5, nan, 5, 3, 5}; // 3 rows × 2 columns; column 1 constant → std 1
        MultiBreakoutScorer.zscoreColumns(m, 3, 2);
        assertThat(m).containsExactly(new double[]{-1, 0, 0, 0, 1, 0}, within(1e-15));
    }

    @Test
    void aMinerSeenOnlyOnSomeSamplesStillCounts() {
        List<BreakoutSample> base = samples(300, 5);
        List<BreakoutSample> s = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            Map<String, short[]> emb = new LinkedHashMap<>(base.get(i).embeddings());
            if (i % 2 == 1) emb.remove("good");
            BreakoutSample b = base.get(i);
            s.add(new BreakoutSample(b.triggerSidx(), b.triggerBlock(), b.resolutionBlock(), b.direction(), b.label(), emb));
        }
        Map<String, Double> out = MultiBreakoutScorer.score(s);
        assertThat(out).containsKey("good");
        assertThat(out.get("good")).isGreaterThan(out.getOrDefault("noise", 0.0));
    }
}
