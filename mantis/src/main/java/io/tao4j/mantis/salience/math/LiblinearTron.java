package io.tao4j.mantis.salience.math;

/**
 * liblinear's L2-regularised logistic regression in the primal (solver L2R_LR) as bundled with scikit-learn:
 * trust-region Newton (TRON) with conjugate gradient inner solves, started at 0, on
 * {@code f(w) = ½‖w‖² + Σ Cᵢ·log(1 + exp(−yᵢ·wᵀxᵢ))} with {@code yᵢ ∈ {−1, +1}}, {@code Cᵢ = C·sᵢ} and the
 * intercept as an extra constant feature 1.0 ({@code intercept_scaling = 1}) that is penalised like any weight.
 * Stops when {@code ‖g‖ ≤ eps·‖g₀‖} with {@code eps = tol·max(min(#pos, #neg), 1)/n} (raw counts), after
 * {@code maxIter} accepted steps, or on liblinear's numerical-stall tests; {@code iterations} is liblinear's
 * returned count (scikit-learn's {@code n_iter_}).
 *
 * <p>The design is read in place: fit row {@code i} is row {@code rows[i]} of the caller's row-major matrix (a
 * bootstrap replicate indexes its base matrix instead of copying it), the bias feature is implicit. Every sum keeps
 * liblinear's order — a decision value is {@code Σ_k v_k·x_k} in k order with the bias term last, {@code Xᵀv}
 * accumulates per coordinate in row order — so the values are bit for bit those of the plain loops; only the loop
 * structure differs: the function value and the gradient share one pass over the rows ({@link #funGrad}; the
 * gradient of a rejected trial point is dropped), a Hessian-vector product is one pass ({@code Xv} and
 * {@code Xᵀ(D·Xv)} row block by row block), and four rows are handled at a time (four independent dot-product
 * chains, each coordinate of {@code Xᵀv} loaded and stored once per four rows).
 */
public final class LiblinearTron {
    private static final double ETA0 = 1e-4, ETA1 = 0.25, ETA2 = 0.75;
    private static final double SIGMA1 = 0.25, SIGMA2 = 0.5, SIGMA3 = 4;

    private final double[] x; // the caller's row-major matrix, p columns per row, no bias column
    private final int[] off; // offset of fit row i in x
    private final int n, p, q;
    private final double[] y, cw;
    private double[] cwdd, cwddTrial; // Cᵢ·σ(1−σ) at the current point / at the last trial point
    private double coef; // the last rowTerms' gradient coefficient

