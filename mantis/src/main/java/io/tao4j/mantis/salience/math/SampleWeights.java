package io.tao4j.mantis.salience.math;

/**
 * Sample-weight and volatility helpers of MANTIS HEAD: {@code model._time_weights},
 * {@code utils.recent_mass_weights} (float32 arithmetic as the reference) and the centred
 * {@code utils.rolling_std_fast}.
 */
public final class SampleWeights {
    /** HEAD's {@code HALFLIFE_DAYS} default. */
    public static final double HALFLIFE_DAYS = 15.0;
    /** HEAD's {@code INDICES_PER_DAY}. */
    public static final int INDICES_PER_DAY = 1440;

    private SampleWeights() {}

    /** {@code _time_weights(T)} with the defaults (15-day half-life, 1440 rows a day). */
    public static double[] timeWeights(int t) {
        return timeWeights(t, INDICES_PER_DAY, HALFLIFE_DAYS);
    }

    /**
     * {@code w_t = exp(-λ·age_t)}, {@code λ = ln 2 / (halflife·perDay)}, {@code age = T, T-1, …, 1}, then divided by
     * its (pairwise) mean.
     */
    public static double[] timeWeights(int t, int indicesPerDay, double halflifeDays) {
        if (t < 0) throw new IllegalArgumentException("negative length " + t);
        double lam = Math.log(2.0) / (halflifeDays * indicesPerDay);
        double[] w = new double[t];
        for (int i = 0; i < t; i++) w[i] = Math.exp(-lam * (double) (t - i));
        double mean = NumpySum.mean(w);
        for (int i = 0; i < t; i++) w[i] /= mean;
        return w;
    }

    /**
     * {@code recent_mass_weights(t, recent_samples, recent_mass)}: rows with {@code t ≥ max(t) − (recent − 1)} are
     * "recent" and get {@code float32(mass·n_old / ((1 − mass)·n_recent))}, the others 1; then every weight is
     * multiplied in float32 by {@code len / Σw} (Σ a float32 pairwise sum). All ones if either part is empty.
     *
     * @throws IllegalArgumentException recentSamples ≤ 0 or mass outside (0, 1), as the reference
     */
    public static float[] recentMassWeights(double[] t, int recentSamples, double recentMass) {
        if (t.length == 0) return new float[0];
        if (recentSamples <= 0) throw new IllegalArgumentException("recent_samples must be positive");
        if (!(recentMass > 0.0 && recentMass < 1.0)) throw new IllegalArgumentException("recent_mass must be in (0,1)");
        double tMax = Double.NEGATIVE_INFINITY;
        for (double v : t) tMax = Math.max(tMax, v); // NaN-free inputs; row indices in practice
        double cutoff = tMax - (double) (recentSamples - 1);
        int nR = 0;
        for (double v : t) if (v >= cutoff) nR++;
        int nO = t.length - nR;
        float[] w = new float[t.length];
        java.util.Arrays.fill(w, 1.0f);
        if (nR == 0 || nO == 0) return w;
        float wRecent = (float) (recentMass * (double) nO / ((1.0 - recentMass) * (double) nR));
        for (int i = 0; i < t.length; i++) if (t[i] >= cutoff) w[i] = wRecent;
        float scale = (float) (t.length / (double) NumpySum.sum(w));
        for (int i = 0; i < w.length; i++) w[i] *= scale;
        return w;
    }

    /** {@code recent_mass_weights(arange(n), 14000, 0.5)}, the LBFGS paths' call. */
    public static float[] recentMassWeights(int n, int recentSamples, double recentMass) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = i;
        return recentMassWeights(t, recentSamples, recentMass);
    }

    /**
     * HEAD's {@code rolling_std_fast(x, w)}: centre by the pairwise mean, cumulative sums of {@code xc} and
     * {@code xc²} (sequential), {@code var = (S2 − S1²/w) / max(w − 1, 1)} clipped at 0, square root. Output length
     * {@code n − w + 1}; empty when {@code n < w}.
     */
    public static double[] rollingStdFast(double[] x, int window) {
        int n = x.length;
        int w = window;
        if (w <= 0) throw new IllegalArgumentException("window must be positive, got " + window);
        if (n < w) return new double[0];
        double mu = NumpySum.mean(x);
        double[] c1 = new double[n + 1];
        double[] c2 = new double[n + 1];
        double a1 = 0.0, a2 = 0.0;
        for (int i = 0; i < n; i++) {
            double xc = x[i] - mu;
            a1 += xc;
            a2 += xc * xc;
            c1[i + 1] = a1;
            c2[i + 1] = a2;
        }
        int m = n - w + 1;
        double[] out = new double[m];
        double denom = Math.max(w - 1, 1);
        for (int i = 0; i < m; i++) {
            double s1 = c1[i + w] - c1[i];
            double s2 = c2[i + w] - c2[i];
            double var = (s2 - (s1 * s1) / w) / denom;
            out[i] = Math.sqrt(Math.max(var, 0.0));
        }
        return out;
    }
}
