package io.tao4j.mantis.salience.math;

/**
 * The Moré–Thuente line search (MINPACK-2 {@code dcsrch}/{@code dcstep}) as L-BFGS-B drives it: a reverse-
 * communication state machine; feed it {@code f(stp)} and the directional derivative {@code g(stp)} until it
 * reports convergence or a warning.
 */
final class MoreThuente {
    enum Task { FG, CONVERGENCE, WARNING }

    private final double ftol, gtol, xtol, stpmin, stpmax;
    private boolean brackt;
    private int stage;
    private double ginit, gtest, gx, gy, finit, fx, fy, stx, sty, stmin, stmax, width, width1;
    double stp;

    MoreThuente(double ftol, double gtol, double xtol, double stpmin, double stpmax) {
        this.ftol = ftol;
        this.gtol = gtol;
        this.xtol = xtol;
        this.stpmin = stpmin;
        this.stpmax = stpmax;
    }

    /** 'START': the values at step 0 and the first trial step. */
    Task start(double f, double g, double stp0) {
        stp = stp0;
        brackt = false;
        stage = 1;
        finit = f;
        ginit = g;
        gtest = ftol * ginit;
        width = stpmax - stpmin;
        width1 = width / 0.5;
        stx = 0.0;
        fx = finit;
        gx = ginit;
        sty = 0.0;
        fy = finit;
        gy = ginit;
        stmin = 0.0;
        stmax = stp + 4.0 * stp;
        return Task.FG;
    }

    /** Values at the current {@link #stp}; returns FG with a new trial {@link #stp}, or a terminal task. */
    Task next(double f, double g) {
        double ftest = finit + stp * gtest;
        if (stage == 1 && f <= ftest && g >= 0.0) stage = 2;
        Task task = Task.FG;
        if (brackt && (stp <= stmin || stp >= stmax)) task = Task.WARNING;
        if (brackt && stmax - stmin <= xtol * stmax) task = Task.WARNING;
        if (stp == stpmax && f <= ftest && g <= gtest) task = Task.WARNING;
        if (stp == stpmin && (f > ftest || g >= gtest)) task = Task.WARNING;
        if (f <= ftest && Math.abs(g) <= gtol * (-ginit)) task = Task.CONVERGENCE;
        if (task != Task.FG) return task;
        if (stage == 1 && f <= fx && f > ftest) {
            double fm = f - stp * gtest;
            double fxm = fx - stx * gtest;
            double fym = fy - sty * gtest;
            double gm = g - gtest;
            double gxm = gx - gtest;
            double gym = gy - gtest;
            double[] s = step(stx, fxm, gxm, sty, fym, gym, stp, fm, gm, stmin, stmax);
            stx = s[0]; fxm = s[1]; gxm = s[2]; sty = s[3]; fym = s[4]; gym = s[5]; stp = s[6];
            fx = fxm + stx * gtest;
            fy = fym + sty * gtest;
            gx = gxm + gtest;
            gy = gym + gtest;
        } else {
            double[] s = step(stx, fx, gx, sty, fy, gy, stp, f, g, stmin, stmax);
            stx = s[0]; fx = s[1]; gx = s[2]; sty = s[3]; fy = s[4]; gy = s[5]; stp = s[6];
        }
        if (brackt) {
            if (Math.abs(sty - stx) >= 0.66 * width1) stp = stx + 0.5 * (sty - stx);
            width1 = width;
            width = Math.abs(sty - stx);
        }
        if (brackt) {
            stmin = Math.min(stx, sty);
            stmax = Math.max(stx, sty);
        } else {
            stmin = stp + 1.1 * (stp - stx);
            stmax = stp + 4.0 * (stp - stx);
        }
        stp = Math.max(stp, stpmin);
        stp = Math.min(stp, stpmax);
        if ((brackt && (stp <= stmin || stp >= stmax)) || (brackt && stmax - stmin <= xtol * stmax)) stp = stx;
        return Task.FG;
    }

    /**
     * dcstep: safeguarded cubic/quadratic step within {@code [lo, hi]} — the current stage's {@code stmin, stmax}
     * that dcsrch passes, not the search's overall bounds; returns {stx, fx, dx, sty, fy, dy, stp} and updates brackt.
     */
    private double[] step(double stx, double fx, double dx, double sty, double fy, double dy, double stp, double fp,
                          double dp, double lo, double hi) {
        double sgnd = dp * (dx / Math.abs(dx));
        double stpf;
        if (fp > fx) {
            double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
            double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
            if (stp < stx) gamma = -gamma;
            double p = (gamma - dx) + theta;
            double q = ((gamma - dx) + gamma) + dp;
            double r = p / q;
            double stpc = stx + r * (stp - stx);
            double stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2.0) * (stp - stx);
            stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2.0;
            brackt = true;
        } else if (sgnd < 0.0) {
            double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
            double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
            if (stp > stx) gamma = -gamma;
            double p = (gamma - dp) + theta;
            double q = ((gamma - dp) + gamma) + dx;
            double r = p / q;
            double stpc = stp + r * (stx - stp);
            double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
            brackt = true;
        } else if (Math.abs(dp) < Math.abs(dx)) {
            double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
            double gamma = s * Math.sqrt(Math.max(0.0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx) gamma = -gamma;
            double p = (gamma - dp) + theta;
            double q = (gamma + (dx - dp)) + gamma;
            double r = p / q;
            double stpc;
            if (r < 0.0 && gamma != 0.0) stpc = stp + r * (stx - stp);
            else if (stp > stx) stpc = hi;
            else stpc = lo;
            double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            if (brackt) {
                stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
                stpf = stp > stx ? Math.min(stp + 0.66 * (sty - stp), stpf) : Math.max(stp + 0.66 * (sty - stp), stpf);
            } else {
                stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
                stpf = Math.min(hi, stpf);
                stpf = Math.max(lo, stpf);
            }
        } else {
            if (brackt) {
                double theta = 3.0 * (fp - fy) / (sty - stp) + dy + dp;
                double s = Math.max(Math.abs(theta), Math.max(Math.abs(dy), Math.abs(dp)));
                double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dy / s) * (dp / s));
                if (stp > sty) gamma = -gamma;
                double p = (gamma - dp) + theta;
                double q = ((gamma - dp) + gamma) + dy;
                double r = p / q;
                stpf = stp + r * (sty - stp);
            } else if (stp > stx) {
                stpf = hi;
            } else {
                stpf = lo;
            }
        }
        if (fp > fx) {
            sty = stp;
            fy = fp;
            dy = dp;
        } else {
            if (sgnd < 0.0) {
                sty = stx;
                fy = fx;
                dy = dx;
            }
            stx = stp;
            fx = fp;
            dx = dp;
        }
        return new double[] {stx, fx, dx, sty, fy, dy, stpf};
    }
}
