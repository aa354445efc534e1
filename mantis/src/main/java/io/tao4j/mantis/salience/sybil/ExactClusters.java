package io.tao4j.mantis.salience.sybil;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * HEAD's exact-clone detection ({@code cluster.find_clusters}): miners with at least {@code minSubmissions}
 * non-zero rows are linked when their float32 per-dimension means (over their own non-zero rows) differ by at
 * most {@code meanPrefilterEps} everywhere, they share at least {@code minJoint} jointly non-zero rows, and on at
 * least {@code ceil(matchFraction·joint)} of those rows every dimension differs by less than {@code eps} (float32).
 * Single linkage by union-find; components of two or more are returned, ordered by their smallest column, each as
 * a sorted hotkey set.
 */
public final class ExactClusters {
    public static final float MATCH_EPS = 1e-3f;
    public static final double MIN_MATCH_FRACTION = 0.99;
    public static final int MIN_SUBMISSIONS = 200;
    public static final int MIN_JOINT = 200;
    /** Compared in float32 (numpy 2's weak-scalar rule for {@code np.float32 > 0.05}). */
    public static final float MEAN_PREFILTER_EPS = 0.05f;

    private ExactClusters() {}

    public static List<SortedSet<String>> find(History h) {
        return find(h, MATCH_EPS, MIN_MATCH_FRACTION, MIN_SUBMISSIONS, MIN_JOINT, MEAN_PREFILTER_EPS);
    }

    /** {@link #find(History)} with {@code nz = h.nonZero()} already computed. */
    static List<SortedSet<String>> find(History h, boolean[][] nz) {
        return find(h, nz, MATCH_EPS, MIN_MATCH_FRACTION, MIN_SUBMISSIONS, MIN_JOINT, MEAN_PREFILTER_EPS);
    }

    /** @param meanPrefilterEps NaN disables the prefilter (the reference's {@code None}) */
    public static List<SortedSet<String>> find(History h, float eps, double matchFraction, int minSubmissions,
                                               int minJoint, float meanPrefilterEps) {
        if (h.hotkeys() <= 1 || h.rows() < minJoint) return new ArrayList<>();
        return find(h, h.nonZero(), eps, matchFraction, minSubmissions, minJoint, meanPrefilterEps);
    }

    /** As {@link #find(History, float, double, int, int, float)} with {@code nz = h.nonZero()} already computed. */
    static List<SortedSet<String>> find(History h, boolean[][] nz, float eps, double matchFraction, int minSubmissions,
                                        int minJoint, float meanPrefilterEps) {
        List<SortedSet<String>> out = new ArrayList<>();
        int nH = h.hotkeys();
        int t = h.rows();
        int d = h.dim();
        if (nH <= 1 || t < minJoint) return out;
        List<Integer> activeList = new ArrayList<>();
        for (int i = 0; i < nH; i++) if (count(nz[i]) >= minSubmissions) activeList.add(i);
        if (activeList.size() < 2) return out;
        int[] active = activeList.stream().mapToInt(Integer::intValue).toArray();
        int n = active.length;
        // each active miner's rows side by side (one pass over X), so the pair scans below read memory in order
        float[] x = h.x();
        int stride = nH * d;
        float[][] cols = new float[n][t * d];
        for (int r = 0; r < t; r++) {
            for (int kk = 0; kk < n; kk++) System.arraycopy(x, r * stride + active[kk] * d, cols[kk], r * d, d);
        }
        float[][] means = Float.isNaN(meanPrefilterEps) ? null : new float[n][];
        if (means != null) for (int k = 0; k < n; k++) means[k] = ownMeans(cols[k], nz[active[k]], d);
        long[][] bits = new long[n][];
        for (int k = 0; k < n; k++) bits[k] = bitset(nz[active[k]]);
        UnionFind uf = new UnionFind(nH);
        for (int ii = 0; ii < n; ii++) {
            int i = active[ii];
            for (int jj = ii + 1; jj < n; jj++) {
                int j = active[jj];
                if (means != null) {
                    float mx = Float.NEGATIVE_INFINITY;
                    for (int k = 0; k < d; k++) mx = nanMax(mx, Math.abs(means[ii][k] - means[jj][k]));
                    if (mx > meanPrefilterEps) continue;
                }
                long[] bi = bits[ii], bj = bits[jj];
                float[] xi = cols[ii], xj = cols[jj];
                int joint = jointCount(bi, bj);
                if (joint < minJoint) continue;
                // linked iff matches ≥ ceil(f·joint), i.e. mismatches ≤ joint − ceil(f·joint): stop at the first excess
                int allowed = joint - (int) Math.ceil(matchFraction * joint);
                int mismatch = 0;
                scan:
                for (int w = 0; w < bi.length; w++) {
                    long m = bi[w] & bj[w];
                    while (m != 0) {
                        int r = (w << 6) + Long.numberOfTrailingZeros(m);
                        m &= m - 1;
                        int o = r * d;
                        float rowMax = Float.NEGATIVE_INFINITY;
                        for (int k = 0; k < d; k++) rowMax = nanMax(rowMax, Math.abs(xi[o + k] - xj[o + k]));
                        if (!(rowMax < eps) && ++mismatch > allowed) break scan;
                    }
                }
                if (mismatch <= allowed) uf.union(i, j);
            }
        }
        String[] idx2hk = h.idx2hk();
        boolean[] isActive = new boolean[nH];
        for (int i : active) isActive[i] = true;
        for (List<Integer> comp : uf.components()) {
            SortedSet<String> hks = new TreeSet<>();
            for (int i : comp) if (isActive[i] && idx2hk[i] != null) hks.add(idx2hk[i]);
            if (hks.size() >= 2) out.add(hks);
        }
        return out;
    }

    /** numpy's max propagates NaN. */
    static float nanMax(float a, float b) {
        return (Float.isNaN(a) || Float.isNaN(b)) ? Float.NaN : Math.max(a, b);
    }

    /** The rows of {@code b} as a bitset (bit r of word r/64). */
    static long[] bitset(boolean[] b) {
        long[] w = new long[(b.length + 63) >>> 6];
        for (int r = 0; r < b.length; r++) if (b[r]) w[r >>> 6] |= 1L << r;
        return w;
    }

    /** The number of rows set in both bitsets. */
    static int jointCount(long[] a, long[] b) {
        int c = 0;
        for (int w = 0; w < a.length; w++) c += Long.bitCount(a[w] & b[w]);
        return c;
    }

    static int count(boolean[] b) {
        int c = 0;
        for (boolean v : b) if (v) c++;
        return c;
    }

    /**
     * {@code X[nz, i, :].mean(axis=0)} in float32 from miner i's rows {@code col} ({@code d} values per row): numpy
     * reduces the outer axis by sequential accumulation (for {@code dim == 1} the rows form one contiguous run and
     * numpy sums pairwise).
     */
    static float[] ownMeans(float[] col, boolean[] nz, int d) {
        float[] m = new float[d];
        int n = count(nz);
        if (n == 0) return m;
        if (d == 1) {
            float[] v = new float[n];
            int k = 0;
            for (int r = 0; r < nz.length; r++) if (nz[r]) v[k++] = col[r];
            m[0] = io.tao4j.mantis.salience.math.NumpySum.mean(v);
            return m;
        }
        for (int r = 0; r < nz.length; r++) {
            if (!nz[r]) continue;
            for (int k = 0; k < d; k++) m[k] += col[r * d + k];
        }
        for (int k = 0; k < d; k++) m[k] /= (float) n;
        return m;
    }
}
