package io.tao4j.mantis.salience.math;

import java.util.ArrayList;
import java.util.List;

/**
 * scipy's L-BFGS-B ({@code minimize(method="L-BFGS-B")}, the Fortran v3.0 of scipy 1.10) for a problem without
 * bounds, with the arithmetic of its compact representation rather than the two-loop recursion: memory {@code m}
 * pairs; with an empty memory the generalised Cauchy point {@code x − g/θ}; otherwise the subspace step through
 * the LELᵀ factorisation of the middle matrix {@code K} ({@code formk}) and two triangular solves ({@code subsm}).
 * Moré–Thuente line search (ftol 1e-3, gtol 0.9, xtol 0.1, at most {@code maxls} evaluations, first step
 * {@code 1/‖d‖}). The pair is skipped when {@code sᵀy ≤ ε·(−gᵀd·stp)}. The memory is cleared and the iteration
 * restarted from steepest descent whenever scipy does so: a failed line search (the run ends instead when the
 * memory was already empty), a non-positive-definite {@code T = θSᵀS + LD⁻¹Lᵀ} ({@code formt}) or {@code K}
 * ({@code formk}), or a singular triangular system. Stopping rules in scipy's order: iteration count ≥ maxiter,
 * evaluations > maxfun, {@code max|g| ≤ pgtol}, then {@code (f_old − f) ≤ ftol·max(|f_old|, |f|, 1)}.
 *
 * <p>The two-loop recursion gives the same step in exact arithmetic, but not in floating point on ill-conditioned
 * fits (near-constant columns next to clone columns in the cross-sectional meta-fits), and it never restarts on
 * the factorisation checks, so it ended some fits iterations before scipy. Sums are sequential left to right,
 * where scipy's BLAS calls ({@code ddot}) may block them differently; that moves results by ~1e-12.
 */
public final class LbfgsB {
    private static final double EPSMCH = Math.ulp(1.0);
    private static final double BIG = 1e10;

    private LbfgsB() {}

    /** Objective: writes the gradient into {@code g} and returns f. */
    @FunctionalInterface
    public interface Objective {
        double evaluate(double[] x, double[] g);
    }

    /** The result: minimiser, its value, iterations (scipy's {@code nit}), evaluations and the stop reason. */
    public record Result(double[] x, double f, int iterations, int evaluations, String message) {}

