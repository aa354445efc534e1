package io.tao4j.mantis.salience.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The elastic net is solved to its optimum: subgradient (KKT) conditions at rounding level, whatever the start. */
class ElasticNetTest {
    /** Rows of near-duplicate features (a few latent factors, tiny noise, some exact copies): an ill-conditioned Hessian. */
    private record Problem(double[] x, int n, int p, byte[] y, double[] w) {}

    private static Problem collinear(long seed, int n, int p) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * p];
        byte[] y = new byte[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double[] f = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            for (int k = 0; k < p; k++) {
                x[i * p + k] = k % 4 == 3 ? x[i * p + k - 1] : f[k % 3] + 1e-3 * r.nextGaussian();
            }
            double z = 0.8 * f[0] - 0.5 * f[1] + 0.3;
            y[i] = (byte) (r.nextDouble() < 1.0 / (1.0 + Math.exp(-z)) ? 1 : 0);
            w[i] = 0.5 + r.nextDouble();
        }
        return new Problem(x, n, p, y, w);
    }

    /** Largest violation of the optimality conditions, relative to the largest per-feature weight sum. */
    private static double kktResidual(Problem pr, LogisticRegression.Model m, double c, double l1Ratio) {
        int p = pr.p();
        double[] g = new double[p + 1];
        double scale = 0.0;
        for (int i = 0; i < pr.n(); i++) {
            double res = pr.w()[i] * (LogisticRegression.sigmoid(m.decision(pr.x(), i * p)) - pr.y()[i]);
            for (int k = 0; k < p; k++) g[k] += res * pr.x()[i * p + k];
            g[p] += res;
            scale += pr.w()[i];
        }
        double l1 = l1Ratio / c, l2 = (1 - l1Ratio) / c;
        double worst = Math.abs(g[p]);
        for (int k = 0; k < p; k++) {
            double b = m.coef()[k];
            double gk = g[k] + l2 * b;
            worst = Math.max(worst, b != 0 ? Math.abs(gk + l1 * Math.signum(b)) : Math.max(0.0, Math.abs(gk) - l1));
        }
        return worst / scale;
    }

    @Test
    void collinearProblemIsSolvedToRoundingLevel() {
        Problem pr = collinear(7, 4000, 24);
        LogisticRegression.Model m = LogisticRegression.fitElasticNet(pr.x(), pr.n(), pr.p(), pr.y(), pr.w(), 1.0, 0.5);
        assertTrue(kktResidual(pr, m, 1.0, 0.5) < 1e-12, "KKT residual " + kktResidual(pr, m, 1.0, 0.5));
        assertTrue(m.iterations() <= 20, "Newton steps " + m.iterations());
    }

    @Test
    void strongL1GivesExactZerosThatSatisfyTheSubgradientCondition() {
        Problem pr = collinear(11, 3000, 16);
        double c = 0.002;
        LogisticRegression.Model m = LogisticRegression.fitElasticNet(pr.x(), pr.n(), pr.p(), pr.y(), pr.w(), c, 0.9);
        int zeros = 0;
        for (double b : m.coef()) if (b == 0.0) zeros++;
        assertTrue(zeros > 0 && zeros < pr.p(), "zeros " + zeros);
        assertTrue(kktResidual(pr, m, c, 0.9) < 1e-12, "KKT residual " + kktResidual(pr, m, c, 0.9));
    }

    @Test
    void warmStartReachesTheSameOptimum() {
        Problem pr = collinear(3, 3000, 20);
        LogisticRegression.Model cold = LogisticRegression.fitElasticNet(pr.x(), pr.n(), pr.p(), pr.y(), pr.w(), 1.0, 0.5);
        double[] start = new double[pr.p() + 1];
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < pr.p(); k++) start[k] = cold.coef()[k] + 0.3 * r.nextGaussian();
        start[pr.p()] = cold.intercept() - 0.4;
        LogisticRegression.Model warm = LogisticRegression.fitElasticNet(pr.x(), pr.n(), pr.p(), pr.y(), pr.w(), 1.0, 0.5,
                start);
        for (int k = 0; k < pr.p(); k++) assertEquals(cold.coef()[k], warm.coef()[k], 1e-10, "coef " + k);
        assertEquals(cold.intercept(), warm.intercept(), 1e-10);
    }
}
