package io.tao4j.mantis.salience.math;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.salience.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * HEAD building blocks against the reference's own functions (tools/parity/mantis/gen_head_block_vectors.py run on
 * Barbariandev/MANTIS bcff57b with Debian's numpy 1.24.2).
 */
class HeadBlocksTest {
    private static final JsonNode V = Vectors.load("head_block_vectors.json");

    private static float[] floats(JsonNode a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) f[i] = (float) a.get(i).asDouble();
        return f;
    }

    /** {@code default_rng(seed).random(n)·1e3 − 500}. */
    private static double[] draws(long seed, int n) {
        Pcg64 g = new Pcg64(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = g.random() * 1e3 - 500.0;
        return d;
    }

    /**
     * The reference generator's stand-in fit: coef = [mean(rows) − 150, (seed % 7) − 3, row0 − Σy]; it fails (null)
     * when seed % 5 == 3.
     */
    private static double[] standInCoef(byte[] y, int[] rows, long rs) {
        if (rs % 5 == 3) return null;
        double[] r = new double[rows.length];
        double sy = 0;
        for (int i = 0; i < rows.length; i++) {
            r[i] = rows[i];
            sy += y[rows[i]];
        }
        return new double[] {NumpySum.mean(r) - 150.0, (double) (rs % 7) - 3.0, -sy + rows[0]};
    }

    @Test
    void sumsAreBitIdenticalToNumpyIncludingItsBufferChunks() {
        for (JsonNode c : V.get("sums")) {
            int n = c.get("n").asInt();
            double[] d = draws(c.get("seed").asLong(), n);
            float[] f = new float[n];
            for (int i = 0; i < n; i++) f[i] = (float) d[i];
            assertThat(NumpySum.sum(f)).as("sum32 n=%d", n).isEqualTo((float) c.get("sum32").asDouble());
            assertThat(NumpySum.sum(d)).as("sum64 n=%d", n).isEqualTo(c.get("sum64").asDouble());
            if (n > 0) {
                assertThat(NumpySum.mean(f)).as("mean32 n=%d", n).isEqualTo((float) c.get("mean32").asDouble());
                assertThat(NumpySum.mean(d)).as("mean64 n=%d", n).isEqualTo(c.get("mean64").asDouble());
            }
        }
    }

    @Test
    void timeWeightsMatchReference() {
        for (JsonNode c : V.get("time_weights")) {
            double[] w = SampleWeights.timeWeights(c.get("T").asInt());
            double[] ref = Vectors.doubles(c.get("w"));
            assertThat(w).hasSize(ref.length);
            for (int i = 0; i < w.length; i++) assertThat(w[i]).isCloseTo(ref[i], within(2e-15 * Math.abs(ref[i])));
        }
        JsonNode l = V.get("time_weights_long");
        double[] w = SampleWeights.timeWeights(l.get("T").asInt());
        for (int k = 0; k < l.get("idx").size(); k++) {
            double ref = l.get("w").get(k).asDouble();
            assertThat(w[l.get("idx").get(k).asInt()]).isCloseTo(ref, within(1e-13 * ref));
        }
    }

    @Test
    void recentMassWeightsAreFloat32Exact() {
        for (JsonNode c : V.get("recent_mass_weights")) {
            int rs = c.get("recent").asInt();
            double mass = c.get("mass").asDouble();
            if (c.has("t")) {
                float[] w = SampleWeights.recentMassWeights(Vectors.doubles(c.get("t")), rs, mass);
                float[] ref = floats(c.get("w"));
                assertThat(w).containsExactly(ref);
            } else {
                int n = c.get("n").asInt();
                float[] w = SampleWeights.recentMassWeights(n, rs, mass);
                assertThat(w[0]).as("first n=%d", n).isEqualTo((float) c.get("first").asDouble());
                assertThat(w[n - 1]).as("last n=%d", n).isEqualTo((float) c.get("last").asDouble());
                assertThat(NumpySum.sum(w)).isEqualTo((float) c.get("sum32").asDouble());
                for (float v : w) {
                    boolean known = false;
                    for (JsonNode k : c.get("distinct")) known |= v == (float) k.asDouble();
                    assertThat(known).as("value %s", v).isTrue();
                }
            }
        }
        assertThatThrownBy(() -> SampleWeights.recentMassWeights(3, 0, 0.5)).hasMessageContaining("recent_samples");
        assertThatThrownBy(() -> SampleWeights.recentMassWeights(3, 5, 1.0)).hasMessageContaining("recent_mass");
    }

    @Test
    void rollingStdFastMatchesReference() {
        for (JsonNode c : V.get("rolling_std_fast")) {
            Pcg64 g = new Pcg64(c.get("seed").asLong());
            int n = c.get("n").asInt();
            double[] x = new double[n];
            double acc = 0.0;
            for (int i = 0; i < n; i++) {
                acc += g.random() - 0.5;
                x[i] = 1000.0 + acc;
            }
            double[] s = SampleWeights.rollingStdFast(x, c.get("w").asInt());
            assertThat(s).hasSize(c.get("len").asInt());
            for (int k = 0; k < c.get("idx").size(); k++) {
                assertThat(s[c.get("idx").get(k).asInt()]).isEqualTo(c.get("std").get(k).asDouble());
            }
        }
        assertThatThrownBy(() -> SampleWeights.rollingStdFast(new double[3], 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blockBootstrapIndicesSkipRulesAndAggregationMatchReference() {
        for (JsonNode c : V.get("bootstrap")) {
            int t = c.get("T").asInt();
            int n = c.get("n").asInt();
            long seed = c.get("seed").asLong();
            byte[] y = Vectors.labels(c.get("y"));
            for (int b = 0; b < n && t >= BlockBootstrap.BLOCK_SIZE; b++) {
                int[] rows = BlockBootstrap.replicateRows(seed + b, t, BlockBootstrap.BLOCK_SIZE);
                JsonNode starts = c.get("starts").get(b);
                assertThat(rows).hasSize(starts.size() * BlockBootstrap.BLOCK_SIZE);
                for (int k = 0; k < starts.size(); k++) assertThat(rows[k * 120]).isEqualTo(starts.get(k).asInt());
            }
            // the generator's stand-in fit: coef = [mean(rows) − 150, (seed % 7) − 3, row0 − Σy], fails when seed % 5 == 3
            double[] agg = BlockBootstrap.run(y, n, BlockBootstrap.BLOCK_SIZE, seed, (rows, rs) -> {
                double[] coef = standInCoef(y, rows, rs);
                return coef == null ? null : java.util.Arrays.stream(coef).map(Math::abs).toArray();
            });
            if (c.get("agg").isNull()) {
                assertThat(agg).as("T=%d", t).isNull();
            } else {
                assertThat(agg).as("T=%d", t).containsExactly(Vectors.doubles(c.get("agg")));
            }
        }
    }

    @Test
    void xsecBootstrapAggregatesMatchReference() {
        for (JsonNode c : V.get("bootstrap_xsec")) {
            byte[] y = Vectors.labels(c.get("y"));
            int k = c.get("K").asInt();
            // stand-in fit of the generator: coef = first K of [mean(rows) − 150, (seed % 7) − 3, row0 − Σy],
            // intercept = last row / 7; the intercept rides along as an extra last entry
            List<double[]> reps = BlockBootstrap.replicates(y, c.get("n").asInt(), BlockBootstrap.BLOCK_SIZE,
                    c.get("seed").asLong(), (rows, rs) -> {
                        double[] all = standInCoef(y, rows, rs);
                        if (all == null) return null;
                        double[] out = java.util.Arrays.copyOf(all, k + 1);
                        out[k] = rows[rows.length - 1] / 7.0;
                        return out;
                    });
            List<double[]> coefs = new ArrayList<>();
            List<double[]> abs = new ArrayList<>();
            double[] icpt = new double[reps.size()];
            for (int i = 0; i < reps.size(); i++) {
                double[] cf = java.util.Arrays.copyOf(reps.get(i), k);
                coefs.add(cf);
                abs.add(java.util.Arrays.stream(cf).map(Math::abs).toArray());
                icpt[i] = reps.get(i)[k];
            }
            assertThat(BlockBootstrap.meanAxis0(coefs)).containsExactly(Vectors.doubles(c.get("signed_mean")));
            assertThat(NumpySum.mean(icpt)).isEqualTo(c.get("intercept_mean").asDouble());
            assertThat(BlockBootstrap.medianOfMeans(abs)).containsExactly(Vectors.doubles(c.get("abs_mom")));
        }
    }

    @Test
    void medianOfMeansMatchesNumpy() {
        for (JsonNode c : V.get("median_of_means")) {
            List<double[]> rows = new ArrayList<>();
            for (JsonNode r : c.get("coefs")) rows.add(Vectors.doubles(r));
            assertThat(BlockBootstrap.medianOfMeans(rows)).containsExactly(Vectors.doubles(c.get("mom")));
        }
        assertThatThrownBy(() -> BlockBootstrap.medianOfMeans(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topkRenormKeepsTieOrderAndRankDecay() {
        for (JsonNode c : V.get("topk_renorm")) {
            Map<String, Double> in = new LinkedHashMap<>();
            for (JsonNode e : c.get("in")) in.put(e.get(0).asText(), e.get(1).asDouble());
            LinkedHashMap<String, Double> out = TopKRenorm.topkRenorm(in, c.get("k").asInt());
            List<String> keys = new ArrayList<>(out.keySet());
            JsonNode ref = c.get("out");
            assertThat(keys).hasSize(ref.size());
            for (int i = 0; i < ref.size(); i++) {
                assertThat(keys.get(i)).isEqualTo(ref.get(i).get(0).asText());
                double r = ref.get(i).get(1).asDouble();
                assertThat(out.get(keys.get(i))).isCloseTo(r, within(1e-15));
            }
            assertThat(TopKRenorm.isUniform(in)).isEqualTo(c.get("uniform").asBoolean());
        }
    }
}
