package io.tao4j.mantis.salience.math;

/**
 * liblinear's L2-regularised logistic regression in the primal (solver L2R_LR) as bundled with scikit-learn:
 * trust-region Newton (TRON) with conjugate gradient inner solves, started at 0, on
 * {@code f(w) = ½‖w‖² + Σ Cᵢ·log(1 + exp(−yᵢ·wᵀxᵢ))} with {@code yᵢ ∈ {−1, +1}}, {@code Cᵢ = C·sᵢ} and the
 * intercept as an extra constant feature 1.0 ({@code intercept_scaling = 1}) that is penalised like any weight.
 * Stops when {@code ‖g‖ ≤ eps·‖g₀‖} with {@code eps = tol·max(min(#pos, #neg), 1)/n} (raw counts), after
 * {@code maxIter} accepted steps, or on liblinear's numerical-stall tests; {@code iterations} is liblinear's
 * returned count (scikit-learn's {@code n_iter_}).
 */
public final class LiblinearTron {
    private static final double ETA0 = 1e-4, ETA1 = 0.25, ETA2 = 0.75;
    private static final double SIGMA1 = 0.25, SIGMA2 = 0.5, SIGMA3 = 4;

    private final double[] x; // n × (p+1) with the bias column
    private final int n, q;
    private final double[] y, cw, z, dd;

    private LiblinearTron(double[] x, int n, int p, byte[] yb, double[] sw, double c) {
        this.n = n;
        this.q = p + 1;
        this.x = new double[n * q];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * p, this.x, i * q, p);
            this.x[i * q + p] = 1.0;
        }
        this.y = new double[n];
        this.cw = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = yb[i] != 0 ? 1.0 : -1.0;
            cw[i] = c * (sw == null ? 1.0 : sw[i]);
        }
        this.z = new double[n];
        this.dd = new double[n];
    }

    /** Fits; see the class comment. */
    public static LogisticRegression.Model fit(double[] x, int n, int p, byte[] y, double[] sampleWeight, double c,
                                               double tol, int maxIter) {
        if (n <= 0 || p < 0 || x.length != (long) n * p || y.length != n) throw new IllegalArgumentException("X/y shapes do not match");
        if (sampleWeight != null && sampleWeight.length != n) throw new IllegalArgumentException("sample_weight length " + sampleWeight.length + " != " + n);
        if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("C must be positive and finite, got " + c);
        LiblinearTron t = new LiblinearTron(x, n, p, y, sampleWeight, c);
        int pos = 0;
        for (byte b : y) if (b != 0) pos++;
        double eps = tol * Math.max(Math.min(pos, n - pos), 1) / n;
        double[] w = new double[p + 1];
        int iters = t.tron(w, eps, maxIter);
        return new LogisticRegression.Model(java.util.Arrays.copyOf(w, p), w[p], iters);
    }

    private double fun(double[] w) {
        xv(w, z);
        double f = 0;
        for (int k = 0; k < q; k++) f += w[k] * w[k];
        f /= 2.0;
        for (int i = 0; i < n; i++) {
            double yz = y[i] * z[i];
            if (yz >= 0) f += cw[i] * Math.log(1 + Math.exp(-yz));
            else f += cw[i] * (-yz + Math.log(1 + Math.exp(yz)));
        }
        return f;
    }

    private void grad(double[] w, double[] g) {
        for (int i = 0; i < n; i++) {
            z[i] = 1 / (1 + Math.exp(-y[i] * z[i]));
            dd[i] = z[i] * (1 - z[i]);
            z[i] = cw[i] * (z[i] - 1) * y[i];
        }
        xtv(z, g);
        for (int k = 0; k < q; k++) g[k] = w[k] + g[k];
    }

    private void hv(double[] s, double[] hs) {
        double[] wa = new double[n];
        xv(s, wa);
        for (int i = 0; i < n; i++) wa[i] = cw[i] * dd[i] * wa[i];
        xtv(wa, hs);
        for (int k = 0; k < q; k++) hs[k] = s[k] + hs[k];
    }

    private void xv(double[] v, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * q;
            for (int k = 0; k < q; k++) s += v[k] * x[o + k];
            out[i] = s;
        }
    }

    private void xtv(double[] v, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < n; i++) {
            int o = i * q;
            for (int k = 0; k < q; k++) out[k] += v[i] * x[o + k];
        }
    }

    private int tron(double[] w, double eps, int maxIter) {
        double[] s = new double[q], r = new double[q], wNew = new double[q], g = new double[q];
        double f = fun(w);
        grad(w, g);
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
            double fnew = fun(wNew);
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
                grad(w, g);
                gnorm = nrm2(g);
                if (gnorm <= eps * gnorm1) break;
            }
            if (f < -1.0e+32) break;
            if (Math.abs(actred) <= 0 && prered <= 0) break;
            if (Math.abs(actred) <= 1.0e-12 * Math.abs(f) && Math.abs(prered) <= 1.0e-12 * Math.abs(f)) break;
        }
        return iter - 1;
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
