package io.tao4j.mantis.salience.math;

import java.util.Arrays;

/**
 * The elastic-net logistic regression of {@link LogisticRegression#fitElasticNet}: proximal Newton whose quadratic
 * model {@code g·d + ½dᵀHd + pen(β + d)} is minimised exactly by an active-set (feature-sign) method with Cholesky
 * solves, so the outer iteration converges quadratically (a few passes over the data instead of dozens).
 *
 * <p>One pass over the data yields the loss, the gradient and the full Hessian together; the Hessian is accumulated
 * four rows at a time ({@code H += Σⱼ cⱼ·xⱼxⱼᵀ} as one fused update per Hessian row, a loop the JIT vectorises).
 * Sums run sequentially over fixed 4096-row blocks combined in block order, so the result does not depend on threads.
 */
final class ElasticNet {
    private static final int BLOCK = 4096;
    private static final int MAX_OUTER = 200;
    /** Steps (relative to 1 + max|β|) below which the Hessian is kept for the next step. */
    private static final double CHORD_STEP = 1e-4;

    private ElasticNet() {}

    /** See {@link LogisticRegression#fitElasticNet(double[], int, int, byte[], double[], double, double, double[])}. */
    static LogisticRegression.Model fit(double[] x, int n, int p, byte[] y, double[] sw, double c, double l1Ratio,
                                        double[] start) {
        final int q = p + 1;
        double l2 = (1.0 - l1Ratio) / c;
        double l1 = l1Ratio / c;
        double[] beta = new double[q];
        if (start != null && start.length == q) {
            boolean finite = true;
            for (double b : start) finite &= Double.isFinite(b);
            if (finite) System.arraycopy(start, 0, beta, 0, q);
        }
        double[] g = new double[q];
        double[] h = new double[q * q];
        double[] gN = new double[q];
        double[] hN = new double[q * q];
        Workspace ws = new Workspace(q);
        double f = pass(x, n, p, y, sw, beta, g, h, ws) + penalty(beta, p, l1, l2);
        double[] cand = new double[q];
        boolean fresh = true; // h is the Hessian at beta (else an earlier one: a chord step)
        double lastStep = Double.POSITIVE_INFINITY;
        int it = 0;
        for (; it < MAX_OUTER; it++) {
            double[] u = Subproblem.solve(h, q, g, beta, l1, l2);
            double[] d = new double[q];
            for (int k = 0; k < q; k++) d[k] = u[k] - beta[k];
            double bmax = 1.0 + maxAbs(beta);
            double step = maxAbs(d);
            if (step <= 1e-12 * bmax) break;
            double delta = penalty(u, p, l1, l2) - penalty(beta, p, l1, l2);
            for (int k = 0; k < q; k++) delta += g[k] * d[k];
            double fTol = 1e-13 * Math.max(1.0, Math.abs(f));
            if (-delta <= 1e-6 * fTol && fresh) { // β is optimal to rounding: the last (exact) Newton step
                System.arraycopy(u, 0, beta, 0, q);
                it++;
                break;
            }
            // Near the optimum the Hessian barely changes: keep it (a chord step, only loss and gradient are
            // recomputed) while steps shrink fast; the gradient alone fixes the optimum, so the answer is the same.
            boolean newHessian = step > CHORD_STEP * bmax || (!fresh && step > 0.1 * lastStep);
            lastStep = step;
            // full step, evaluated together with the next iteration's gradient (and Hessian)
            double fNew = pass(x, n, p, y, sw, u, gN, newHessian ? hN : null, ws) + penalty(u, p, l1, l2);
            if (fNew <= f + 1e-4 * delta + fTol || -delta <= 1e-6 * fTol) {
                System.arraycopy(u, 0, beta, 0, q);
                double[] t0 = g; g = gN; gN = t0;
                if (newHessian) {
                    double[] t1 = h; h = hN; hN = t1;
                }
                fresh = newHessian;
                f = fNew;
                continue;
            }
            double t = 0.5;
            boolean accepted = false;
            for (int ls = 1; ls <= 40; ls++, t *= 0.5) {
                for (int k = 0; k < q; k++) cand[k] = beta[k] + t * d[k];
                fNew = lossOnly(x, n, p, y, sw, cand) + penalty(cand, p, l1, l2);
                if (fNew <= f + 1e-4 * t * delta + fTol) {
                    accepted = true;
                    break;
                }
            }
            if (!accepted || !(fNew <= f + fTol)) break; // no further progress possible in floating point
            System.arraycopy(cand, 0, beta, 0, q);
            f = pass(x, n, p, y, sw, beta, g, h, ws) + penalty(beta, p, l1, l2);
            fresh = true;
            lastStep = Double.POSITIVE_INFINITY;
        }
        return new LogisticRegression.Model(Arrays.copyOf(beta, p), beta[p], it);
    }

