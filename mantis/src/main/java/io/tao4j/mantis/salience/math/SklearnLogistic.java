package io.tao4j.mantis.salience.math;

/**
 * Binary {@code sklearn.linear_model.LogisticRegression} with scikit-learn 1.7 semantics, for the three solvers
 * MANTIS HEAD uses (spec §5.1). Sample weights {@code s} (null = ones) are multiplied by the 1.7 "balanced" class
 * weights when asked ({@link #balancedSampleWeights}).
 *
 * <ul>
 *   <li>{@link #fitLbfgs}: sklearn's normalised objective {@code (1/S)·Σ sᵢ·logloss + ‖w‖²/(2·C·S)},
 *       {@code S = Σ sᵢ}, intercept free, minimised from 0 by {@link LbfgsB} with sklearn's options (m 10,
 *       gtol = tol, ftol = 64·ε, maxls 50, maxiter = max_iter): the solver's stopping point, not the exact
 *       optimum.</li>
 *   <li>{@link #fitLiblinear}: the L2 primal {@code ½‖[w, b]‖² + C·Σ sᵢ·logloss} with the intercept as a penalised
 *       constant feature 1.0, by liblinear's trust-region Newton and its stopping rule ({@link LiblinearTron}).</li>
 *   <li>{@link #fitSagaElasticNet}: {@code Σ sᵢ·logloss + (1−ρ)/(2C)·‖w‖² + ρ/C·‖w‖₁}, solved to the optimum by
 *       {@link LogisticRegression#fitElasticNet}; sklearn's SAGA is stochastic (its own RNG) and is matched at the
 *       level of this objective's optimum, not bit for bit (spec §8.2).</li>
 * </ul>
 */
public final class SklearnLogistic {
    private SklearnLogistic() {}

    /**
     * How scikit-learn drives scipy's L-BFGS-B for {@code solver="lbfgs"}: 1.7 (pinned at HEAD, the default here)
     * minimises the loss normalised by {@code S = Σ sᵢ} with {@code ftol = 64·ε, maxls = 50}; 1.2 (Debian's, which
     * ran the parity fixtures) minimises the unnormalised {@code Σ sᵢ·logloss + ‖w‖²/(2C)} with scipy's defaults
     * {@code ftol = 2.220446049250313e-09, maxls = 20}. Both use {@code gtol = tol}, m 10, maxiter = max_iter.
     */
    public enum LbfgsRules {
        SKLEARN_1_7(true, 64 * Math.ulp(1.0), 50),
        SKLEARN_1_2(false, 2.220446049250313e-09, 20);

        final boolean normalised;
        final double ftol;
        final int maxls;

        LbfgsRules(boolean normalised, double ftol, int maxls) {
            this.normalised = normalised;
            this.ftol = ftol;
            this.maxls = maxls;
        }

        /** Minimises {@code lossSum(w, g)/S + ‖w_{0..p−1}‖²/(2CS)} (or its unnormalised form) from zero. */
        LogisticRegression.Model minimize(LbfgsB.Objective lossSum, int p, double sSum, double c, double tol, int maxIter) {
            double scale = normalised ? 1.0 / sSum : 1.0;
            double l2 = normalised ? 1.0 / (c * sSum) : 1.0 / c;
            LbfgsB.Objective fun = (w, g) -> {
                double f = lossSum.evaluate(w, g);
                double ww = 0.0;
                for (int k = 0; k < p; k++) {
                    ww += w[k] * w[k];
                    g[k] = g[k] * scale + l2 * w[k];
                }
                g[p] = g[p] * scale;
                return f * scale + 0.5 * l2 * ww;
            };
            LbfgsB.Result r = LbfgsB.minimize(fun, new double[p + 1], 10, tol, ftol, maxls, maxIter, 15000);
            return new LogisticRegression.Model(java.util.Arrays.copyOf(r.x(), p), r.x()[p], Math.min(r.iterations(), maxIter));
        }
    }

