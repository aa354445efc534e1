package io.tao4j.mantis.salience.math;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.salience.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * scikit-learn 1.7 semantics against tools/parity/mantis/gen_head_lr_vectors.py (scipy 1.10 L-BFGS-B driven with
 * 1.7's objective and options; sklearn 1.2's liblinear and saga with explicit 1.7-balanced sample weights).
 */
class SklearnLogisticTest {
    private static final JsonNode V = Vectors.load("head_lr_vectors.json");

    private static void assertModel(LogisticRegression.Model m, JsonNode ref, double tol, String what) {
        double[] coef = Vectors.doubles(ref.get("coef"));
        for (int k = 0; k < coef.length; k++) assertThat(m.coef()[k]).as("%s coef %d", what, k).isCloseTo(coef[k], within(tol));
        assertThat(m.intercept()).as("%s intercept", what).isCloseTo(ref.get("intercept").asDouble(), within(tol));
    }

    /** One case of the vectors: n samples of p features, labels and their 1.7-balanced sample weights. */
    private record Case(double[] x, byte[] y, int n, int p, double[] s) {
        static Case of(JsonNode c) {
            double[] x = Vectors.matrix(c.get("X"));
            byte[] y = Vectors.labels(c.get("y"));
            return new Case(x, y, y.length, x.length / y.length, Vectors.doubles(c.get("balanced")));
        }

        /** The exact L2 solve (liblinear's or L-BFGS's objective) at regularisation cc. */
        LogisticRegression.Model exact(double cc, boolean liblinear) {
            return LogisticRegression.fitL2(x, n, p, y, s, cc, liblinear);
        }
    }