    static double penalty(double[] beta, int p, double l1, double l2) {
        double s = 0;
        for (int k = 0; k < p; k++) s += l1 * Math.abs(beta[k]) + 0.5 * l2 * beta[k] * beta[k];
        return s;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) m = Math.max(m, Math.abs(d));
        return m;
    }

    /** Per-fit scratch arrays. */
    private static final class Workspace {
        final double[] gb;
        final double[] hb;
        final double[][] r = new double[4][];
        final double[] res = new double[4];
        final double[] cv = new double[4];

        Workspace(int q) {
            gb = new double[q];
            hb = new double[q * q];
            for (int j = 0; j < 4; j++) {
                r[j] = new double[q];
                r[j][q - 1] = 1.0; // the intercept's constant feature
            }
        }
    }

    /** Weighted log-loss sum at beta; fills its gradient and, unless h is null, its full Hessian (no penalty). */
    private static double pass(double[] x, int n, int p, byte[] y, double[] sw, double[] beta, double[] g, double[] h,
                               Workspace ws) {
        final int q = p + 1;
        Arrays.fill(g, 0.0);
        if (h != null) Arrays.fill(h, 0.0);
        double loss = 0.0;
        double[] gb = ws.gb, hb = ws.hb;
        double[] r0 = ws.r[0], r1 = ws.r[1], r2 = ws.r[2], r3 = ws.r[3];
        double[] res = ws.res, cv = ws.cv;
        for (int lo = 0; lo < n; lo += BLOCK) {
            int hi = Math.min(n, lo + BLOCK);
            Arrays.fill(gb, 0.0);
            if (h != null) Arrays.fill(hb, 0.0);
            double lb = 0.0;
            for (int i = lo; i < hi; i += 4) {
                for (int j = 0; j < 4; j++) {
                    double[] r = ws.r[j];
                    int row = i + j;
                    if (row >= hi) {
                        Arrays.fill(r, 0, p, 0.0);
                        res[j] = 0.0;
                        cv[j] = 0.0;
                        continue;
                    }
                    System.arraycopy(x, row * p, r, 0, p);
                    double z = beta[p];
                    for (int k = 0; k < p; k++) z += beta[k] * r[k];
                    double ez = Math.exp(-Math.abs(z));
                    double pr = z >= 0 ? 1.0 / (1.0 + ez) : ez / (1.0 + ez);
                    double wi = sw == null ? 1.0 : sw[row];
                    boolean pos = y[row] != 0;
                    double margin = pos ? z : -z;
                    lb += wi * (Math.max(-margin, 0.0) + LogisticRegression.log1pSmall(ez));
                    res[j] = wi * (pr - (pos ? 1.0 : 0.0));
                    cv[j] = wi * pr * (1.0 - pr);
                }
                double s0 = res[0], s1 = res[1], s2 = res[2], s3 = res[3];
                for (int k = 0; k < q; k++) gb[k] += s0 * r0[k] + s1 * r1[k] + s2 * r2[k] + s3 * r3[k];
                if (h == null) continue;
                double c0 = cv[0], c1 = cv[1], c2 = cv[2], c3 = cv[3];
                for (int k = 0; k < q; k++) {
                    double a0 = c0 * r0[k], a1 = c1 * r1[k], a2 = c2 * r2[k], a3 = c3 * r3[k];
                    int base = k * q;
                    for (int l = k; l < q; l++) hb[base + l] += a0 * r0[l] + a1 * r1[l] + a2 * r2[l] + a3 * r3[l];
                }
            }
            loss += lb;
            for (int k = 0; k < q; k++) g[k] += gb[k];
            if (h != null) for (int k = 0; k < q * q; k++) h[k] += hb[k];
        }
        if (h != null) for (int k = 0; k < q; k++) for (int l = 0; l < k; l++) h[k * q + l] = h[l * q + k];
        return loss;
    }

    /** Weighted log-loss sum at beta, same blocks. */
    private static double lossOnly(double[] x, int n, int p, byte[] y, double[] sw, double[] beta) {
        double loss = 0.0;
        for (int lo = 0; lo < n; lo += BLOCK) {
            int hi = Math.min(n, lo + BLOCK);
            double lb = 0.0;
            for (int i = lo; i < hi; i++) {
                double z = beta[p];
                int off = i * p;
                for (int k = 0; k < p; k++) z += beta[k] * x[off + k];
                double margin = y[i] != 0 ? z : -z;
                lb += (sw == null ? 1.0 : sw[i]) * LogisticRegression.logLoss(margin);
            }
            loss += lb;
        }
        return loss;
    }
}