    /**
     * {@code sᵢ·cw_{yᵢ}} with scikit-learn 1.7's balanced weights from sample-weighted class totals:
     * {@code cw_c = (W₀ + W₁) / (2·W_c)}, {@code W_c = Σ_{yᵢ=c} sᵢ} accumulated in row order (numpy's bincount).
     *
     * @param sampleWeight null for ones
     * @throws IllegalArgumentException when a class is absent or lengths differ
     */
    public static double[] balancedSampleWeights(byte[] y, double[] sampleWeight) {
        int n = y.length;
        if (sampleWeight != null && sampleWeight.length != n) throw new IllegalArgumentException("sample_weight length " + sampleWeight.length + " != " + n);
        double w0 = 0.0, w1 = 0.0;
        for (int i = 0; i < n; i++) {
            double s = sampleWeight == null ? 1.0 : sampleWeight[i];
            if (y[i] != 0) w1 += s; else w0 += s;
        }
        if (!(w0 > 0.0) || !(w1 > 0.0)) throw new IllegalArgumentException("balanced class weights need both classes with positive weight");
        double tot = w0 + w1;
        double cw0 = tot / (2.0 * w0);
        double cw1 = tot / (2.0 * w1);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = (sampleWeight == null ? 1.0 : sampleWeight[i]) * (y[i] != 0 ? cw1 : cw0);
        return out;
    }

    /** {@code solver="lbfgs", penalty="l2"}; the model's {@code iterations} is sklearn's {@code n_iter_}. */
    public static LogisticRegression.Model fitLbfgs(double[] x, int n, int p, byte[] y, double[] sampleWeight, double c,
                                                    double tol, int maxIter) {
        return fitLbfgs(x, n, p, y, sampleWeight, c, tol, maxIter, LbfgsRules.SKLEARN_1_7);
    }

    /** The same under the given version's objective scaling and stopping rules ({@link LbfgsRules}). */
    public static LogisticRegression.Model fitLbfgs(double[] x, int n, int p, byte[] y, double[] sampleWeight, double c,
                                                    double tol, int maxIter, LbfgsRules rules) {
        check(x, n, p, y, sampleWeight, c);
        return fitLbfgsRows(x, p, null, y, sampleWeight, c, tol, maxIter, rules);
    }

    /**
     * {@link #fitLbfgs(double[], int, int, byte[], double[], double, double, int)} on the rows {@code rows} of the
     * row-major {@code x} ({@code p} columns per row) read in place, without copying them; {@code y} and
     * {@code sampleWeight} (null = ones) are given per entry of {@code rows}. The same arithmetic as fitting the
     * copied rows, so the same model bit for bit.
     */
    public static LogisticRegression.Model fitLbfgs(double[] x, int p, int[] rows, byte[] y, double[] sampleWeight,
                                                    double c, double tol, int maxIter) {
        return fitLbfgs(x, p, rows, y, sampleWeight, c, tol, maxIter, LbfgsRules.SKLEARN_1_7);
    }

    /** The same under the given version's objective scaling and stopping rules ({@link LbfgsRules}). */
    public static LogisticRegression.Model fitLbfgs(double[] x, int p, int[] rows, byte[] y, double[] sampleWeight,
                                                    double c, double tol, int maxIter, LbfgsRules rules) {
        int n = rows.length;
        if (n == 0 || p <= 0 || y.length != n || (sampleWeight != null && sampleWeight.length != n)) {
            throw new IllegalArgumentException("need rows, labels and sample weights of one length, got " + n + "/" + y.length
                    + "/" + (sampleWeight == null ? n : sampleWeight.length));
        }
        if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("C must be positive and finite, got " + c);
        long need = (long) x.length / p;
        for (int r : rows) {
            if (r < 0 || r >= need) throw new IllegalArgumentException("row " + r + " outside X's " + need + " rows");
            for (int k = 0; k < p; k++) if (!Double.isFinite(x[r * p + k])) throw new IllegalArgumentException("X contains NaN or infinity");
        }
        return fitLbfgsRows(x, p, rows, y, sampleWeight, c, tol, maxIter, rules);
    }

