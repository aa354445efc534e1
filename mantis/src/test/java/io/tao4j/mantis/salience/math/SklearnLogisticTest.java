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
}
