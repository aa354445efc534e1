package io.tao4j.mantis.salience.math;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Binary logistic regression fitted to (near) machine precision, reproducing the optimisation
 * problems that scikit-learn's {@code LogisticRegression} solves (the solvers differ, the minimiser
 * is the same unique point because every objective here is strictly convex):
 *
 * <ul>
 *   <li>{@link #fitL2(double[], int, int, byte[], double[], double, boolean)} with
 *       {@code penalizeIntercept = true}: {@code solver="liblinear", penalty="l2"} — liblinear's L2R_LR
 *       primal problem {@code 0.5 |w~|^2 + C sum_i c_i log(1 + exp(-y_i w~.x~_i))} where the intercept is
 *       an extra constant feature 1 ({@code intercept_scaling=1}) and is penalised like any weight.</li>
 *   <li>the same with {@code penalizeIntercept = false}: {@code solver="lbfgs", penalty="l2"} —
 *       {@code sum_i s_i log-loss_i + |w|^2 / (2C)}, intercept not penalised.</li>
 *   <li>{@link #fitElasticNet}: {@code solver="saga", penalty="elasticnet"} —
 *       {@code sum_i s_i log-loss_i + (1-r)/(2C) |w|^2 + r/C |w|_1}, intercept not penalised.</li>
 * </ul>
 *
 * {@code class_weight="balanced"} is {@link #balancedWeights(byte[])}: {@code n / (2 * count(class))}
 * per sample, as scikit-learn's {@code compute_class_weight("balanced")}; it multiplies the per-sample
 * loss (for liblinear it scales C per class, the same thing).
 *
 * <p>The L2 problems are solved by damped Newton steps with a Cholesky solve, the elastic net by
 * proximal Newton with an exact active-set solve of the quadratic model ({@link ElasticNet}). Sums over samples
 * are taken in fixed 4096-row blocks combined in block order, so results do not depend on the thread count.
 */
public final class LogisticRegression {
    private static final int BLOCK = 4096;
    private static final int MAX_NEWTON = 100;

    private LogisticRegression() {}

    /** A fitted model: coefficients per feature plus intercept. */
    public record Model(double[] coef, double intercept, int iterations) {
        public double decision(double[] x, int offset) {
            double z = intercept;
            for (int k = 0; k < coef.length; k++) z += coef[k] * x[offset + k];
            return z;
        }

        public double probability(double[] x, int offset) {
            return sigmoid(decision(x, offset));
        }
    }

    public static double sigmoid(double z) {
        return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
    }

    /** log(1 + exp(-m)) computed stably. */
    static double logLoss(double margin) {
        return Math.max(-margin, 0.0) + log1pSmall(Math.exp(-Math.abs(margin)));
    }

    /**
     * log(1 + e) for e in [0, 1], without the slow StrictMath.log1p: a short series below 1e-5 (error
     * below 1e-20), Math.log(1 + e) above (relative error below 1e-11).
     */
    static double log1pSmall(double e) {
        return e < 1e-5 ? e - 0.5 * e * e + e * e * e / 3.0 : Math.log(1.0 + e);
    }

    /** scikit-learn's balanced class weights per sample ({@code n_samples / (2 * bincount(y))}). */
    public static double[] balancedWeights(byte[] y) {
        int n = y.length;
        int pos = 0;
        for (byte b : y) if (b != 0) pos++;
        int neg = n - pos;
        double wPos = pos == 0 ? 0.0 : n / (2.0 * pos);
        double wNeg = neg == 0 ? 0.0 : n / (2.0 * neg);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = y[i] != 0 ? wPos : wNeg;
        return w;
    }

    /**
     * Fits an L2-penalised logistic regression.
     *
     * @param x row-major design matrix, {@code n * p} values
     * @param n rows
     * @param p features
     * @param y labels 0/1
     * @param sampleWeight per-sample loss weights (e.g. balanced class weights), or null for ones
     * @param c inverse regularisation strength (scikit-learn's C)
     * @param penalizeIntercept true for liblinear's formulation, false for lbfgs/newton-cg/saga
     */
    public static Model fitL2(double[] x, int n, int p, byte[] y, double[] sampleWeight, double c,
                              boolean penalizeIntercept) {
        return fitL2(x, n, p, y, sampleWeight, c, penalizeIntercept, null);
    }

    /**
     * As {@link #fitL2(double[], int, int, byte[], double[], double, boolean)}, starting Newton's method
     * from {@code start} (coefficients then intercept; null for zeros). The minimiser is unique, so the
     * start only changes how many iterations are needed, not the answer (beyond the 1e-11 gradient
     * tolerance).
     */
    public static Model fitL2(double[] x, int n, int p, byte[] y, double[] sampleWeight, double c,
                              boolean penalizeIntercept, double[] start) {
        check(x, n, p, y, sampleWeight, c);
        final int q = p + 1; // last parameter is the intercept
        double[] lambda = new double[q];
        Arrays.fill(lambda, 0, p, 1.0 / c);
        lambda[p] = penalizeIntercept ? 1.0 / c : 0.0;
        double[] beta = start == null ? new double[q] : Arrays.copyOf(start, q);
        for (double b : beta) if (!Double.isFinite(b)) Arrays.fill(beta, 0.0);
        double sumW = Math.max(1.0, sumWeights(sampleWeight, n));
        double tolG = 1e-11 * sumW;
        // Newton's method on the smooth, strictly convex objective, globalised with the squared gradient
        // norm as merit function (the Newton direction always decreases it), so no objective values
        // (logarithms) are needed.
        Pass cur = pass(x, n, p, y, sampleWeight, beta, lambda, false);
        int it = 0;
        double[] cand = new double[q];
        for (; it < MAX_NEWTON; it++) {
            double gmax = 0.0;
            double phi = 0.0;
            for (int k = 0; k < q; k++) {
                gmax = Math.max(gmax, Math.abs(cur.g[k]));
                phi += cur.g[k] * cur.g[k];
            }
            if (gmax <= tolG) break;
            double[] d = Cholesky.solve(cur.h, q, cur.g); // Newton step is -d
            double decrement = 0.0;
            for (int k = 0; k < q; k++) decrement += cur.g[k] * d[k];
            if (decrement * 0.5 <= 1e-13 * sumW) {
                // f - f* is below the rounding level of f: take the last (tiny, exact) Newton step and stop
                for (int k = 0; k < q; k++) beta[k] -= d[k];
                it++;
                break;
            }
            double t = 1.0;
            Pass next;
            double phiNext;
            int ls = 0;
            while (true) {
                for (int k = 0; k < q; k++) cand[k] = beta[k] - t * d[k];
                next = pass(x, n, p, y, sampleWeight, cand, lambda, false);
                phiNext = 0.0;
                for (int k = 0; k < q; k++) phiNext += next.g[k] * next.g[k];
                if (phiNext <= (1.0 - 2e-4 * t) * phi || ls >= 40) break;
                t *= 0.5;
                ls++;
            }
            if (!(phiNext < phi)) break; // no further progress possible in floating point
            System.arraycopy(cand, 0, beta, 0, q);
            cur = next;
        }
        return new Model(Arrays.copyOf(beta, p), beta[p], it);
    }

    private record Pass(double f, double[] g, double[] h) {}

    /** Objective, gradient and Hessian (penalty included) at beta, in one pass over the data. */
    private static Pass pass(double[] x, int n, int p, byte[] y, double[] sw, double[] beta, double[] lambda,
                             boolean withLoss) {
        final int q = p + 1;
        double[][] gh = gradHess(x, n, p, y, sw, beta, withLoss);
        double f = gh[2][0];
        for (int k = 0; k < q; k++) {
            f += 0.5 * lambda[k] * beta[k] * beta[k];
            gh[0][k] += lambda[k] * beta[k];
            gh[1][k * q + k] += lambda[k];
        }
        return new Pass(f, gh[0], gh[1]);
    }

    /**
     * Fits the elastic-net logistic regression of scikit-learn's saga solver:
     * {@code sum_i s_i log-loss_i + (1-l1Ratio)/(2C) |w|^2 + l1Ratio/C |w|_1}, intercept free.
     */
    public static Model fitElasticNet(double[] x, int n, int p, byte[] y, double[] sampleWeight, double c,
                                      double l1Ratio) {
        return fitElasticNet(x, n, p, y, sampleWeight, c, l1Ratio, null);
    }

    /**
     * As {@link #fitElasticNet(double[], int, int, byte[], double[], double, double)}, starting from {@code start}
     * (coefficients then intercept; null for zeros). The objective is strictly convex when {@code l1Ratio < 1}, and
     * it is minimised to rounding level, so the start only changes the number of Newton steps (the answer moves by
     * rounding only). {@link ElasticNet} has the method.
     */
    public static Model fitElasticNet(double[] x, int n, int p, byte[] y, double[] sampleWeight, double c,
                                      double l1Ratio, double[] start) {
        check(x, n, p, y, sampleWeight, c);
        if (!(l1Ratio >= 0 && l1Ratio <= 1)) throw new IllegalArgumentException("l1_ratio must be in [0,1]");
        return ElasticNet.fit(x, n, p, y, sampleWeight, c, l1Ratio, start);
    }

    private static void check(double[] x, int n, int p, byte[] y, double[] sw, double c) {
        if (n <= 0 || p < 0) throw new IllegalArgumentException("empty design matrix");
        if (x.length < (long) n * p) throw new IllegalArgumentException("x has fewer than n*p values");
        if (y.length < n) throw new IllegalArgumentException("y shorter than n");
        if (sw != null && sw.length < n) throw new IllegalArgumentException("sample weights shorter than n");
        if (!(c > 0)) throw new IllegalArgumentException("C must be positive: " + c);
    }

    private static double sumWeights(double[] sw, int n) {
        if (sw == null) return n;
        double s = 0;
        for (int i = 0; i < n; i++) s += sw[i];
        return s;
    }

    private static int blocks(int n) {
        return (n + BLOCK - 1) / BLOCK;
    }

    /** {@link #gradHess} block for two features (same arithmetic, same summation order). */
    private static void gradHess2(double[] x, int lo, int hi, byte[] y, double[] sw, double[] beta, double[] g,
                                  double[] h) {
        double b0 = beta[0], b1 = beta[1], b2 = beta[2];
        double g0 = 0, g1 = 0, g2 = 0, h00 = 0, h01 = 0, h02 = 0, h11 = 0, h12 = 0, h22 = 0;
        for (int i = lo; i < hi; i++) {
            double x0 = x[2 * i], x1 = x[2 * i + 1];
            double z = b2 + b0 * x0 + b1 * x1;
            double ez = Math.exp(-Math.abs(z));
            double pr = z >= 0 ? 1.0 / (1.0 + ez) : ez / (1.0 + ez);
            double wi = sw == null ? 1.0 : sw[i];
            double r = wi * (pr - (y[i] != 0 ? 1.0 : 0.0));
            double curv = wi * pr * (1.0 - pr);
            g0 += r * x0;
            g1 += r * x1;
            g2 += r;
            double c0 = curv * x0, c1 = curv * x1;
            h00 += c0 * x0;
            h01 += c0 * x1;
            h02 += c0;
            h11 += c1 * x1;
            h12 += c1;
            h22 += curv;
        }
        g[0] = g0;
        g[1] = g1;
        g[2] = g2;
        h[0] = h00;
        h[1] = h01;
        h[2] = h02;
        h[4] = h11;
        h[5] = h12;
        h[8] = h22;
    }

    /** Gradient, full Hessian (row-major q*q) and value {@code [2][0]} of the weighted log-loss sum at beta. */
    private static double[][] gradHess(double[] x, int n, int p, byte[] y, double[] sw, double[] beta,
                                       boolean withLoss) {
        final int q = p + 1;
        int nb = blocks(n);
        double[][] gParts = new double[nb][];
        double[][] hParts = new double[nb][];
        IntStream range = IntStream.range(0, nb);
        if ((long) n * p * p > 500_000) range = range.parallel();
        range.forEach(b -> {
            int lo = b * BLOCK;
            int hi = Math.min(n, lo + BLOCK);
            double[] g = new double[q + 1]; // last slot: loss sum
            double[] h = new double[q * q];
            if (p == 2 && !withLoss) { // the binary scorer's base models: accumulators in registers
                gradHess2(x, lo, hi, y, sw, beta, g, h);
                gParts[b] = g;
                hParts[b] = h;
                return;
            }
            double[] row = new double[q];
            double loss = 0.0;
            for (int i = lo; i < hi; i++) {
                int off = i * p;
                double z = beta[p];
                for (int k = 0; k < p; k++) {
                    row[k] = x[off + k];
                    z += beta[k] * row[k];
                }
                row[p] = 1.0;
                double ez = Math.exp(-Math.abs(z));
                double pr = z >= 0 ? 1.0 / (1.0 + ez) : ez / (1.0 + ez);
                double wi = sw == null ? 1.0 : sw[i];
                if (withLoss) {
                    double margin = y[i] != 0 ? z : -z;
                    loss += wi * (Math.max(-margin, 0.0) + log1pSmall(ez));
                }
                double r = wi * (pr - (y[i] != 0 ? 1.0 : 0.0));
                double curv = wi * pr * (1.0 - pr);
                for (int k = 0; k < q; k++) {
                    double rk = row[k];
                    g[k] += r * rk;
                    double ck = curv * rk;
                    if (ck != 0.0) {
                        int base = k * q;
                        for (int l = k; l < q; l++) h[base + l] += ck * row[l];
                    }
                }
            }
            g[q] = loss;
            gParts[b] = g;
            hParts[b] = h;
        });
        double[] g = new double[q];
        double[] h = new double[q * q];
        double loss = 0.0;
        for (int b = 0; b < nb; b++) {
            for (int k = 0; k < q; k++) g[k] += gParts[b][k];
            loss += gParts[b][q];
            double[] hb = hParts[b];
            for (int k = 0; k < q * q; k++) h[k] += hb[k];
        }
        for (int k = 0; k < q; k++) for (int l = 0; l < k; l++) h[k * q + l] = h[l * q + k];
        return new double[][] {g, h, {loss}};
    }
}