    private static LogisticRegression.Model fitLbfgsRows(double[] x, int p, int[] rows, byte[] y, double[] sampleWeight,
                                                         double c, double tol, int maxIter, LbfgsRules rules) {
        double[] sw = sampleWeight == null ? ones(y.length) : sampleWeight;
        LbfgsB.Result r = LbfgsB.minimize(new DenseLoss(x, p, rows, y, sw, c, rules.normalised), new double[p + 1], 10,
                tol, rules.ftol, rules.maxls, maxIter, 15000);
        double[] coef = java.util.Arrays.copyOf(r.x(), p);
        return new LogisticRegression.Model(coef, r.x()[p], Math.min(r.iterations(), maxIter));
    }

    /**
     * sklearn 1.7's normalised objective over float64 rows (not normalised: 1.2's, the plain sums with l2 = 1/C):
     * per row {@code raw = b + Σ_k x_k·w_k} (k order), loss {@code sᵢ·halfBinomialLoss} and gradient
     * {@code sᵢ·halfBinomialGradient}; {@code f = pairwise Σ loss / S + ½·l2·‖w‖²},
     * {@code g_k = (Σ_i x_ik·gradᵢ in row order) / S + l2·w_k}, {@code g_p = pairwise Σ grad / S}. One
     * pass over the rows, eight at a time: their decision values are eight independent chains, and each gradient
     * coordinate is loaded and stored once per eight rows, adding the rows' terms in row order — every sum in the
     * order of the plain loops (row by row, then column by column), so the values are bit for bit theirs. Not
     * thread-safe (buffers are reused across evaluations).
     */
    static final class DenseLoss implements LbfgsB.Objective {
        private static final int R = 8;
        private final double[] x;
        private final int p;
        private final int[] rows;
        private final byte[] y;
        private final double[] sw;
        private final boolean normalised;
        private final double sSum;
        private final double l2;
        private final double[] lossI;
        private final double[] gradI;
        private final double[] gAcc;
        private final int[] off = new int[R];
        private final double[] z = new double[R];

        DenseLoss(double[] x, int p, int[] rows, byte[] y, double[] sw, double c, boolean normalised) {
            this.x = x;
            this.p = p;
            this.rows = rows;
            this.y = y;
            this.sw = sw;
            this.normalised = normalised;
            this.sSum = NumpySum.sum(sw);
            this.l2 = normalised ? 1.0 / (c * sSum) : 1.0 / c;
            this.lossI = new double[y.length];
            this.gradI = new double[y.length];
            this.gAcc = new double[p];
        }

