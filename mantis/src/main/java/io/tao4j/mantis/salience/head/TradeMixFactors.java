package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.salience.math.NumpySum;

/**
 * TRADE-MIX's causal factor structure ({@code trade_mix.causal_residuals}, spec §5.10 step 3) over the panel's
 * prices: hourly log returns {@code r} ({@code r[0] = 0}); at every refresh row ({@code t ≥ warmup},
 * {@code t % refresh == 0}) inverse-vol weights from the std (ddof 0) of the previous {@code volWindow} returns, a
 * market series over the previous {@code betaWindow} returns, betas {@code cov(r_a, m)/var(m)} (numpy's
 * {@code cov}, ddof 1, over {@code var}, ddof 0) shrunk toward 1; rows before the first refresh use weights 1/A and
 * betas 1. {@code mkt[t] = r[t]·w[t]}, {@code resid[t] = r[t] − b[t]·mkt[t]}; rows {@code t ≥ warmup} are valid.
 *
 * @param w     {@code T × A} factor weights in force at each row
 * @param betas {@code T × A}
 * @param mkt   {@code T}
 * @param resid {@code T × A}
 */
record TradeMixFactors(int rows, int assets, double[] w, double[] betas, double[] mkt, double[] resid, int warmup) {
    private static final double EPS = 1e-12;

    boolean valid(int t) {
        return t >= warmup;
    }

    static TradeMixFactors of(double[] prices, int rows, int assets, TradeMixConfig cfg) {
        int a = assets;
        double[] r = new double[rows * a];
        for (int t = 1; t < rows; t++) {
            for (int j = 0; j < a; j++) {
                r[t * a + j] = Math.log(prices[t * a + j]) - Math.log(prices[(t - 1) * a + j]);
            }
        }
        double[] w = new double[rows * a];
        double[] betas = new double[rows * a];
        double[] mkt = new double[rows];
        double[] resid = new double[rows * a];
        double[] curW = new double[a];
        double[] curB = new double[a];
        java.util.Arrays.fill(curW, 1.0 / a);
        java.util.Arrays.fill(curB, 1.0);
        for (int t = 0; t < rows; t++) {
            if (t >= cfg.warmup() && t % cfg.refresh() == 0) refresh(r, a, t, cfg, curW, curB);
            double mk = 0.0;
            for (int j = 0; j < a; j++) {
                w[t * a + j] = curW[j];
                betas[t * a + j] = curB[j];
                mk += r[t * a + j] * curW[j];
            }
            mkt[t] = mk;
            for (int j = 0; j < a; j++) resid[t * a + j] = r[t * a + j] - curB[j] * mk;
        }
        return new TradeMixFactors(rows, a, w, betas, mkt, resid, cfg.warmup());
    }

    /** Weights and betas from the returns strictly before {@code t}. */
    private static void refresh(double[] r, int a, int t, TradeMixConfig cfg, double[] wOut, double[] bOut) {
        int loV = Math.max(0, t - cfg.volWindow());
        int nv = t - loV;
        double[] wt = new double[a];
        for (int j = 0; j < a; j++) {
            double s = 0.0;
            for (int u = loV; u < t; u++) s += r[u * a + j];
            double mean = s / nv;
            double ss = 0.0;
            for (int u = loV; u < t; u++) {
                double d = r[u * a + j] - mean;
                ss += d * d;
            }
            double vol = Math.sqrt(ss / nv) + EPS;
            wt[j] = 1.0 / vol;
        }
        double sw = 0.0;
        for (int j = 0; j < a; j++) sw += wt[j];
        for (int j = 0; j < a; j++) wt[j] /= sw;
        int loB = Math.max(0, t - cfg.betaWindow());
        int nb = t - loB;
        double[] m = new double[nb];
        for (int u = 0; u < nb; u++) {
            double acc = 0.0;
            for (int j = 0; j < a; j++) acc += r[(loB + u) * a + j] * wt[j];
            m[u] = acc;
        }
        double mMean = NumpySum.sum(m) / nb;
        double[] mc = new double[nb];
        double[] sq = new double[nb];
        for (int u = 0; u < nb; u++) {
            mc[u] = m[u] - mMean;
            sq[u] = mc[u] * mc[u];
        }
        double vm = NumpySum.sum(sq) / nb + EPS;
        double[] col = new double[nb];
        double covScale = 1.0 / (nb - 1);   // np.cov multiplies by 1/(n − 1)
        for (int j = 0; j < a; j++) {
            for (int u = 0; u < nb; u++) col[u] = r[(loB + u) * a + j];
            double cMean = NumpySum.sum(col) / nb;
            double dot = 0.0;
            for (int u = 0; u < nb; u++) dot += (col[u] - cMean) * mc[u];
            double b = dot * covScale / vm;
            bOut[j] = (1 - cfg.betaShrink()) * b + cfg.betaShrink() * 1.0;
        }
        System.arraycopy(wt, 0, wOut, 0, a);
    }
}
