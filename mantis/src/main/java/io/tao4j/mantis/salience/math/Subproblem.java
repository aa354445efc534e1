package io.tao4j.mantis.salience.math;

/**
 * The quadratic model of one proximal Newton step of {@link ElasticNet}: minimises
 * {@code g·(u−β) + ½(u−β)ᵀH(u−β) + Σ_{k<p} (l1·|u_k| + ½·l2·u_k²)} over u (the last coordinate, the intercept, is
 * not penalised). Solved exactly by the feature-sign active-set method: on the active set with fixed signs the model is
 * a quadratic solved by Cholesky; a step that would flip a sign stops at the best point of the segment (evaluating the
 * true model at every sign change), zero coordinates whose subgradient condition fails are added one at a time. Each
 * step decreases the model, so the method terminates; coordinate descent is the fallback should it not within its cap.
 */
final class Subproblem {
    private Subproblem() {}

    /** The minimiser u, starting from {@code beta}. */
    static double[] solve(double[] h, int q, double[] g, double[] beta, double l1, double l2) {
        int p = q - 1;
        double[] a = h.clone();
        for (int k = 0; k < p; k++) a[k * q + k] += l2;
        double[] b = new double[q];
        for (int k = 0; k < q; k++) {
            double s = g[k];
            for (int l = 0; l < q; l++) s -= h[k * q + l] * beta[l];
            b[k] = s;
        }
        double[] u = featureSign(a, b, q, beta, l1);
        return u != null ? u : coordinateDescent(h, q, g, beta, l1, l2);
    }

    /** Model value {@code b·u + ½uᵀAu + l1·|u_{<p}|₁}. */
    private static double model(double[] a, double[] b, int q, double[] u, double l1) {
        double s = 0.0;
        for (int k = 0; k < q; k++) {
            if (u[k] == 0.0) continue;
            double au = 0.0;
            for (int l = 0; l < q; l++) au += a[k * q + l] * u[l];
            s += u[k] * (b[k] + 0.5 * au);
            if (k < q - 1) s += l1 * Math.abs(u[k]);
        }
        return s;
    }

    private static double[] featureSign(double[] a, double[] b, int q, double[] start, double l1) {
        int p = q - 1;
        double[] u = start.clone();
        double bmax = 0.0;
        for (double v : b) bmax = Math.max(bmax, Math.abs(v));
        double tol = 1e-11 * (l1 + bmax);
        double[] theta = new double[q];
        for (int k = 0; k < p; k++) theta[k] = Math.signum(u[k]);
        int[] act = new int[q];
        double[] sub = new double[q * q];
        double[] rhs = new double[q];
        double[] v = new double[q];
        double[] w = new double[q];
        boolean checkZeros = false;
        for (int iter = 0; iter < 20 * q; iter++) {
            if (checkZeros) {
                int best = -1;
                double worst = tol;
                for (int k = 0; k < p; k++) {
                    if (theta[k] != 0.0) continue;
                    double gk = b[k];
                    for (int l = 0; l < q; l++) gk += a[k * q + l] * u[l];
                    double viol = Math.abs(gk) - l1;
                    if (viol > worst) {
                        worst = viol;
                        best = k;
                    }
                }
                if (best < 0) return u;
                double gk = b[best];
                for (int l = 0; l < q; l++) gk += a[best * q + l] * u[l];
                theta[best] = gk > 0 ? -1.0 : 1.0;
            }
            // active set: nonzero sign (penalised) plus the intercept
            int m = 0;
            for (int k = 0; k < p; k++) if (theta[k] != 0.0) act[m++] = k;
            act[m++] = p;
            double[] sa = m == q ? a : sub;
            for (int i = 0; i < m; i++) {
                rhs[i] = -(b[act[i]] + l1 * theta[act[i]]);
                if (m != q) for (int j = 0; j < m; j++) sub[i * m + j] = a[act[i] * q + act[j]];
            }
            double[] sol;
            try {
                sol = Cholesky.solve(sa, m, java.util.Arrays.copyOf(rhs, m));
            } catch (ArithmeticException e) {
                return null;
            }
            java.util.Arrays.fill(v, 0.0);
            boolean consistent = true;
            for (int i = 0; i < m; i++) {
                v[act[i]] = sol[i];
                if (act[i] < p && Math.signum(sol[i]) != theta[act[i]]) consistent = false;
            }
            if (consistent) {
                System.arraycopy(v, 0, u, 0, q);
                checkZeros = true;
                continue;
            }
            // best point of the segment u → v: its end or a point where a coordinate reaches zero
            double bestF = model(a, b, q, v, l1);
            double bestS = 1.0;
            for (int k = 0; k < p; k++) {
                if (u[k] == 0.0 || Math.signum(v[k]) == Math.signum(u[k])) continue;
                double s = u[k] / (u[k] - v[k]);
                if (!(s > 0.0 && s < 1.0)) continue;
                for (int l = 0; l < q; l++) w[l] = u[l] + s * (v[l] - u[l]);
                w[k] = 0.0;
                double fs = model(a, b, q, w, l1);
                if (fs < bestF) {
                    bestF = fs;
                    bestS = s;
                }
            }
            if (bestS == 1.0) {
                System.arraycopy(v, 0, u, 0, q);
            } else {
                for (int l = 0; l < q; l++) {
                    double nu = u[l] + bestS * (v[l] - u[l]);
                    if (l < p && u[l] != 0.0 && u[l] / (u[l] - v[l]) == bestS) nu = 0.0;
                    u[l] = nu;
                }
            }
            for (int k = 0; k < p; k++) theta[k] = Math.signum(u[k]);
            checkZeros = false;
        }
        return null;
    }

    /** Coordinate descent on the model from {@code d = 0} (the fallback). */
    private static double[] coordinateDescent(double[] h, int q, double[] g, double[] beta, double l1, double l2) {
        int p = q - 1;
        double[] d = new double[q];
        double[] hd = new double[q];
        double bmax = 1.0;
        for (double v : beta) bmax = Math.max(bmax, 1.0 + Math.abs(v));
        for (int sweep = 0; sweep < 1000; sweep++) {
            double maxChange = 0.0;
            for (int k = 0; k < q; k++) {
                double hkk = h[k * q + k] + 1e-12;
                double a = g[k] + hd[k] - hkk * d[k];
                double u;
                if (k == p) {
                    u = beta[k] - a / hkk;
                } else {
                    double z = hkk * beta[k] - a;
                    double soft = Math.signum(z) * Math.max(Math.abs(z) - l1, 0.0);
                    u = soft / (hkk + l2);
                }
                double delta = u - beta[k] - d[k];
                if (delta != 0.0) {
                    for (int l = 0; l < q; l++) hd[l] += h[l * q + k] * delta;
                    d[k] += delta;
                    maxChange = Math.max(maxChange, Math.abs(delta));
                }
            }
            if (maxChange <= 1e-14 * bmax) break;
        }
        double[] u = new double[q];
        for (int k = 0; k < q; k++) u[k] = beta[k] + d[k];
        return u;
    }
}