        @Override
        public double evaluate(double[] w, double[] g) {
            final int n = y.length, p = this.p;
            final double[] x = this.x, gAcc = this.gAcc, z = this.z;
            final int[] off = this.off;
            final double b = w[p];
            java.util.Arrays.fill(gAcc, 0.0);
            int i = 0;
            for (; i + R <= n; i += R) {
                for (int q = 0; q < R; q++) off[q] = (rows == null ? i + q : rows[i + q]) * p;
                int o0 = off[0], o1 = off[1], o2 = off[2], o3 = off[3], o4 = off[4], o5 = off[5], o6 = off[6], o7 = off[7];
                double z0 = b, z1 = b, z2 = b, z3 = b, z4 = b, z5 = b, z6 = b, z7 = b;
                for (int k = 0; k < p; k++) {
                    double wk = w[k];
                    z0 += x[o0 + k] * wk;
                    z1 += x[o1 + k] * wk;
                    z2 += x[o2 + k] * wk;
                    z3 += x[o3 + k] * wk;
                    z4 += x[o4 + k] * wk;
                    z5 += x[o5 + k] * wk;
                    z6 += x[o6 + k] * wk;
                    z7 += x[o7 + k] * wk;
                }
                z[0] = z0; z[1] = z1; z[2] = z2; z[3] = z3; z[4] = z4; z[5] = z5; z[6] = z6; z[7] = z7;
                for (int q = 0; q < R; q++) {
                    double yi = y[i + q] != 0 ? 1.0 : 0.0;
                    lossI[i + q] = sw[i + q] * halfBinomialLoss(yi, z[q]);
                    gradI[i + q] = sw[i + q] * halfBinomialGradient(yi, z[q]);
                }
                double r0 = gradI[i], r1 = gradI[i + 1], r2 = gradI[i + 2], r3 = gradI[i + 3];
                double r4 = gradI[i + 4], r5 = gradI[i + 5], r6 = gradI[i + 6], r7 = gradI[i + 7];
                for (int k = 0; k < p; k++) {
                    gAcc[k] = gAcc[k] + x[o0 + k] * r0 + x[o1 + k] * r1 + x[o2 + k] * r2 + x[o3 + k] * r3
                            + x[o4 + k] * r4 + x[o5 + k] * r5 + x[o6 + k] * r6 + x[o7 + k] * r7;
                }
            }
            for (; i < n; i++) {
                int o = (rows == null ? i : rows[i]) * p;
                double raw = b;
                for (int k = 0; k < p; k++) raw += x[o + k] * w[k];
                double yi = y[i] != 0 ? 1.0 : 0.0;
                lossI[i] = sw[i] * halfBinomialLoss(yi, raw);
                double gi = sw[i] * halfBinomialGradient(yi, raw);
                gradI[i] = gi;
                for (int k = 0; k < p; k++) gAcc[k] += x[o + k] * gi;
            }
            double ww = 0.0;
            for (int k = 0; k < p; k++) ww += w[k] * w[k];
            if (!normalised) { // scikit-learn ≤ 1.2: the sums themselves, l2 = 1/C
                double f = NumpySum.sum(lossI) + 0.5 * l2 * ww;
                for (int k = 0; k < p; k++) g[k] = gAcc[k] + l2 * w[k];
                g[p] = NumpySum.sum(gradI);
                return f;
            }
            double f = NumpySum.sum(lossI) / sSum + 0.5 * l2 * ww;
            for (int k = 0; k < p; k++) g[k] = gAcc[k] / sSum + l2 * w[k];
            g[p] = NumpySum.sum(gradI) / sSum;
            return f;
        }
    }

    /**
     * {@link #fitLbfgs} for a float32 design read in place: the fit rows are {@code rows} (indices into the row-major
     * {@code x}, {@code p} columns per row) with labels {@code y} and sample weights {@code sampleWeight} given per
     * entry of {@code rows}. A bootstrap replicate passes each distinct row once with its multiplicity folded into
     * the weight, which is the same objective as the replicate's repeated rows (the weighted class totals of the
     * 1.7 "balanced" rule are the repeated rows' counts). Sums run in fixed blocks (loss with Neumaier
     * compensation), so the result does not depend on the caller's threads.
     */
    public static LogisticRegression.Model fitLbfgs(float[] x, int p, int[] rows, byte[] y, double[] sampleWeight,
                                                    double c, double tol, int maxIter, LbfgsRules rules) {
        int n = rows.length;
        if (n == 0 || p <= 0 || y.length != n || sampleWeight.length != n) {
            throw new IllegalArgumentException("need rows, labels and sample weights of one length, got " + n + "/" + y.length + "/" + sampleWeight.length);
        }
        if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("C must be positive and finite, got " + c);
        double sSum = NumpySum.sum(sampleWeight);
        LbfgsB.Objective lossSum = new RowLoss(x, p, rows, y, sampleWeight);
        LogisticRegression.Model m = rules.minimize(lossSum, p, sSum, c, tol, maxIter);
        return m;
    }

