package io.tao4j.mantis.salience.sybil;

import io.tao4j.mantis.salience.math.NumpySum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * HEAD's soft cohorts ({@code cluster.find_correlated_cohorts}): for hotkeys in sorted order with at least
 * {@code minNonzeroRows} non-zero rows, the whole history {@code X[:, i, :]} flattened time-major (zero rows
 * included) in float32, centred by its float32 mean, divided by its norm (skipped below 1e-9);
 * {@code corr = |F·Fᵀ|} (float32 products widened to float64), diagonal 1, clipped to [0, 1];
 * {@code dist = 1 − corr}; complete linkage cut at {@code 1 − tau}. Cohorts of two or more, ordered by their
 * smallest hotkey.
 *
 * <p>Deliberate difference: numpy computes the norm and the Gram matrix with float32 BLAS kernels whose
 * accumulation order depends on the machine; here each dot product is accumulated in double and rounded once to
 * float32 (the correctly rounded value, which the BLAS result approximates to a few float32 ulps).
 */
public final class CorrelatedCohorts {
    public static final double TAU = 0.92;
    public static final int MIN_SUBMISSIONS = 200;

    private CorrelatedCohorts() {}

    public static List<SortedSet<String>> find(History h) {
        return find(h, TAU, MIN_SUBMISSIONS);
    }

    public static List<SortedSet<String>> find(History h, double tau, int minNonzeroRows) {
        if (h.hotkeys() < 2 || h.rows() < minNonzeroRows) return new ArrayList<>();
        return find(h, h.nonZero(), tau, minNonzeroRows);
    }

    /** As {@link #find(History, double, int)} with {@code nz = h.nonZero()} already computed. */
    static List<SortedSet<String>> find(History h, boolean[][] nz, double tau, int minNonzeroRows) {
        List<SortedSet<String>> out = new ArrayList<>();
        int nH = h.hotkeys();
        int t = h.rows();
        int d = h.dim();
        if (nH < 2 || t < minNonzeroRows) return out;
        float[] x = h.x();
        int stride = nH * d;
        List<String> valid = new ArrayList<>();
        List<float[]> feats = new ArrayList<>();
        for (String hk : new TreeSet<>(h.hk2idx().keySet())) {
            int i = h.hk2idx().get(hk);
            if (i < 0 || i >= nH) continue;
            if (ExactClusters.count(nz[i]) < minNonzeroRows) continue;
            float[] col = new float[t * d];
            for (int r = 0, o = i * d; r < t; r++, o += stride) for (int k = 0; k < d; k++) col[r * d + k] = x[o + k];
            float mean = NumpySum.mean(col);
            for (int k = 0; k < col.length; k++) col[k] -= mean;
            float norm = (float) Math.sqrt(dot(col, col));
            if (!Float.isFinite(norm) || norm < 1e-9) continue;
            for (int k = 0; k < col.length; k++) col[k] /= norm;
            feats.add(col);
            valid.add(hk);
        }
        int n = valid.size();
        if (n < 2) return out;
        double[] dist = new double[n * n];
        double[] gram = Dots.gram(feats.toArray(new float[0][]));
        feats.clear();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double c = Math.abs((float) gram[a * n + b]);
                c = Math.min(Math.max(c, 0.0), 1.0);
                double v = 1.0 - c; // (dist + distᵀ)/2 of a symmetric matrix is the same value
                dist[a * n + b] = v;
                dist[b * n + a] = v;
            }
        }
        int[] label = CompleteLinkage.flatClusters(dist, n, Math.max(0.0, 1.0 - tau));
        Map<Integer, SortedSet<String>> byLabel = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) byLabel.computeIfAbsent(label[k], key -> new TreeSet<>()).add(valid.get(k));
        for (SortedSet<String> c : byLabel.values()) if (c.size() >= 2) out.add(c);
        return out;
    }

    /** float32 dot product: exact products summed in double, rounded once to float32. */
    static float dot(float[] a, float[] b) {
        double s = 0.0;
        for (int k = 0; k < a.length; k++) s += (double) a[k] * (double) b[k];
        return (float) s;
    }
}
