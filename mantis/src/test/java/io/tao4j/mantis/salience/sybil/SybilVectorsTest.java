package io.tao4j.mantis.salience.sybil;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.salience.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sybil handling against the reference's own cluster.py / model.py / bucket_forecast.py functions run on planted
 * clones, soft clones and noise (tools/parity/mantis/gen_head_block_vectors.py), and complete linkage against scipy.
 */
class SybilVectorsTest {
    private static final JsonNode V = Vectors.load("head_block_vectors.json");

    static History history(JsonNode c, int dim) {
        JsonNode x = c.get("X");
        float[] f = new float[x.size()];
        for (int i = 0; i < f.length; i++) f[i] = (float) x.get(i).asDouble();
        LinkedHashMap<String, Integer> m = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode hk : c.get("hotkeys")) m.put(hk.asText(), i++);
        return new History(f, c.get("T").asInt(), m, dim);
    }

    static List<List<String>> lists(List<SortedSet<String>> sets) {
        List<List<String>> out = new ArrayList<>();
        for (SortedSet<String> s : sets) out.add(new ArrayList<>(s));
        return out;
    }

    static List<List<String>> refLists(JsonNode a) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode s : a) {
            List<String> l = new ArrayList<>();
            for (JsonNode hk : s) l.add(hk.asText());
            out.add(l);
        }
        return out;
    }

    static LinkedHashMap<String, Double> ordered(JsonNode a) {
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        for (JsonNode e : a) m.put(e.get(0).asText(), e.get(1).asDouble());
        return m;
    }

    static Map<String, String> strMap(JsonNode o) {
        Map<String, String> m = new TreeMap<>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    static void assertOrderedEquals(Map<String, Double> got, LinkedHashMap<String, Double> ref) {
        assertThat(new ArrayList<>(got.keySet())).isEqualTo(new ArrayList<>(ref.keySet()));
        for (String k : ref.keySet()) assertThat(got.get(k)).as(k).isEqualTo(ref.get(k));
    }

    @Test
    void exactClustersCohortsAndTwoTierMatchReference() {
        int cases = 0;
        for (JsonNode c : V.get("sybil")) {
            History h = history(c, c.get("D").asInt());
            assertThat(lists(ExactClusters.find(h))).as(c.get("name").asText()).isEqualTo(refLists(c.get("clusters")));
            assertThat(lists(CorrelatedCohorts.find(h))).as(c.get("name").asText()).isEqualTo(refLists(c.get("cohorts")));
            TwoTier.Reps reps = TwoTier.reps(h);
            assertThat(new TreeMap<>(reps.exact())).isEqualTo(strMap(c.get("exact_reps")));
            assertThat(new TreeMap<>(reps.cohort())).isEqualTo(strMap(c.get("cohort_reps")));
            assertOrderedEquals(TwoTier.apply(ordered(c.get("salience")), reps), ordered(c.get("applied")));
            assertOrderedEquals(TwoTier.apply(ordered(c.get("salience_sparse")), reps), ordered(c.get("applied_sparse")));
            assertOrderedEquals(Representatives.collapse(ordered(c.get("salience_sparse")), reps.exact()), ordered(c.get("collapsed")));
            Map<String, String> both = new TreeMap<>(reps.exact());
            both.putAll(reps.cohort());
            assertOrderedEquals(Representatives.equalize(ordered(c.get("salience_sparse")), both), ordered(c.get("equalized")));
            cases++;
        }
        assertThat(cases).isEqualTo(3);
        // the planted structure is really there (the vectors are not all empty)
        assertThat(V.get("sybil").get(0).get("clusters").size()).isEqualTo(1);
        assertThat(V.get("sybil").get(0).get("cohort_reps").size()).isEqualTo(2);
    }

    @Test
    void lbfgsJointCohortsAndReductionMatchReference() {
        for (JsonNode c : V.get("lbfgs_cohorts")) {
            History h = history(c, 17);
            JsonNode kw = c.get("kw");
            List<SortedSet<String>> coh = LbfgsJointCohorts.find(h, kw.get("tau").asDouble(), kw.get("min_joint").asInt(),
                    kw.get("min_submissions").asInt(), kw.get("bucket_dims").asInt(), (float) kw.get("mean_prefilter").asDouble());
            assertThat(lists(coh)).isEqualTo(refLists(c.get("cohorts")));
            assertThat(coh).isNotEmpty();
            // the pair sums per pair and as one Gram matrix of the vectors involved find the same cohorts
            for (boolean gram : new boolean[] {false, true}) {
                assertThat(lists(LbfgsJointCohorts.find(h, kw.get("tau").asDouble(), kw.get("min_joint").asInt(),
                        kw.get("min_submissions").asInt(), kw.get("bucket_dims").asInt(),
                        (float) kw.get("mean_prefilter").asDouble(), gram))).as("gram " + gram)
                        .isEqualTo(refLists(c.get("cohorts")));
            }
            LbfgsJointCohorts.Reduction red = LbfgsJointCohorts.reduce(h, coh);
            List<String> reduced = new ArrayList<>();
            c.get("reduced_hotkeys").forEach(n -> reduced.add(n.asText()));
            assertThat(new ArrayList<>(red.history().hk2idx().keySet())).isEqualTo(reduced);
            assertThat(new TreeMap<>(red.fullToRep())).isEqualTo(strMap(c.get("full_to_rep")));
            // the reduced matrix holds the representatives' own columns
            int col = h.hk2idx().get(reduced.get(1));
            for (int t = 0; t < h.rows(); t += 37) for (int d = 0; d < 17; d++) {
                assertThat(red.history().at(t, 1, d)).isEqualTo(h.at(t, col, d));
            }
            assertOrderedEquals(Representatives.equalize(ordered(c.get("reduced_salience")), red.fullToRep()),
                    ordered(c.get("equalized")));
            // with the default thresholds (>= 10 080 rows) nothing qualifies on this short history
            assertThat(LbfgsJointCohorts.reduce(h).fullToRep()).isEmpty();
        }
    }

    @Test
    void completeLinkageMembershipMatchesScipy() {
        for (JsonNode c : V.get("linkage")) {
            int n = c.get("n").asInt();
            double[] cond = Vectors.doubles(c.get("cond"));
            double[] d = new double[n * n];
            int k = 0;
            for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) {
                d[i * n + j] = cond[k];
                d[j * n + i] = cond[k++];
            }
            double[][] z = CompleteLinkage.merges(d, n);
            List<Double> heights = new ArrayList<>();
            for (double[] m : z) heights.add(m[2]);
            heights.sort(null);
            for (int i = 0; i < n - 1; i++) assertThat(heights.get(i)).isEqualTo(c.get("Z").get(i).get(2).asDouble());
            c.get("labels").fields().forEachRemaining(e -> {
                int[] got = CompleteLinkage.flatClusters(d, n, Double.parseDouble(e.getKey()));
                JsonNode ref = e.getValue();
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                    assertThat(got[i] == got[j]).as("n=%d t=%s %d~%d", n, e.getKey(), i, j)
                            .isEqualTo(ref.get(i).asInt() == ref.get(j).asInt());
                }
            });
        }
    }

    @Test
    void malformedHistoryIsANamedErrorAndTwoTierSwallowsNothingElse() {
        assertThatThrownBy(() -> new History(new float[5], 2, Map.of("a", 0), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected rows");
        History tiny = new History(new float[4], 2, Map.of("a", 0, "b", 1), 1);
        assertThat(TwoTier.reps(tiny)).isEqualTo(new TwoTier.Reps(Map.of(), Map.of()));
    }
}