    /**
     * The weighted logistic loss sum and its gradient over float32 rows read in place, four rows at a time: their
     * four decision values are four independent chains (instead of one 20-step chain per row that the CPU cannot
     * overlap), their exp/log run side by side, and each gradient coordinate is loaded and stored once per four
     * rows. Every sum keeps the order of the plain row loop — decision value {@code b + Σ_k w_k·x_k} in k order,
     * the gradient per coordinate in row order within blocks of {@link #BLOCK} rows, the loss with Neumaier
     * compensation per block in row order — so the values are bit for bit those of that loop. Each product-and-add of
     * the decision value and the gradient is one fused multiply-add ({@link Math#fma}: one rounding instead of two,
     * ~10 % less time for the cross-sectional meta-fits; numpy's BLAS fuses too, in its own order, so neither
     * rounding is the reference's). One instance per fit (its accumulator is reused across evaluations; not
     * thread-safe).
     */
    static final class RowLoss implements LbfgsB.Objective {
        static final int BLOCK = 2048;
        private final float[] x;
        private final int p;
        private final int[] rows;
        private final byte[] y;
        private final double[] sw;
        private final double[] gAcc;
        private boolean first = true;

        RowLoss(float[] x, int p, int[] rows, byte[] y, double[] sampleWeight) {
            this.x = x;
            this.p = p;
            this.rows = rows;
            this.y = y;
            this.sw = sampleWeight;
            this.gAcc = new double[p + 1];
        }

        @Override
        public double evaluate(double[] w, double[] g) {
            if (isZero(w)) {
                // L-BFGS-B's first point: every decision value is ±0 there, so skip the products and exp/log
                double f = atZero(g);
                if (Double.isFinite(f) && finite(g)) {
                    first = false;
                    return f;
                }
                // a non-finite value: let the general pass produce it (and name a non-finite input)
            }
            return general(w, g);
        }