    @Test
    void balancedWeightsUseSampleWeightedCounts() {
        for (JsonNode c : V.get("cases")) {
            byte[] y = Vectors.labels(c.get("y"));
            double[] s = SklearnLogistic.balancedSampleWeights(y, Vectors.doubles(c.get("sw")));
            double[] ref = Vectors.doubles(c.get("balanced"));
            for (int i = 0; i < s.length; i++) assertThat(s[i]).isCloseTo(ref[i], within(1e-15 * ref[i]));
        }
        // 1.7 differs from the raw-count rule once sample weights are uneven
        byte[] y = {1, 0, 0};
        double[] s = SklearnLogistic.balancedSampleWeights(y, new double[] {3.0, 1.0, 1.0});
        assertThat(s).containsExactly(2.5, 1.25, 1.25); // raw counts (sklearn ≤ 1.6) would give 4.5, 0.75, 0.75
        assertThatThrownBy(() -> SklearnLogistic.balancedSampleWeights(new byte[] {1, 1}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both classes");
    }

    @Test
    void lbfgsFollowsScipyIterationsAndStoppingRules() {
        int fits = 0;
        for (JsonNode c : V.get("cases")) {
            Case k = Case.of(c);
            for (Iterator<Map.Entry<String, JsonNode>> it = c.get("lbfgs").fields(); it.hasNext(); ) {
                JsonNode r = it.next().getValue();
                LogisticRegression.Model m = SklearnLogistic.fitLbfgs(k.x(), k.n(), k.p(), k.y(), k.s(), c.get("C").asDouble(),
                        r.get("tol").asDouble(), r.get("max_iter").asInt());
                String what = c.get("name").asText() + " tol=" + r.get("tol") + " max_iter=" + r.get("max_iter");
                assertThat(m.iterations()).as(what + " nit").isEqualTo(Math.min(r.get("nit").asInt(), r.get("max_iter").asInt()));
                assertModel(m, r, 1e-6, what);
                fits++;
            }
            // the stopping point is not the optimum: an exact solve lands elsewhere by more than the tolerance above
            LogisticRegression.Model opt = k.exact(c.get("C").asDouble(), false);
            assertModel(opt, c.get("lbfgs_optimum"), 1e-6, c.get("name") + " optimum");
        }
        assertThat(fits).isEqualTo(24);
    }

    @Test
    void liblinearFollowsTronAndSagaReachesItsObjectivesOptimum() {
        for (JsonNode c : V.get("cases")) {
            Case k = Case.of(c);
            double cc = c.get("C").asDouble();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.get("liblinear").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode r = e.getValue();
                double tol = r.has("tol") ? r.get("tol").asDouble() : Double.parseDouble(e.getKey());
                int maxIter = r.has("max_iter") ? r.get("max_iter").asInt() : (tol < 1e-6 ? 100000 : 100);
                LogisticRegression.Model lib = SklearnLogistic.fitLiblinear(k.x(), k.n(), k.p(), k.y(), k.s(), cc, tol, maxIter);
                String what = c.get("name").asText() + " liblinear " + e.getKey();
                assertThat(lib.iterations()).as(what + " n_iter").isEqualTo(r.get("n_iter").asInt());
                assertModel(lib, r, 1e-9 * Math.max(1.0, cc), what);
            }
            LogisticRegression.Model lib = SklearnLogistic.fitLiblinear(k.x(), k.n(), k.p(), k.y(), k.s(), cc, 1e-12, 100000);
            double[] dec = SklearnLogistic.decisionFunction(lib, java.util.Arrays.copyOf(k.x(), 5 * k.p()), 5);
            double[] refDec = Vectors.doubles(c.get("liblinear").get("1e-12").get("decision"));
            for (int i = 0; i < 5; i++) assertThat(dec[i]).isCloseTo(refDec[i], within(1e-9));
            // the tol-1e-3 stop is not the optimum, and the exact solver agrees with the tight one
            assertModel(k.exact(cc, true), c.get("liblinear").get("1e-12"), 1e-6, "exact");
            LogisticRegression.Model en = SklearnLogistic.fitSagaElasticNet(k.x(), k.n(), k.p(), k.y(), k.s(), cc, 0.5);
            assertModel(en, c.get("saga").get("1e-10"), 1e-4 * Math.max(1.0, cc), c.get("name") + " saga");
        }
    }

    @Test
    void badInputIsANamedError() {
        assertThatThrownBy(() -> SklearnLogistic.fitLbfgs(new double[] {1, Double.NaN}, 2, 1, new byte[] {0, 1}, null, 1.0, 1e-4, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> SklearnLogistic.fitLbfgs(new double[] {1, 2}, 2, 1, new byte[] {0, 1}, null, 0.0, 1e-4, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C must be");
    }

    @Test
    void floatRowsWithNonFiniteValuesAreANamedError() {
        float[] x = {0.5f, 1f, -1f, 2f, Float.NaN, 0f, 1f, 1f};
        int[] rows = {0, 1, 2, 3};
        byte[] y = {0, 1, 0, 1};
        double[] sw = {1, 1, 1, 1};
        assertThatThrownBy(() -> SklearnLogistic.fitLbfgs(x, 2, rows, y, sw, 0.5, 1e-4, 100, SklearnLogistic.LbfgsRules.SKLEARN_1_7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN or infinity");
        x[4] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> SklearnLogistic.fitLbfgs(x, 2, rows, y, sw, 0.5, 1e-4, 100, SklearnLogistic.LbfgsRules.SKLEARN_1_7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN or infinity");
        x[4] = 3f; // rows not fitted are not read
        x[0] = Float.NaN;
        double[] coef = SklearnLogistic.fitLbfgs(x, 2, new int[] {1, 2, 3}, new byte[] {0, 1, 0}, new double[] {1, 1, 1}, 0.5, 1e-4, 100,
                SklearnLogistic.LbfgsRules.SKLEARN_1_7).coef();
        assertThat(Double.isFinite(coef[0]) && Double.isFinite(coef[1])).isTrue();
    }

    /** The four-rows-at-a-time loss keeps the plain (fused multiply-add) row loop's order: equal bit for bit. */
    @Test
    void rowLossEqualsThePlainRowLoopBitForBit() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        int t = 5000, p = 7, n = 4103; // more than one 2048-row block, not a multiple of 4
        float[] x = new float[t * p];
        for (int i = 0; i < x.length; i++) x[i] = (float) (3 * rnd.nextGaussian());
        int[] rows = new int[n];
        byte[] y = new byte[n];
        double[] sw = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = rnd.nextInt(t);
            y[i] = (byte) rnd.nextInt(2);
            sw[i] = 0.5 + rnd.nextInt(4);
        }
        double[] w = new double[p + 1];
        for (int k = 0; k <= p; k++) w[k] = 4 * rnd.nextGaussian(); // decision values spread over every softplus branch
        double[] g = new double[p + 1];
        double f = new SklearnLogistic.RowLoss(x, p, rows, y, sw).evaluate(w, g);
        double[] gRef = new double[p + 1];
        double fRef = 0.0;
        for (int lo = 0; lo < n; lo += 2048) {
            double fs = 0.0, fc = 0.0;
            double[] acc = new double[p + 1];
            for (int i = lo; i < Math.min(n, lo + 2048); i++) {
                int o = rows[i] * p;
                double z = w[p];
                for (int k = 0; k < p; k++) z = Math.fma(w[k], x[o + k], z);
                double ez = Math.exp(-Math.abs(z));
                double sp = Math.max(z, 0.0) + LogisticRegression.log1pSmall(ez);
                double sig = z >= 0 ? 1.0 / (1.0 + ez) : ez / (1.0 + ez);
                double yi = y[i] != 0 ? 1.0 : 0.0;
                double li = sw[i] * (sp - yi * z);
                double s = fs + li;
                fc += Math.abs(fs) >= Math.abs(li) ? (fs - s) + li : (li - s) + fs;
                fs = s;
                double r = sw[i] * (sig - yi);
                for (int k = 0; k < p; k++) acc[k] = Math.fma(r, x[o + k], acc[k]);
                acc[p] += r;
            }
            fRef += fs + fc;
            for (int k = 0; k <= p; k++) gRef[k] += acc[k];
        }
        assertThat(Double.doubleToLongBits(f)).isEqualTo(Double.doubleToLongBits(fRef));
        for (int k = 0; k <= p; k++) assertThat(Double.doubleToLongBits(g[k])).as("g[%d]", k).isEqualTo(Double.doubleToLongBits(gRef[k]));
    }
}