    private LiblinearTron(double[] x, int p, int[] off, byte[] yb, double[] sw, double c) {
        this.x = x;
        this.off = off;
        this.n = off.length;
        this.p = p;
        this.q = p + 1;
        this.y = new double[n];
        this.cw = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = yb[i] != 0 ? 1.0 : -1.0;
            cw[i] = c * (sw == null ? 1.0 : sw[i]);
        }
        this.cwdd = new double[n];
        this.cwddTrial = new double[n];
    }

    /** Fits on all {@code n} rows of {@code x}; see the class comment. */
    public static LogisticRegression.Model fit(double[] x, int n, int p, byte[] y, double[] sampleWeight, double c,
                                               double tol, int maxIter) {
        if (n <= 0 || p < 0 || x.length != (long) n * p || y.length != n) throw new IllegalArgumentException("X/y shapes do not match");
        int[] off = new int[n];
        for (int i = 0; i < n; i++) off[i] = i * p;
        return fit(x, p, off, y, sampleWeight, c, tol, maxIter);
    }

    /**
     * Fits on the rows {@code rows} (indices, repeats allowed) of the row-major {@code x} with {@code p} columns;
     * {@code y} and {@code sampleWeight} are given per entry of {@code rows}. The same model as {@link #fit} on
     * the copied rows.
     */
    public static LogisticRegression.Model fitRows(double[] x, int p, int[] rows, byte[] y, double[] sampleWeight,
                                                   double c, double tol, int maxIter) {
        int n = rows.length;
        if (n == 0 || p < 0 || y.length != n) throw new IllegalArgumentException("rows/y shapes do not match");
        int[] off = new int[n];
        for (int i = 0; i < n; i++) {
            if (rows[i] < 0 || (long) rows[i] * p + p > x.length) throw new IllegalArgumentException("row " + rows[i] + " outside X");
            off[i] = rows[i] * p;
        }
        return fit(x, p, off, y, sampleWeight, c, tol, maxIter);
    }

    private static LogisticRegression.Model fit(double[] x, int p, int[] off, byte[] y, double[] sampleWeight, double c,
                                                double tol, int maxIter) {
        int n = off.length;
        if (sampleWeight != null && sampleWeight.length != n) throw new IllegalArgumentException("sample_weight length " + sampleWeight.length + " != " + n);
        if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("C must be positive and finite, got " + c);
        LiblinearTron t = new LiblinearTron(x, p, off, y, sampleWeight, c);
        int pos = 0;
        for (byte b : y) if (b != 0) pos++;
        double eps = tol * Math.max(Math.min(pos, n - pos), 1) / n;
        double[] w = new double[p + 1];
        int iters = t.tron(w, eps, maxIter);
        return new LogisticRegression.Model(java.util.Arrays.copyOf(w, p), w[p], iters);
    }

    /**
     * liblinear's {@code fun(w)} and, into {@code g} and {@link #cwddTrial}, its {@code grad(w)} (which liblinear
     * evaluates after an accepted {@code fun}), in one pass.
     */
    private double funGrad(double[] w, double[] g) {
        final double[] x = this.x, y = this.y, cw = this.cw, dd = this.cwddTrial;
        final int[] off = this.off;
        final int p = this.p;
        double f = 0;
        for (int k = 0; k < q; k++) f += w[k] * w[k];
        f /= 2.0;
        java.util.Arrays.fill(g, 0.0);
        double bias = w[p];
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int o0 = off[i], o1 = off[i + 1], o2 = off[i + 2], o3 = off[i + 3];
            double z0 = 0, z1 = 0, z2 = 0, z3 = 0;
            for (int k = 0; k < p; k++) {
                double wk = w[k];
                z0 += wk * x[o0 + k];
                z1 += wk * x[o1 + k];
                z2 += wk * x[o2 + k];
                z3 += wk * x[o3 + k];
            }
            f += rowTerms(i, z0 + bias, dd);
            double r0 = coef;
            f += rowTerms(i + 1, z1 + bias, dd);
            double r1 = coef;
            f += rowTerms(i + 2, z2 + bias, dd);
            double r2 = coef;
            f += rowTerms(i + 3, z3 + bias, dd);
            double r3 = coef;
            for (int k = 0; k < p; k++) g[k] = g[k] + r0 * x[o0 + k] + r1 * x[o1 + k] + r2 * x[o2 + k] + r3 * x[o3 + k];
            g[p] = g[p] + r0 + r1 + r2 + r3;
        }
        for (; i < n; i++) {
            int o = off[i];
            double z = 0;
            for (int k = 0; k < p; k++) z += w[k] * x[o + k];
            f += rowTerms(i, z + bias, dd);
            double r = coef;
            for (int k = 0; k < p; k++) g[k] += r * x[o + k];
            g[p] += r;
        }
        for (int k = 0; k < q; k++) g[k] = w[k] + g[k];
        return f;
    }

    /**
     * Row i's term of {@code fun} at decision value {@code z} (returned), its coefficient of {@code Xᵀ} in
     * {@code grad} (into {@link #coef}) and {@code Cᵢ·σ(1−σ)} for {@code hv} (into {@code dd}). When
     * {@code yᵢz ≥ 0} the gradient's {@code exp(−yᵢz)} is the one the loss already took.
     */
    private double rowTerms(int i, double z, double[] dd) {
        double yi = y[i], ci = cw[i];
        double yz = yi * z;
        double loss, e;
        if (yz >= 0) {
            e = Math.exp(-yz);
            loss = ci * Math.log(1 + e);
        } else {
            loss = ci * (-yz + Math.log(1 + Math.exp(yz)));
            e = Math.exp(-yi * z);
        }
        double sg = 1 / (1 + e);
        dd[i] = ci * (sg * (1 - sg));
        coef = ci * (sg - 1) * yi;
        return loss;
    }

    /** {@code hs = s + Xᵀ(C·D·(X·s))}, one pass. */
    private void hv(double[] s, double[] hs) {
        final double[] x = this.x, dd = this.cwdd;
        final int[] off = this.off;
        final int p = this.p;
        java.util.Arrays.fill(hs, 0.0);
        double bias = s[p];
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int o0 = off[i], o1 = off[i + 1], o2 = off[i + 2], o3 = off[i + 3];
            double z0 = 0, z1 = 0, z2 = 0, z3 = 0;
            for (int k = 0; k < p; k++) {
                double sk = s[k];
                z0 += sk * x[o0 + k];
                z1 += sk * x[o1 + k];
                z2 += sk * x[o2 + k];
                z3 += sk * x[o3 + k];
            }
            double a0 = dd[i] * (z0 + bias), a1 = dd[i + 1] * (z1 + bias);
            double a2 = dd[i + 2] * (z2 + bias), a3 = dd[i + 3] * (z3 + bias);
            for (int k = 0; k < p; k++) hs[k] = hs[k] + a0 * x[o0 + k] + a1 * x[o1 + k] + a2 * x[o2 + k] + a3 * x[o3 + k];
            hs[p] = hs[p] + a0 + a1 + a2 + a3;
        }
        for (; i < n; i++) {
            int o = off[i];
            double z = 0;
            for (int k = 0; k < p; k++) z += s[k] * x[o + k];
            double a = dd[i] * (z + bias);
            for (int k = 0; k < p; k++) hs[k] += a * x[o + k];
            hs[p] += a;
        }
        for (int k = 0; k < q; k++) hs[k] = s[k] + hs[k];
    }

    private int tron(double[] w, double eps, int maxIter) {
        double[] s = new double[q], r = new double[q], wNew = new double[q], g = new double[q], gNew = new double[q];
        double f = funGrad(w, g);
        swapCwdd();
        double delta = nrm2(g);
        double gnorm1 = delta;
        double gnorm = gnorm1;
        boolean search = !(gnorm <= eps * gnorm1);
        int iter = 1;
        while (iter <= maxIter && search) {
            trcg(delta, g, s, r);
            for (int k = 0; k < q; k++) wNew[k] = w[k] + s[k];
            double gs = dot(g, s);
            double prered = -0.5 * (gs - dot(s, r));
            double fnew = funGrad(wNew, gNew);
            double actred = f - fnew;
            double snorm = nrm2(s);
            if (iter == 1) delta = Math.min(delta, snorm);
            double alpha = fnew - f - gs <= 0 ? SIGMA3 : Math.max(SIGMA1, -0.5 * (gs / (fnew - f - gs)));
            if (actred < ETA0 * prered) delta = Math.min(Math.max(alpha, SIGMA1) * snorm, SIGMA2 * delta);
            else if (actred < ETA1 * prered) delta = Math.max(SIGMA1 * delta, Math.min(alpha * snorm, SIGMA2 * delta));
            else if (actred < ETA2 * prered) delta = Math.max(SIGMA1 * delta, Math.min(alpha * snorm, SIGMA3 * delta));
            else delta = Math.max(delta, Math.min(alpha * snorm, SIGMA3 * delta));
            if (actred > ETA0 * prered) {
                iter++;
                System.arraycopy(wNew, 0, w, 0, q);
                f = fnew;
                double[] t = g;
                g = gNew;
                gNew = t;
                swapCwdd();
                gnorm = nrm2(g);
                if (gnorm <= eps * gnorm1) break;
            }
            if (f < -1.0e+32) break;
            if (Math.abs(actred) <= 0 && prered <= 0) break;
            if (Math.abs(actred) <= 1.0e-12 * Math.abs(f) && Math.abs(prered) <= 1.0e-12 * Math.abs(f)) break;
        }
        return iter - 1;
    }

    private void swapCwdd() {
        double[] t = cwdd;
        cwdd = cwddTrial;
        cwddTrial = t;
    }

    private void trcg(double delta, double[] g, double[] s, double[] r) {
        double[] d = new double[q], hd = new double[q];
        for (int k = 0; k < q; k++) {
            s[k] = 0;
            r[k] = -g[k];
            d[k] = r[k];
        }
        double cgtol = 0.1 * nrm2(g);
        double rTr = dot(r, r);
        while (true) {
            if (nrm2(r) <= cgtol) break;
            hv(d, hd);
            double alpha = rTr / dot(d, hd);
            axpy(alpha, d, s);
            if (nrm2(s) > delta) {
                axpy(-alpha, d, s);
                double std = dot(s, d), sts = dot(s, s), dtd = dot(d, d), dsq = delta * delta;
                double rad = Math.sqrt(std * std + dtd * (dsq - sts));
                alpha = std >= 0 ? (dsq - sts) / (std + rad) : (rad - std) / dtd;
                axpy(alpha, d, s);
                axpy(-alpha, hd, r);
                break;
            }
            axpy(-alpha, hd, r);
            double rnew = dot(r, r);
            double beta = rnew / rTr;
            for (int k = 0; k < q; k++) d[k] = beta * d[k] + r[k];
            rTr = rnew;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += a[k] * b[k];
        return s;
    }

    private static double nrm2(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int k = 0; k < y.length; k++) y[k] += a * x[k];
    }
}