        /** The plain evaluation. */
        double general(double[] w, double[] g) {
            final int n = rows.length, p = this.p;
            final float[] x = this.x;
            final double[] gAcc = this.gAcc;
            double b = w[p];
            double fTot = 0.0;
            java.util.Arrays.fill(g, 0.0);
            for (int lo = 0; lo < n; lo += BLOCK) {
                int hi = Math.min(n, lo + BLOCK);
                java.util.Arrays.fill(gAcc, 0.0);
                double fs = 0.0, fc = 0.0, t;
                int i = lo;
                for (; i + 3 < hi; i += 4) {
                    int o0 = rows[i] * p, o1 = rows[i + 1] * p, o2 = rows[i + 2] * p, o3 = rows[i + 3] * p;
                    double z0 = b, z1 = b, z2 = b, z3 = b;
                    for (int k = 0; k < p; k++) {
                        double wk = w[k];
                        z0 = Math.fma(wk, x[o0 + k], z0);
                        z1 = Math.fma(wk, x[o1 + k], z1);
                        z2 = Math.fma(wk, x[o2 + k], z2);
                        z3 = Math.fma(wk, x[o3 + k], z3);
                    }
                    double y0 = y[i] != 0 ? 1.0 : 0.0, y1 = y[i + 1] != 0 ? 1.0 : 0.0;
                    double y2 = y[i + 2] != 0 ? 1.0 : 0.0, y3 = y[i + 3] != 0 ? 1.0 : 0.0;
                    double e0 = Math.exp(-Math.abs(z0)), e1 = Math.exp(-Math.abs(z1));
                    double e2 = Math.exp(-Math.abs(z2)), e3 = Math.exp(-Math.abs(z3));
                    double l0 = sw[i] * (Math.max(z0, 0.0) + LogisticRegression.log1pSmall(e0) - y0 * z0);
                    double l1 = sw[i + 1] * (Math.max(z1, 0.0) + LogisticRegression.log1pSmall(e1) - y1 * z1);
                    double l2 = sw[i + 2] * (Math.max(z2, 0.0) + LogisticRegression.log1pSmall(e2) - y2 * z2);
                    double l3 = sw[i + 3] * (Math.max(z3, 0.0) + LogisticRegression.log1pSmall(e3) - y3 * z3);
                    double r0 = sw[i] * (sigmoid(z0, e0) - y0), r1 = sw[i + 1] * (sigmoid(z1, e1) - y1);
                    double r2 = sw[i + 2] * (sigmoid(z2, e2) - y2), r3 = sw[i + 3] * (sigmoid(z3, e3) - y3);
                    t = fs + l0; // Neumaier, in row order
                    fc += Math.abs(fs) >= Math.abs(l0) ? (fs - t) + l0 : (l0 - t) + fs;
                    fs = t;
                    t = fs + l1;
                    fc += Math.abs(fs) >= Math.abs(l1) ? (fs - t) + l1 : (l1 - t) + fs;
                    fs = t;
                    t = fs + l2;
                    fc += Math.abs(fs) >= Math.abs(l2) ? (fs - t) + l2 : (l2 - t) + fs;
                    fs = t;
                    t = fs + l3;
                    fc += Math.abs(fs) >= Math.abs(l3) ? (fs - t) + l3 : (l3 - t) + fs;
                    fs = t;
                    fmaRows(gAcc, p, x, r0, o0, r1, o1, r2, o2, r3, o3);
                    gAcc[p] = gAcc[p] + r0 + r1 + r2 + r3;
                }
                for (; i < hi; i++) {
                    int o = rows[i] * p;
                    double z = b;
                    for (int k = 0; k < p; k++) z = Math.fma(w[k], x[o + k], z);
                    double ez = Math.exp(-Math.abs(z));
                    double yi = y[i] != 0 ? 1.0 : 0.0;
                    double li = sw[i] * (Math.max(z, 0.0) + LogisticRegression.log1pSmall(ez) - yi * z);
                    t = fs + li;
                    fc += Math.abs(fs) >= Math.abs(li) ? (fs - t) + li : (li - t) + fs;
                    fs = t;
                    double r = sw[i] * (sigmoid(z, ez) - yi);
                    for (int k = 0; k < p; k++) gAcc[k] = Math.fma(r, x[o + k], gAcc[k]);
                    gAcc[p] += r;
                }
                fTot += fs + fc;
                for (int k = 0; k <= p; k++) g[k] += gAcc[k];
            }
            if (first) {
                // L-BFGS-B evaluates at w = 0 first, where every row's decision value is exactly 0 unless one of its
                // values is NaN or infinite (0·x is NaN then): a non-finite loss here is a non-finite input
                first = false;
                if (!Double.isFinite(fTot)) throw new IllegalArgumentException("X or sample_weight contains NaN or infinity");
            }
            return fTot;
        }

