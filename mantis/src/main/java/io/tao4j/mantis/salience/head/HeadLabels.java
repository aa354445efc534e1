package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.math.SampleWeights;
import io.tao4j.mantis.salience.sybil.History;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Label construction of MANTIS HEAD ({@code utils.make_bins_from_price} / {@code sigma_from_price} with HEAD's
 * centred {@code rolling_std_fast}, the HITFIRST first-touch labels) and the conversion of a
 * {@link ChallengeSeries} (hotkey-major) into the row-major {@link History} the HEAD scorers work on.
 */
public final class HeadLabels {
    /** {@code utils.EPS}. */
    public static final double EPS = 1e-12;
    /** {@code utils.MIN_REQUIRED_SAMPLES}. */
    public static final int MIN_REQUIRED_SAMPLES = 7200;

    private HeadLabels() {}

    /** {@code max(1, round(blocksAhead / max(1, sampleEvery)))} (Python's round: half to even). */
    public static int horizonSteps(int blocksAhead, int sampleEvery) {
        return Math.max(1, (int) Math.rint(blocksAhead / (double) Math.max(1, sampleEvery)));
    }

    /** {@code log(p + EPS)} per element. */
    public static double[] logPrice(double[] price) {
        double[] lp = new double[price.length];
        for (int i = 0; i < price.length; i++) lp[i] = Math.log(price[i] + EPS);
        return lp;
    }

    /** {@code log(p[h:] + EPS) − log(p[:-h] + EPS)}. */
    public static double[] horizonReturns(double[] price, int h) {
        int n = Math.max(0, price.length - h);
        double[] r = new double[n];
        for (int t = 0; t < n; t++) r[t] = Math.log(price[t + h] + EPS) - Math.log(price[t] + EPS);
        return r;
    }

    /** {@code rolling_std_fast(x, w)} placed at indices {@code w−1 ..} of a NaN array of length {@code len}. */
    public static double[] placedRollingStd(double[] x, int window, int len) {
        double[] out = new double[len];
        Arrays.fill(out, Double.NaN);
        if (x.length < window) return out;
        double[] raw = SampleWeights.rollingStdFast(x, window);
        System.arraycopy(raw, 0, out, window - 1, Math.min(raw.length, Math.max(0, len - (window - 1))));
        return out;
    }

    /** Bucket labels (0..4) and the start indices they belong to. */
    public record Bins(int[] labels, int[] validIdx) {}

    /**
     * {@code make_bins_from_price(price, horizon_steps=h, vol_window=w)} at HEAD: z = r_t / (σ_t + EPS) with
     * σ_t the centred rolling std of the h-step returns ending h rows before t; buckets z ≤ −2, (−2, −1),
     * [−1, 1], (1, 2), ≥ 2.
     */
    public static Bins makeBins(double[] price, int h, int volWindow) {
        int t = price.length;
        if (h <= 0) throw new IllegalArgumentException("horizon_steps must be positive");
        if (t <= h) return new Bins(new int[0], new int[0]);
        double[] r = horizonReturns(price, h);
        int n = r.length;
        double[] sigFwd = placedRollingStd(r, volWindow, n);
        int[] lab = new int[n];
        int[] idx = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double s = i >= h ? sigFwd[i - h] : Double.NaN;
            if (!(Double.isFinite(s) && s > 0.0)) continue;
            double z = r[i] / (s + EPS);
            int y = 0;
            if (z <= -2.0) y = 0;
            else if (z > -2.0 && z < -1.0) y = 1;
            else if (z >= -1.0 && z <= 1.0) y = 2;
            else if (z > 1.0 && z < 2.0) y = 3;
            else if (z >= 2.0) y = 4;
            lab[k] = y;
            idx[k] = i;
            k++;
        }
        return new Bins(Arrays.copyOf(lab, k), Arrays.copyOf(idx, k));
    }

    /** {@code utils.logit}: clip to [EPS, 1−EPS], {@code log p − log(1 − p)}. */
    public static double logit(double p) {
        double q = Math.min(Math.max(p, EPS), 1.0 - EPS);
        return Math.log(q) - Math.log(1.0 - q);
    }

    /** Hotkeys whose embeddings {@link #history} widens and interleaves together. */
    private static final int HISTORY_GROUP = 8;

    /** The series as a row-major float32 history (hk2idx = the series' hotkey order). */
    public static History history(ChallengeSeries s) {
        int h = s.hotkeyCount(), d = s.dim(), rows = s.rows();
        float[] x = new float[Math.multiplyExact(Math.multiplyExact(rows, h), d)];
        // a few hotkeys at a time, rows in order: each row's slice of x is written in one go (a hotkey at a time
        // would revisit every row's cache lines h times); NaN -> 0 on the way
        for (int i0 = 0; i0 < h; i0 += HISTORY_GROUP) {
            int g = Math.min(HISTORY_GROUP, h - i0);
            float[][] e = new float[g][];
            for (int j = 0; j < g; j++) e[j] = s.embedding(i0 + j);
            for (int t = 0; t < rows; t++) {
                int so = t * d, base = (t * h + i0) * d;
                for (int j = 0; j < g; j++) {
                    float[] src = e[j];
                    int o = base + j * d;
                    for (int k = 0; k < d; k++) {
                        float v = src[so + k];
                        x[o + k] = Float.isNaN(v) ? 0.0f : v;
                    }
                }
            }
        }
        LinkedHashMap<String, Integer> m = new LinkedHashMap<>();
        List<String> hks = s.hotkeys();
        for (int i = 0; i < h; i++) m.put(hks.get(i), i);
        return new History(x, rows, m, d);
    }
}
