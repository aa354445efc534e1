package io.tao4j.mantis.salience.math;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * scipy's L-BFGS-B ({@code minimize(method="L-BFGS-B")}) for a problem without bounds: memory {@code m} pairs,
 * first step {@code 1/‖d‖}, Moré–Thuente line search (ftol 1e-3, gtol 0.9, xtol 0.1, at most {@code maxls}
 * evaluations, a failed search restarts from steepest descent with the memory cleared, or ends the run when the
 * memory was already empty), the pair skipped when {@code sᵀy ≤ ε·(−gᵀd·stp)}, and the stopping rules in scipy's
 * order: iteration count ≥ maxiter, then {@code max|g| ≤ pgtol}, then
 * {@code (f_old − f) ≤ ftol·max(|f_old|, |f|, 1)}. Without bounds the generalised Cauchy point plus subspace
 * minimisation reduces to the quasi-Newton step {@code −H·g} with {@code H₀ = I/θ}, computed here by the two-loop
 * recursion (the same point in exact arithmetic as the compact representation).
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
        Deque<double[][]> mem = new ArrayDeque<>(); // {s, y, {sᵀy}}
        double theta = 1.0;
        int iter = 0;
        double[] t = new double[n];
        double[] r = new double[n];
        double[] z = new double[n];
        double[] d = new double[n];
        while (true) {
            // direction: z = x − H g, d = z − x
            if (mem.isEmpty()) {
                double f1 = -dot(g, g);
                double f2 = -theta * f1;
                double dtm = -f1 / f2;
                for (int i = 0; i < n; i++) z[i] = x[i] + dtm * (-g[i]);
            } else {
                double[] q = g.clone();
                double[] alpha = new double[mem.size()];
                int k = 0;
                for (Iterator<double[][]> it = mem.descendingIterator(); it.hasNext(); k++) {
                    double[][] p = it.next();
                    alpha[k] = dot(p[0], q) / p[2][0];
                    axpy(-alpha[k], p[1], q);
                }
                for (int i = 0; i < n; i++) q[i] /= theta;
                k = mem.size() - 1;
                for (Iterator<double[][]> it = mem.iterator(); it.hasNext(); k--) {
                    double[][] p = it.next();
                    double beta = dot(p[1], q) / p[2][0];
                    axpy(alpha[k] - beta, p[0], q);
                }
                for (int i = 0; i < n; i++) z[i] = x[i] - q[i];
            }
            for (int i = 0; i < n; i++) d[i] = z[i] - x[i];
            // line search
            double dnorm = Math.sqrt(dot(d, d));
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
                if (mem.isEmpty()) return new Result(x, f, iter + 1, nfev, "ABNORMAL_TERMINATION_IN_LNSRCH");
                mem.clear();
                theta = 1.0;
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
            if (dr <= EPSMCH * ddum) continue; // skip the update
            if (mem.size() == m) mem.removeFirst();
            mem.addLast(new double[][] {s, y, {dr}});
            theta = rr / dr;
        }
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

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) y[i] += a * x[i];
    }
}