        /**
         * {@link #general} at {@code w = 0} (any signs of zero), where every decision value {@code b + Σ w_k·x_k} is ±0
         * for finite x: each row's loss is {@code sᵢ·((0 + log 2) − yᵢ·(±0)) = sᵢ·log 2} and its gradient weight
         * {@code sᵢ·(½ − yᵢ)}, exactly as the general pass rounds them; the loss and gradient sums run in the general
         * pass's order (blocks, rows ascending, Neumaier), so the values are bit for bit its values. A non-finite x
         * makes a gradient sum non-finite here (its weight times NaN or ±∞), which the caller checks.
         */
        double atZero(double[] g) {
            final int n = rows.length, p = this.p;
            final float[] x = this.x;
            final double[] gAcc = this.gAcc;
            final double ln2 = LogisticRegression.log1pSmall(Math.exp(-0.0));
            double fTot = 0.0;
            java.util.Arrays.fill(g, 0.0);
            for (int lo = 0; lo < n; lo += BLOCK) {
                int hi = Math.min(n, lo + BLOCK);
                java.util.Arrays.fill(gAcc, 0.0);
                double fs = 0.0, fc = 0.0, t;
                int i = lo;
                for (; i + 3 < hi; i += 4) {
                    int o0 = rows[i] * p, o1 = rows[i + 1] * p, o2 = rows[i + 2] * p, o3 = rows[i + 3] * p;
                    for (int q = i; q < i + 4; q++) {
                        double li = sw[q] * ln2; // (0 + log 2) − yᵢ·(±0)
                        t = fs + li;
                        fc += Math.abs(fs) >= Math.abs(li) ? (fs - t) + li : (li - t) + fs;
                        fs = t;
                    }
                    double r0 = sw[i] * (0.5 - Math.min(y[i] & 0xFF, 1)), r1 = sw[i + 1] * (0.5 - Math.min(y[i + 1] & 0xFF, 1));
                    double r2 = sw[i + 2] * (0.5 - Math.min(y[i + 2] & 0xFF, 1)), r3 = sw[i + 3] * (0.5 - Math.min(y[i + 3] & 0xFF, 1));
                    fmaRows(gAcc, p, x, r0, o0, r1, o1, r2, o2, r3, o3);
                    gAcc[p] = gAcc[p] + r0 + r1 + r2 + r3;
                }
                for (; i < hi; i++) {
                    int o = rows[i] * p;
                    double li = sw[i] * ln2;
                    t = fs + li;
                    fc += Math.abs(fs) >= Math.abs(li) ? (fs - t) + li : (li - t) + fs;
                    fs = t;
                    double r = sw[i] * (0.5 - Math.min(y[i] & 0xFF, 1));
                    for (int k = 0; k < p; k++) gAcc[k] = Math.fma(r, x[o + k], gAcc[k]);
                    gAcc[p] += r;
                }
                fTot += fs + fc;
                for (int k = 0; k <= p; k++) g[k] += gAcc[k];
            }
            return fTot;
        }

        /** {@code acc[k] += r0·x[o0+k] + … + r3·x[o3+k]}, one fused multiply-add per row, rows in order. */
        private static void fmaRows(double[] acc, int p, float[] x, double r0, int o0, double r1, int o1, double r2,
                                    int o2, double r3, int o3) {
            for (int k = 0; k < p; k++) {
                acc[k] = Math.fma(r3, x[o3 + k], Math.fma(r2, x[o2 + k], Math.fma(r1, x[o1 + k],
                        Math.fma(r0, x[o0 + k], acc[k]))));
            }
        }

        private static boolean isZero(double[] w) {
            for (double v : w) if (v != 0.0) return false;
            return true;
        }

        private static boolean finite(double[] g) {
            for (double v : g) if (!Double.isFinite(v)) return false;
            return true;
        }

        /** {@code expit(z)} from {@code ez = exp(−|z|)}. */
        private static double sigmoid(double z, double ez) {
            return z >= 0 ? 1.0 / (1.0 + ez) : ez / (1.0 + ez);
        }
    }

    /**
     * {@code solver="liblinear", penalty="l2"} (intercept penalised): liblinear's trust-region Newton with its
     * stopping rule ({@link LiblinearTron}); {@code iterations} is sklearn's {@code n_iter_}.
     */
    public static LogisticRegression.Model fitLiblinear(double[] x, int n, int p, byte[] y, double[] sampleWeight, double c,
                                                        double tol, int maxIter) {
        check(x, n, p, y, sampleWeight, c);
        return LiblinearTron.fit(x, n, p, y, sampleWeight, c, tol, maxIter);
    }

