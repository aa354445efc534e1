package io.tao4j.mantis.salience;

/**
 * Label and weight construction shared by the LBFGS and HITFIRST scorers (MANTIS utils.py at 2e9bc5b):
 * rolling standard deviation by cumulative sums, sigma-scaled 5-bucket labels, recency mass weights,
 * and the clipped logit.
 */
public final class PriceMath {
    private PriceMath() {}

    /** utils.EPS */
    public static final double EPS = 1e-12;
    /** utils.MIN_REQUIRED_SAMPLES */
    public static final int MIN_REQUIRED_SAMPLES = 7200;

    /**
     * Rolling sample standard deviation (ddof=1) over every full window, computed from running sums of
     * x and x^2 exactly as {@code rolling_std_fast} does (sequential cumulative sums, variance clipped at 0).
     * Returns an array of length {@code n - window + 1}, or empty when n < window.
     */
    public static double[] rollingStd(double[] x, int window) {
        int n = x.length;
        if (n < window) return new double[0];
        double[] c1 = new double[n + 1];
        double[] c2 = new double[n + 1];
        for (int i = 0; i < n; i++) {
            c1[i + 1] = c1[i] + x[i];
            c2[i + 1] = c2[i] + x[i] * x[i];
        }
        double[] out = new double[n - window + 1];
        double denom = Math.max(window - 1, 1);
        for (int i = 0; i < out.length; i++) {
            double s1 = c1[i + window] - c1[i];
            double s2 = c2[i + window] - c2[i];
            double var = (s2 - (s1 * s1) / window) / denom;
            out[i] = Math.sqrt(Math.max(var, 0.0));
        }
        return out;
    }

    /** log(price + EPS) per element. */
    public static double[] logPrice(double[] price) {
        double[] lp = new double[price.length];
        for (int i = 0; i < price.length; i++) lp[i] = Math.log(price[i] + EPS);
        return lp;
    }

    /** Horizon log returns {@code log(p[t+h]+eps) - log(p[t]+eps)}, length T-h (empty if T <= h). */
    public static double[] horizonReturns(double[] logPrice, int h) {
        int n = Math.max(0, logPrice.length - h);
        double[] r = new double[n];
        for (int t = 0; t < n; t++) r[t] = logPrice[t + h] - logPrice[t];
        return r;
    }

    /** Bucket labels and the start indices they belong to ({@code make_bins_from_price}). */
    public record Bins(int[] labels, int[] validIdx) {}

    /**
     * {@code make_bins_from_price(price, horizon_steps=h, vol_window=w)}: for each start t with a
     * defined positive sigma(t) (rolling std of the h-step returns ending at t), the bucket of
     * z = r_t / (sigma_t + eps): 0 if z <= -2, 1 if -2 < z < -1, 2 if |z| <= 1, 3 if 1 < z < 2, 4 if z >= 2.
     */
    public static Bins makeBins(double[] price, int h, int volWindow) {
        int T = price.length;
        if (h <= 0) throw new IllegalArgumentException("horizon_steps must be positive");
        if (T <= h) return new Bins(new int[0], new int[0]);
        double[] r = horizonReturns(logPrice(price), h);
        int n = r.length;
        double[] sigFwd = new double[n];
        java.util.Arrays.fill(sigFwd, Double.NaN);
        double[] raw = rollingStd(r, volWindow);
        System.arraycopy(raw, 0, sigFwd, volWindow - 1, raw.length);
        // sigma_t[t] = sig_fwd[t - h] for t >= h; sigma_start = sigma_t[:n]
        int[] tmpLabels = new int[n];
        int[] tmpIdx = new int[n];
        int count = 0;
        for (int t = 0; t < n; t++) {
            double s = t >= h ? sigFwd[t - h] : Double.NaN;
            if (!(Double.isFinite(s) && s > 0.0)) continue;
            double z = r[t] / (s + EPS);
            int y;
            if (z <= -2.0) y = 0;
            else if (z < -1.0) y = 1;
            else if (z <= 1.0) y = 2;
            else if (z < 2.0) y = 3;
            else y = 4;
            if (Double.isNaN(z)) y = 0; // numpy: every comparison with NaN is false, y stays 0
            tmpLabels[count] = y;
            tmpIdx[count] = t;
            count++;
        }
        return new Bins(java.util.Arrays.copyOf(tmpLabels, count), java.util.Arrays.copyOf(tmpIdx, count));
    }

    /**
     * {@code recent_mass_weights}: piecewise-constant weights such that the samples with
     * {@code t >= max(t) - (recentSamples - 1)} carry {@code recentMass} of the total, normalised to mean 1,
     * computed in float32 like the reference.
     */
    public static float[] recentMassWeights(int[] t, int recentSamples, double recentMass) {
        int n = t.length;
        float[] w = new float[n];
        if (n == 0) return w;
        if (recentSamples <= 0) throw new IllegalArgumentException("recent_samples must be positive");
        if (!(recentMass > 0.0 && recentMass < 1.0)) throw new IllegalArgumentException("recent_mass must be in (0,1)");
        double tMax = Double.NEGATIVE_INFINITY;
        for (int v : t) tMax = Math.max(tMax, v);
        double cutoff = tMax - (recentSamples - 1);
        int nR = 0;
        for (int v : t) if (v >= cutoff) nR++;
        int nO = n - nR;
        if (nR == 0 || nO == 0) {
            java.util.Arrays.fill(w, 1.0f);
            return w;
        }
        float wRecent = (float) (recentMass * nO / ((1.0 - recentMass) * nR));
        double sum = 0.0;
        // numpy sums float32 arrays pairwise in float32; the exact sum here is nO*1 + nR*wRecent
        for (int i = 0; i < n; i++) {
            w[i] = t[i] >= cutoff ? wRecent : 1.0f;
        }
        sum = (double) nO + (double) nR * (double) wRecent;
        double scale = n / sum;
        for (int i = 0; i < n; i++) w[i] = (float) (w[i] * scale);
        return w;
    }

    /** {@code logit(p) = log(p) - log(1-p)} after clipping p to [EPS, 1-EPS]. */
    public static double logit(double p) {
        double c = Math.min(Math.max(p, EPS), 1.0 - EPS);
        return Math.log(c) - Math.log(1.0 - c);
    }

    /** Sliding maximum over windows {@code [t, t+len)} for t = 0..n-len (monotonic deque). */
    public static double[] slidingMax(double[] x, int len) {
        return sliding(x, len, true);
    }

    /** Sliding minimum over windows {@code [t, t+len)} for t = 0..n-len. */
    public static double[] slidingMin(double[] x, int len) {
        return sliding(x, len, false);
    }

    private static double[] sliding(double[] x, int len, boolean max) {
        int n = x.length;
        if (n < len) return new double[0];
        double[] out = new double[n - len + 1];
        int[] dq = new int[n];
        int head = 0, tail = 0;
        for (int i = 0; i < n; i++) {
            while (tail > head && (max ? x[dq[tail - 1]] <= x[i] : x[dq[tail - 1]] >= x[i])) tail--;
            dq[tail++] = i;
            if (dq[head] <= i - len) head++;
            if (i >= len - 1) out[i - len + 1] = x[dq[head]];
        }
        return out;
    }
}