    public static Result minimize(Objective fun, double[] x0, int m, double pgtol, double ftol, int maxls,
                                  int maxiter, int maxfun) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double f = fun.evaluate(x, g);
        int nfev = 1;
        if (supNorm(g) <= pgtol) return new Result(x, f, 0, nfev, "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL");
        Memory mem = new Memory(m);
        int iter = 0;
        double[] t = new double[n];
        double[] r = new double[n];
        double[] z = new double[n];
        double[] d = new double[n];
        while (true) {
            // the point z the line search aims at
            if (mem.col() == 0) {
                double f1 = 0.0;
                for (int i = 0; i < n; i++) f1 -= g[i] * g[i];
                double f2 = -mem.theta * f1;
                double dtm = -f1 / f2;
                if (dtm <= 0.0) dtm = 0.0;
                for (int i = 0; i < n; i++) z[i] = x[i] + dtm * -g[i];
            } else {
                if ((mem.updated && !mem.formK()) || !mem.subspaceStep(x, g, z)) { // a failed factor or solve: restart
                    mem.refresh();
                    continue;
                }
            }
            for (int i = 0; i < n; i++) d[i] = z[i] - x[i];
            // line search
            double dtd = dot(d, d);
            double dnorm = Math.sqrt(dtd);
            double stp0 = iter == 0 ? Math.min(1.0 / dnorm, BIG) : 1.0;
            System.arraycopy(x, 0, t, 0, n);
            System.arraycopy(g, 0, r, 0, n);
            double fold = f;
            double gd = dot(g, d);
            double gdold = gd;
            boolean failed = gd >= 0.0;
            int ifun = 0;
            MoreThuente ls = new MoreThuente(1e-3, 0.9, 0.1, 0.0, BIG);
            if (!failed) {
                MoreThuente.Task task = ls.start(f, gd, stp0);
                while (true) {
                    ifun++;
                    if (ifun - 1 >= maxls) {
                        failed = true;
                        break;
                    }
                    double stp = ls.stp;
                    if (stp == 1.0) System.arraycopy(z, 0, x, 0, n);
                    else for (int i = 0; i < n; i++) x[i] = stp * d[i] + t[i];
                    f = fun.evaluate(x, g);
                    nfev++;
                    gd = dot(g, d);
                    task = ls.next(f, gd);
                    if (task != MoreThuente.Task.FG) break;
                }
            }
            if (failed) {
                System.arraycopy(t, 0, x, 0, n);
                System.arraycopy(r, 0, g, 0, n);
                f = fold;
                if (mem.col() == 0) return new Result(x, f, iter + 1, nfev, "ABNORMAL_TERMINATION_IN_LNSRCH");
                mem.refresh();
                continue;
            }
            iter++;
            if (iter >= maxiter) return new Result(x, f, iter, nfev, "STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT");
            if (nfev > maxfun) return new Result(x, f, iter, nfev, "STOP: TOTAL NO. OF F,G EVALUATIONS EXCEEDS LIMIT");
            if (supNorm(g) <= pgtol) return new Result(x, f, iter, nfev, "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL");
            double ddum = Math.max(Math.abs(fold), Math.max(Math.abs(f), 1.0));
            if (fold - f <= ftol * ddum) return new Result(x, f, iter, nfev, "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH");
            double[] y = new double[n];
            for (int i = 0; i < n; i++) y[i] = g[i] - r[i];
            double rr = dot(y, y);
            double stp = ls.stp;
            double dr;
            double[] s = d.clone();
            if (stp == 1.0) {
                dr = gd - gdold;
                ddum = -gdold;
            } else {
                dr = (gd - gdold) * stp;
                for (int i = 0; i < n; i++) s[i] = stp * d[i];
                ddum = -gdold * stp;
            }
            if (dr <= EPSMCH * ddum) { // skip the update
                mem.updated = false;
                continue;
            }
            mem.add(s, y, dr, rr / dr, stp == 1.0 ? dtd : stp * stp * dtd);
            if (!mem.formT()) mem.refresh();
        }
    }

    /**
     * The last {@code col ≤ m} pairs (oldest first) with the products scipy keeps: {@code SᵀS} and the strictly
     * lower {@code L} of {@code SᵀY} (its {@code ss}, {@code sy}, diagonal {@code D = sᵀy} from the line search),
     * {@code YᵀY} and the upper {@code R} of {@code SᵀY} ({@code formk}'s {@code wn1}), and {@code K}'s factor.
     */
    private static final class Memory {
        final int m;
        final List<double[]> s = new ArrayList<>();
        final List<double[]> y = new ArrayList<>();
        final double[][] ss, sy, yy, rz;
        double[][] wn;
        double theta = 1.0;
        /** scipy's {@code updatd}: the last iteration added a pair, so K must be factored again. */
        boolean updated;

        Memory(int m) {
            this.m = m;
            ss = new double[m][m];
            sy = new double[m][m];
            yy = new double[m][m];
            rz = new double[m][m];
        }

        int col() {
            return s.size();
        }

        void refresh() {
            s.clear();
            y.clear();
            theta = 1.0;
            wn = null;
            updated = false;
        }

        /** {@code matupd} plus {@code formk}'s incremental products: the new pair becomes the newest. */
        void add(double[] sNew, double[] yNew, double dr, double newTheta, double sNewSq) {
            if (s.size() == m) {
                s.remove(0);
                y.remove(0);
                for (double[][] a : new double[][][] {ss, sy, yy, rz}) {
                    for (int i = 0; i < m - 1; i++) System.arraycopy(a[i + 1], 1, a[i], 0, m - 1);
                }
            }
            s.add(sNew);
            y.add(yNew);
            theta = newTheta;
            updated = true;
            int c = s.size() - 1;
            for (int j = 0; j < c; j++) {
                sy[c][j] = dot(sNew, y.get(j));
                ss[j][c] = dot(s.get(j), sNew);
            }
            ss[c][c] = sNewSq;
            sy[c][c] = dr;
            for (int j = 0; j <= c; j++) {
                yy[c][j] = dot(yNew, y.get(j));
                rz[j][c] = dot(s.get(j), yNew);
            }
        }

        /** {@code formt}: T = θ·SᵀS + L·D⁻¹·Lᵀ must have a Cholesky factor. */
        boolean formT() {
            int c = col();
            double[][] wt = new double[c][c];
            for (int j = 0; j < c; j++) wt[0][j] = theta * ss[0][j];
            for (int i = 1; i < c; i++) {
                for (int j = i; j < c; j++) {
                    double acc = 0.0;
                    for (int k = 0; k < i; k++) acc += sy[i][k] * sy[j][k] / sy[k][k];
                    wt[i][j] = acc + theta * ss[i][j];
                }
            }
            return choleskyUpper(wt, 0, c);
        }

        /**
         * {@code formk} without bounds (every variable free, none active): K's upper triangle
         * {@code [[D + YᵀY/θ, Rᵀ-part], [·, 0]]}, the Cholesky factor of its (1,1) block, the (1,2) block solved
         * against it, and the Cholesky factor of the resulting (2,2) block; false when either factor fails.
         */
        boolean formK() {
            int c = col();
            double[][] w = new double[2 * c][2 * c];
            for (int iy = 0; iy < c; iy++) {
                for (int jy = 0; jy <= iy; jy++) {
                    w[jy][iy] = yy[iy][jy] / theta;
                    w[c + jy][c + iy] = 0.0 * theta; // θ·SᵀAAᵀS: no active bounds, so zero
                }
                // the (1,2) block: −L_aᵀ (zero without active bounds, negated as formk does) above, R_zᵀ from the diagonal
                for (int jy = 0; jy < iy; jy++) w[jy][c + iy] = -0.0;
                for (int jy = iy; jy < c; jy++) w[jy][c + iy] = rz[iy][jy];
                w[iy][iy] = w[iy][iy] + sy[iy][iy];
            }
            if (!choleskyUpper(w, 0, c)) return false;
            for (int js = c; js < 2 * c; js++) {
                w[0][js] = w[0][js] / w[0][0];
                for (int j = 1; j < c; j++) {
                    double acc = 0.0;
                    for (int i = 0; i < j; i++) acc += w[i][j] * w[i][js];
                    w[j][js] = (w[j][js] - acc) / w[j][j];
                }
            }
            for (int is = c; is < 2 * c; is++) {
                for (int js = is; js < 2 * c; js++) {
                    double acc = 0.0;
                    for (int k = 0; k < c; k++) acc += w[k][is] * w[k][js];
                    w[is][js] = w[is][js] + acc;
                }
            }
            if (!choleskyUpper(w, c, c)) return false;
            wn = w;
            return true;
        }

        /**
         * {@code cmprlb} + {@code subsm} without bounds: with the Cauchy point at x the reduced gradient is −g, and
         * the subspace minimiser is {@code z = x + (1/θ)(−g + Y·v₁/θ + S·v₂)} where v solves the factored K.
         * False when a triangular system is singular.
         */
        boolean subspaceStep(double[] x, double[] g, double[] z) {
            int c = col();
            int n = x.length;
            int c2 = 2 * c;
            double[] wv = new double[c2];
            for (int i = 0; i < c; i++) {
                double[] yi = y.get(i);
                double[] si = s.get(i);
                double t1 = 0.0;
                double t2 = 0.0;
                for (int j = 0; j < n; j++) {
                    t1 += yi[j] * -g[j];
                    t2 += si[j] * -g[j];
                }
                wv[i] = t1;
                wv[c + i] = theta * t2;
            }
            double[][] w = wn;
            for (int i = 0; i < c2; i++) if (w[i][i] == 0.0) return false;
            // Uᵀ v = wv
            wv[0] = wv[0] / w[0][0];
            for (int j = 1; j < c2; j++) {
                double acc = 0.0;
                for (int i = 0; i < j; i++) acc += w[i][j] * wv[i];
                wv[j] = (wv[j] - acc) / w[j][j];
            }
            for (int i = 0; i < c; i++) wv[i] = -wv[i];
            // U v = wv
            wv[c2 - 1] = wv[c2 - 1] / w[c2 - 1][c2 - 1];
            for (int j = c2 - 2; j >= 0; j--) {
                double temp = -wv[j + 1];
                for (int i = 0; i <= j; i++) wv[i] += temp * w[i][j + 1];
                wv[j] = wv[j] / w[j][j];
            }
            double[] dd = new double[n];
            for (int i = 0; i < n; i++) dd[i] = -g[i];
            for (int jy = 0; jy < c; jy++) {
                double[] yj = y.get(jy);
                double[] sj = s.get(jy);
                double a1 = wv[jy];
                double a2 = wv[c + jy];
                for (int i = 0; i < n; i++) dd[i] = dd[i] + yj[i] * a1 / theta + sj[i] * a2;
            }
            double inv = 1.0 / theta;
            for (int i = 0; i < n; i++) z[i] = x[i] + inv * dd[i];
            return true;
        }
    }

    /** LINPACK {@code dpofa} on the {@code n × n} upper block of {@code a} starting at {@code (o, o)}. */
    static boolean choleskyUpper(double[][] a, int o, int n) {
        for (int j = 0; j < n; j++) {
            double s = 0.0;
            for (int k = 0; k < j; k++) {
                double acc = 0.0;
                for (int i = 0; i < k; i++) acc += a[o + i][o + k] * a[o + i][o + j];
                double t = a[o + k][o + j] - acc;
                t = t / a[o + k][o + k];
                a[o + k][o + j] = t;
                s += t * t;
            }
            s = a[o + j][o + j] - s;
            if (s <= 0.0) return false;
            a[o + j][o + j] = Math.sqrt(s);
        }
        return true;
    }

    private static double supNorm(double[] g) {
        double m = 0.0;
        for (double v : g) m = Math.max(m, Math.abs(v));
        return m;
    }

    static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
