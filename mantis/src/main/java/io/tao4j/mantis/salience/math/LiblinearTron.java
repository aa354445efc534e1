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
 * liblinear's order — a decision value is {@code Σ_k v_k·x_k} in k order with the bias term last, {@code Xᵀv}, the
 * loss and the gradient accumulate in fit-row order — so the values are bit for bit those of the plain loops; only
 * the work differs: the function value and the gradient share one pass over the rows ({@link #funGrad}; the
 * gradient of a rejected trial point is dropped), a Hessian-vector product is one pass, a row that occurs more than
 * once (with the same label and weight, as in a block bootstrap) has its decision value and per-row terms computed
 * once per pass, and the rows go in chunks of {@link #CHUNK}: first the decision values of the chunk's rows not yet
 * seen in this pass, four rows at a time (four independent dot-product chains), then the chunk's terms in fit-row
 * order, four rows at a time (each coordinate of {@code Xᵀv} loaded and stored once per four rows). When every fit
 * row is distinct ({@link #fit}, the binary base fits) the same sums are taken directly, four rows at a time, without
 * that bookkeeping.
 */
public final class LiblinearTron {
    private static final double ETA0 = 1e-4, ETA1 = 0.25, ETA2 = 0.75;
    private static final double SIGMA1 = 0.25, SIGMA2 = 0.5, SIGMA3 = 4;
    static final int CHUNK = 64;

    private final double[] x; // the caller's row-major matrix, p columns per row, no bias column
    private final int n, p, q;
    private final int[] uid; // fit row i → its distinct row
    private final int[] uoff; // distinct row → its offset in x
    private final double[] y, cw; // per distinct row
    private double[] cwdd, cwddTrial; // per distinct row: Cᵢ·σ(1−σ) at the current point / at the last trial point
    // the dedup path's per-pass scratch (null when every fit row is distinct):
    private final double[] z, loss, coef; // per distinct row, this pass: decision value, loss term, gradient coefficient
    private final int[] stamp; // the pass that last computed the distinct row's decision value
    private final int[] todo = new int[CHUNK];
    private int pass;
    private double lastCoef; // the last rowTerms' gradient coefficient
    private final boolean distinct; // every fit row is its own distinct row (uid[i] == i): no dedup bookkeeping

    /** @param rows fit row → row of x; null: row i is row i (all distinct, no dedup needed) */
    private LiblinearTron(double[] x, int p, int n, int[] rows, byte[] yb, double[] sw, double c) {
        this.x = x;
        this.n = n;
        this.p = p;
        this.q = p + 1;
        uid = new int[n];
        int[] offs = new int[n];
        double[] ys = new double[n], cws = new double[n];
        int nu = 0;
        int[] first = null;
        if (rows != null) {
            int maxRow = 0;
            for (int r : rows) maxRow = Math.max(maxRow, r);
            first = new int[maxRow + 1];
            java.util.Arrays.fill(first, -1);
        }
        for (int i = 0; i < n; i++) {
            double yi = yb[i] != 0 ? 1.0 : -1.0;
            double ci = c * (sw == null ? 1.0 : sw[i]);
            int row = rows == null ? i : rows[i];
            int u = first == null ? -1 : first[row];
            if (u < 0 || ys[u] != yi || Double.doubleToLongBits(cws[u]) != Double.doubleToLongBits(ci)) {
                u = nu++;
                if (first != null) first[row] = u;
                offs[u] = row * p;
                ys[u] = yi;
                cws[u] = ci;
            }
            uid[i] = u;
        }
        distinct = nu == n;
        uoff = distinct ? offs : java.util.Arrays.copyOf(offs, nu);
        y = distinct ? ys : java.util.Arrays.copyOf(ys, nu);
        cw = distinct ? cws : java.util.Arrays.copyOf(cws, nu);
        cwdd = new double[nu];
        cwddTrial = new double[nu];
        // per-pass scratch of the dedup path only
        z = distinct ? null : new double[nu];
        loss = distinct ? null : new double[nu];
        coef = distinct ? null : new double[nu];
        stamp = distinct ? null : new int[nu];
    }

    /** Fits on all {@code n} rows of {@code x}; see the class comment. */
    public static LogisticRegression.Model fit(double[] x, int n, int p, byte[] y, double[] sampleWeight, double c,
                                               double tol, int maxIter) {
        if (n <= 0 || p < 0 || x.length != (long) n * p || y.length != n) throw new IllegalArgumentException("X/y shapes do not match");
        return fitChecked(x, p, n, null, y, sampleWeight, c, tol, maxIter);
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
        for (int r : rows) if (r < 0 || (long) r * p + p > x.length) throw new IllegalArgumentException("row " + r + " outside X");
        return fitChecked(x, p, n, rows, y, sampleWeight, c, tol, maxIter);
    }

    /** @param rows null: the first {@code n} rows of x, in order */
    private static LogisticRegression.Model fitChecked(double[] x, int p, int n, int[] rows, byte[] y, double[] sampleWeight,
                                                       double c, double tol, int maxIter) {
        if (sampleWeight != null && sampleWeight.length != n) throw new IllegalArgumentException("sample_weight length " + sampleWeight.length + " != " + n);
        if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("C must be positive and finite, got " + c);
        LiblinearTron t = new LiblinearTron(x, p, n, rows, y, sampleWeight, c);
        int pos = 0;
        for (byte b : y) if (b != 0) pos++;
        double eps = tol * Math.max(Math.min(pos, n - pos), 1) / n;
        double[] w = new double[p + 1];
        int iters = t.tron(w, eps, maxIter);
        return new LogisticRegression.Model(java.util.Arrays.copyOf(w, p), w[p], iters);
    }

    /** Starts a pass: every distinct row's decision value is stale. */
    private void newPass() {
        if (++pass == Integer.MAX_VALUE) {
            java.util.Arrays.fill(stamp, 0);
            pass = 1;
        }
    }

    /**
     * The distinct rows of fit rows [c0, c1) whose decision value this pass has not computed yet, into
     * {@link #todo}, each once; their decision values {@code Σ_k v_k·x_k + v_p} into {@link #z}. Returns how many.
     */
    private int decisionValues(double[] v, int c0, int c1) {
        final double[] z = this.z;
        final int[] todo = this.todo, uoff = this.uoff;
        int m = 0;
        for (int i = c0; i < c1; i++) {
            int u = uid[i];
            if (stamp[u] != pass) {
                stamp[u] = pass;
                todo[m++] = u;
            }
        }
        double bias = v[p];
        int j = 0;
        for (; j + 3 < m; j += 4) {
            int o0 = uoff[todo[j]], o1 = uoff[todo[j + 1]], o2 = uoff[todo[j + 2]], o3 = uoff[todo[j + 3]];
            double[] d = dots4(v, o0, o1, o2, o3);
            z[todo[j]] = d[0] + bias;
            z[todo[j + 1]] = d[1] + bias;
            z[todo[j + 2]] = d[2] + bias;
            z[todo[j + 3]] = d[3] + bias;
        }
        for (; j < m; j++) z[todo[j]] = dot(v, uoff[todo[j]]) + bias;
        return m;
    }

    private final double[] four = new double[4];

    /** The four rows' {@code Σ_k v_k·x_k} (k order; four independent chains), into a reused array. */
    private double[] dots4(double[] v, int o0, int o1, int o2, int o3) {
        final double[] x = this.x;
        double z0 = 0, z1 = 0, z2 = 0, z3 = 0;
        for (int k = 0; k < p; k++) {
            double vk = v[k];
            z0 += vk * x[o0 + k];
            z1 += vk * x[o1 + k];
            z2 += vk * x[o2 + k];
            z3 += vk * x[o3 + k];
        }
        double[] d = four;
        d[0] = z0;
        d[1] = z1;
        d[2] = z2;
        d[3] = z3;
        return d;
    }

    /** One row's {@code Σ_k v_k·x_k} (k order). */
    private double dot(double[] v, int o) {
        double s = 0;
        for (int k = 0; k < p; k++) s += v[k] * x[o + k];
        return s;
    }

    /** {@code out[k] += a0·x0_k + a1·x1_k + a2·x2_k + a3·x3_k} (rows in order), the bias coordinate last. */
    private void addRows4(double[] out, double a0, int o0, double a1, int o1, double a2, int o2, double a3, int o3) {
        final double[] x = this.x;
        for (int k = 0; k < p; k++) out[k] = out[k] + a0 * x[o0 + k] + a1 * x[o1 + k] + a2 * x[o2 + k] + a3 * x[o3 + k];
        out[p] = out[p] + a0 + a1 + a2 + a3;
    }

    /** {@code out[k] += a·x_k}, the bias coordinate last. */
    private void addRow(double[] out, double a, int o) {
        for (int k = 0; k < p; k++) out[k] += a * x[o + k];
        out[p] += a;
    }

    /** {@code out[k] += Σ_i a_{uid[i]}·x_{uid[i],k}} over fit rows [c0, c1) in row order, bias coordinate last. */
    private void accumulate(double[] a, int c0, int c1, double[] out) {
        final int[] uid = this.uid, uoff = this.uoff;
        int i = c0;
        for (; i + 3 < c1; i += 4) {
            int u0 = uid[i], u1 = uid[i + 1], u2 = uid[i + 2], u3 = uid[i + 3];
            int o0 = uoff[u0], o1 = uoff[u1], o2 = uoff[u2], o3 = uoff[u3];
            addRows4(out, a[u0], o0, a[u1], o1, a[u2], o2, a[u3], o3);
        }
        for (; i < c1; i++) addRow(out, a[uid[i]], uoff[uid[i]]);
    }

    /**
     * liblinear's {@code fun(w)} and, into {@code g} and {@link #cwddTrial}, its {@code grad(w)} (which liblinear
     * evaluates after an accepted {@code fun}), in one pass.
     */
    private double funGrad(double[] w, double[] g) {
        if (distinct) return funGradDistinct(w, g);
        final double[] dd = this.cwddTrial, loss = this.loss, coef = this.coef, z = this.z;
        final int[] uid = this.uid, todo = this.todo;
        double f = 0;
        for (int k = 0; k < q; k++) f += w[k] * w[k];
        f /= 2.0;
        java.util.Arrays.fill(g, 0.0);
        newPass();
        for (int c0 = 0; c0 < n; c0 += CHUNK) {
            int c1 = Math.min(n, c0 + CHUNK);
            int m = decisionValues(w, c0, c1);
            for (int j = 0; j < m; j++) {
                int u = todo[j];
                loss[u] = rowTerms(u, z[u], dd);
                coef[u] = lastCoef;
            }
            for (int i = c0; i < c1; i++) f += loss[uid[i]];
            accumulate(coef, c0, c1, g);
        }
        for (int k = 0; k < q; k++) g[k] = w[k] + g[k];
        return f;
    }

    /**
     * Distinct row u's term of {@code fun} at decision value {@code zu} (returned), its coefficient of {@code Xᵀ} in
     * {@code grad} (into {@link #lastCoef}) and {@code Cᵢ·σ(1−σ)} for {@code hv} (into {@code dd}). When
     * {@code yᵢz ≥ 0} the gradient's {@code exp(−yᵢz)} is the one the loss already took.
     */
    private double rowTerms(int u, double zu, double[] dd) {
        double yi = y[u], ci = cw[u];
        double yz = yi * zu;
        double l, e;
        if (yz >= 0) {
            e = Math.exp(-yz);
            l = ci * Math.log(1 + e);
        } else {
            l = ci * (-yz + Math.log(1 + Math.exp(yz)));
            e = Math.exp(-yi * zu);
        }
        double sg = 1 / (1 + e);
        dd[u] = ci * (sg * (1 - sg));
        lastCoef = ci * (sg - 1) * yi;
        return l;
    }

    /** {@code hs = s + Xᵀ(C·D·(X·s))}, one pass. */
    private void hv(double[] s, double[] hs) {
        if (distinct) {
            hvDistinct(s, hs);
            return;
        }
        final double[] dd = this.cwdd, z = this.z, a = this.coef;
        final int[] todo = this.todo;
        java.util.Arrays.fill(hs, 0.0);
        newPass();
        for (int c0 = 0; c0 < n; c0 += CHUNK) {
            int c1 = Math.min(n, c0 + CHUNK);
            int m = decisionValues(s, c0, c1);
            for (int j = 0; j < m; j++) {
                int u = todo[j];
                a[u] = dd[u] * z[u];
            }
            accumulate(a, c0, c1, hs);
        }
        for (int k = 0; k < q; k++) hs[k] = s[k] + hs[k];
    }

    /**
     * {@link #funGrad} when every fit row is distinct: the same sums in the same order (decision value in k order
     * plus the bias, loss and gradient in row order), four rows at a time, without the dedup bookkeeping.
     */
    private double funGradDistinct(double[] w, double[] g) {
        final double[] dd = this.cwddTrial;
        final int[] uoff = this.uoff;
        final int p = this.p;
        double f = 0;
        for (int k = 0; k < q; k++) f += w[k] * w[k];
        f /= 2.0;
        java.util.Arrays.fill(g, 0.0);
        double bias = w[p];
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int o0 = uoff[i], o1 = uoff[i + 1], o2 = uoff[i + 2], o3 = uoff[i + 3];
            double[] d = dots4(w, o0, o1, o2, o3);
            double z1 = d[1], z2 = d[2], z3 = d[3];
            f += rowTerms(i, d[0] + bias, dd);
            double a0 = lastCoef;
            f += rowTerms(i + 1, z1 + bias, dd);
            double a1 = lastCoef;
            f += rowTerms(i + 2, z2 + bias, dd);
            double a2 = lastCoef;
            f += rowTerms(i + 3, z3 + bias, dd);
            addRows4(g, a0, o0, a1, o1, a2, o2, lastCoef, o3);
        }
        for (; i < n; i++) {
            f += rowTerms(i, dot(w, uoff[i]) + bias, dd);
            addRow(g, lastCoef, uoff[i]);
        }
        for (int k = 0; k < q; k++) g[k] = w[k] + g[k];
        return f;
    }

    /** {@link #hv} when every fit row is distinct (see {@link #funGradDistinct}). */
    private void hvDistinct(double[] s, double[] hs) {
        final double[] dd = this.cwdd;
        final int[] uoff = this.uoff;
        final int p = this.p;
        java.util.Arrays.fill(hs, 0.0);
        double bias = s[p];
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int o0 = uoff[i], o1 = uoff[i + 1], o2 = uoff[i + 2], o3 = uoff[i + 3];
            double[] d = dots4(s, o0, o1, o2, o3);
            addRows4(hs, dd[i] * (d[0] + bias), o0, dd[i + 1] * (d[1] + bias), o1, dd[i + 2] * (d[2] + bias), o2,
                    dd[i + 3] * (d[3] + bias), o3);
        }
        for (; i < n; i++) addRow(hs, dd[i] * (dot(s, uoff[i]) + bias), uoff[i]);
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
