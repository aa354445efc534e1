package io.tao4j.mantis.salience.math;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.salience.Vectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Building blocks against scikit-learn 1.2.1 / PyTorch values (tools/parity/mantis/gen_math_vectors.py). */
class MathVectorsTest {
    private static final JsonNode V = Vectors.load("math_vectors.json");

    private static void assertModel(LogisticRegression.Model m, JsonNode ref, double tol) {
        double[] coef = Vectors.doubles(ref.get("coef"));
        for (int k = 0; k < coef.length; k++) assertThat(m.coef()[k]).as("coef %d", k).isCloseTo(coef[k], within(tol));
        assertThat(m.intercept()).as("intercept").isCloseTo(ref.get("intercept").asDouble(), within(tol));
    }

    /** One logistic-regression vector: its reference node, its design matrix and its labels. */
    private record Fit(JsonNode r, double[] x, byte[] y) {
        static Fit of(String name) {
            JsonNode r = V.get(name);
            return new Fit(r, Vectors.matrix(r.get("X")), Vectors.labels(r.get("y")));
        }

        double[] balanced() {
            return LogisticRegression.balancedWeights(y);
        }

        double c() {
            return r.get("C").asDouble();
        }
    }

    @Test
    void liblinearL2MatchesScikitLearn() {
        Fit f = Fit.of("liblinear");
        assertModel(LogisticRegression.fitL2(f.x(), f.y().length, 2, f.y(), f.balanced(), f.c(), true), f.r(), 1e-6);
    }

    @Test
    void lbfgsL2MatchesScikitLearn() {
        Fit f = Fit.of("lbfgs");
        assertModel(LogisticRegression.fitL2(f.x(), f.y().length, 5, f.y(), f.balanced(), f.c(), false), f.r(), 1e-5);
    }

    @Test
    void warmStartReachesTheSameOptimum() {
        Fit f = Fit.of("lbfgs");
        assertModel(LogisticRegression.fitL2(f.x(), f.y().length, 5, f.y(), f.balanced(), 1.0, false,
                new double[] {3, -3, 3, -3, 3, 1}), f.r(), 1e-5);
    }

    @Test
    void sagaElasticNetMatchesScikitLearn() {
        Fit f = Fit.of("saga_en");
        JsonNode r = f.r();
        LogisticRegression.Model m = LogisticRegression.fitElasticNet(f.x(), f.y().length, 5, f.y(), f.balanced(), f.c(),
                r.get("l1_ratio").asDouble());
        assertModel(m, r, 1e-5);
        // at C=0.05 the L1 part zeroes some coefficients exactly, as saga does
        double[] ref = Vectors.doubles(r.get("coef"));
        for (int k = 0; k < ref.length; k++) if (ref[k] == 0.0) assertThat(m.coef()[k]).isEqualTo(0.0);
    }

    @Test
    void aucWithTiesMatchesRocAucScore() {
        JsonNode r = V.get("auc");
        double auc = Auc.rocAuc(Vectors.labels(r.get("y")), Vectors.doubles(r.get("scores")));
        assertThat(auc).isCloseTo(r.get("auc").asDouble(), within(1e-12));
    }

    @Test
    void aucHandCases() {
        assertThat(Auc.rocAuc(new byte[] {0, 0, 1, 1}, new double[] {1, 2, 3, 4})).isEqualTo(1.0);
        assertThat(Auc.rocAuc(new byte[] {1, 1, 0, 0}, new double[] {1, 2, 3, 4})).isEqualTo(0.0);
        assertThat(Auc.rocAuc(new byte[] {0, 1, 0, 1}, new double[] {5, 5, 5, 5})).isEqualTo(0.5);
        assertThat(Auc.rocAuc(new byte[] {1, 1}, new double[] {1, 2})).isNaN();
    }

    @Test
    void adamMatchesTorchTrajectory() {
        JsonNode r = V.get("adam");
        double[] p = Vectors.doubles(r.get("start"));
        double[] c = Vectors.doubles(r.get("c"));
        double[] t = Vectors.doubles(r.get("t"));
        Adam adam = new Adam(3, r.get("lr").asDouble());
        for (JsonNode step : r.get("trajectory")) {
            double[] g = new double[3];
            for (int i = 0; i < 3; i++) g[i] = 2 * c[i] * (p[i] - t[i]);
            adam.step(p, g);
            double[] ref = Vectors.doubles(step);
            for (int i = 0; i < 3; i++) assertThat(p[i]).isCloseTo(ref[i], within(1e-12));
        }
    }

    @Test
    void softmaxIsStableAndNormalised() {
        double[] w = Softmax.softmax(new double[] {1000, 1000, 999});
        assertThat(w[0]).isCloseTo(1 / (2 + Math.exp(-1)), within(1e-15));
        assertThat(w[0] + w[1] + w[2]).isCloseTo(1.0, within(1e-15));
        // backward against a finite difference of L = sum(a_i * softmax_i)
        double[] theta = {0.3, -0.2, 0.9};
        double[] a = {1.5, -2.0, 0.7};
        double[] g = new double[3];
        Softmax.backward(Softmax.softmax(theta), a, g);
        for (int k = 0; k < 3; k++) {
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[k] += 1e-6;
            tm[k] -= 1e-6;
            double fp = 0, fm = 0;
            double[] sp = Softmax.softmax(tp), sm = Softmax.softmax(tm);
            for (int i = 0; i < 3; i++) {
                fp += a[i] * sp[i];
                fm += a[i] * sm[i];
            }
            assertThat(g[k]).isCloseTo((fp - fm) / 2e-6, within(1e-8));
        }
    }
}