    /**
     * {@link #fitLiblinear(double[], int, int, byte[], double[], double, double, int)} on the rows {@code rows}
     * (indices, repeats allowed) of the row-major {@code x} with {@code p} columns, read in place; {@code y} and
     * {@code sampleWeight} are given per entry of {@code rows}. The same model as the fit on the copied rows (a
     * bootstrap replicate passes its row indices instead of a copy of its rows).
     */
    public static LogisticRegression.Model fitLiblinear(double[] x, int p, int[] rows, byte[] y, double[] sampleWeight,
                                                        double c, double tol, int maxIter) {
        if (rows.length == 0 || p <= 0) throw new IllegalArgumentException("need rows and columns, got " + rows.length + "·" + p);
        if (y.length != rows.length) throw new IllegalArgumentException("y length " + y.length + " != " + rows.length);
        if (sampleWeight != null && sampleWeight.length != rows.length) throw new IllegalArgumentException("sample_weight length " + sampleWeight.length + " != " + rows.length);
        if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("C must be positive and finite, got " + c);
        for (int r : rows) {
            if (r < 0 || (long) r * p + p > x.length) throw new IllegalArgumentException("row " + r + " outside X");
            for (int k = r * p, e = k + p; k < e; k++) if (!Double.isFinite(x[k])) throw new IllegalArgumentException("X contains NaN or infinity");
        }
        return LiblinearTron.fitRows(x, p, rows, y, sampleWeight, c, tol, maxIter);
    }

    /** {@code solver="saga", penalty="elasticnet"}, solved to the optimum of the same objective. */
    public static LogisticRegression.Model fitSagaElasticNet(double[] x, int n, int p, byte[] y, double[] sampleWeight,
                                                             double c, double l1Ratio) {
        return LogisticRegression.fitElasticNet(x, n, p, y, sampleWeight, c, l1Ratio);
    }

    /**
     * As {@link #fitSagaElasticNet(double[], int, int, byte[], double[], double, double)}, Newton started from
     * {@code start} (coefficients then intercept; null for zeros): the same optimum, found in fewer steps near it.
     */
    public static LogisticRegression.Model fitSagaElasticNet(double[] x, int n, int p, byte[] y, double[] sampleWeight,
                                                             double c, double l1Ratio, double[] start) {
        return LogisticRegression.fitElasticNet(x, n, p, y, sampleWeight, c, l1Ratio, start);
    }

    /** {@code decision_function}: {@code X·w + b} for every row. */
    public static double[] decisionFunction(LogisticRegression.Model m, double[] x, int n) {
        int p = m.coef().length;
        if (x.length != (long) n * p) throw new IllegalArgumentException("X has " + x.length + " values, expected " + n + "·" + p);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = m.decision(x, i * p);
        return out;
    }

    /** scikit-learn's {@code HalfBinomialLoss}: {@code log(1 + e^raw) − y·raw}, piecewise-stable. */
    static double halfBinomialLoss(double y, double raw) {
        double l;
        if (raw <= -37.0) l = Math.exp(raw);
        else if (raw <= -2.0) l = Math.log1p(Math.exp(raw));
        else if (raw <= 18.0) l = Math.log(1.0 + Math.exp(raw));
        else if (raw <= 33.3) l = raw + Math.exp(-raw);
        else l = raw;
        return l - y * raw;
    }

    /** {@code expit(raw) − y}, in the stable form scikit-learn uses. */
    static double halfBinomialGradient(double y, double raw) {
        if (raw > -37.0) {
            double e = Math.exp(-raw);
            return ((1.0 - y) - y * e) / (1.0 + e);
        }
        return Math.exp(raw) - y;
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }

    private static void check(double[] x, int n, int p, byte[] y, double[] sw, double c) {
        if (n <= 0 || p <= 0 || x.length != (long) n * p) throw new IllegalArgumentException("X has " + x.length + " values, expected " + n + "·" + p);
        if (y.length != n) throw new IllegalArgumentException("y length " + y.length + " != " + n);
        if (sw != null && sw.length != n) throw new IllegalArgumentException("sample_weight length " + sw.length + " != " + n);
        if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("C must be positive and finite, got " + c);
        for (double v : x) if (!Double.isFinite(v)) throw new IllegalArgumentException("X contains NaN or infinity");
    }
}
