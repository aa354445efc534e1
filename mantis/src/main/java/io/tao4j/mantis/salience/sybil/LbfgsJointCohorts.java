package io.tao4j.mantis.salience.sybil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * HEAD's LBFGS bucket cohorts ({@code cluster.find_lbfgs_joint_cohorts}) and the hotkey-axis reduction both LBFGS
 * paths score ({@code bucket_forecast._reduce_hist_to_cohort_reps}). For miners with at least
 * {@code minSubmissions} non-zero rows (any of the D dims): float32 means of the bucket dims over their own
 * non-zero rows (float32 sums per 50 000-row chunk, added in float64); {@code c = (x − mean)·nz} in float32;
 * {@code corr = |Σ c_i·c_j| / sqrt(N_ij·N_ji)} with {@code N_ij = Σ_t |c_i(t)|²·nz_j(t)}; pairs link when the
 * means differ by at most {@code meanPrefilter} (float32), they share at least {@code minJoint} rows and
 * {@code corr ≥ tau}. Union-find; components of two or more ordered by smallest column.
 */
public final class LbfgsJointCohorts {
    public static final double TAU = 0.80;
    public static final int MIN_JOINT = 10_080;
    public static final int MIN_SUBMISSIONS = 10_080;
    public static final int BUCKET_DIMS = 5;
    public static final float MEAN_PREFILTER = 0.10f;
    private static final int CHUNK = 50_000;

    private LbfgsJointCohorts() {}

    public static List<SortedSet<String>> find(History h) {
        return find(h, TAU, MIN_JOINT, MIN_SUBMISSIONS, BUCKET_DIMS, MEAN_PREFILTER);
    }

    /** @param meanPrefilter NaN disables the prefilter */
    public static List<SortedSet<String>> find(History h, double tau, int minJoint, int minSubmissions, int bucketDims,
                                               float meanPrefilter) {
        return find(h, tau, minJoint, minSubmissions, bucketDims, meanPrefilter, null);
    }

    /** @param gram the pair sums as one Gram matrix (true), per pair (false), or whichever is cheaper (null) */
    static List<SortedSet<String>> find(History h, double tau, int minJoint, int minSubmissions, int bucketDims,
                                        float meanPrefilter, Boolean gram) {
        List<SortedSet<String>> out = new ArrayList<>();
        int nH = h.hotkeys();
        int d = h.dim();
        int t = h.rows();
        if (nH < 2 || bucketDims <= 0 || bucketDims > d || t < minJoint) return out;
        boolean[][] nzAll = h.nonZero();
        List<Integer> act = new ArrayList<>();
        for (int i = 0; i < nH; i++) if (ExactClusters.count(nzAll[i]) >= minSubmissions) act.add(i);
        if (act.size() < 2) return out;
        int n = act.size();
        int bd = bucketDims;
        boolean[][] nz = new boolean[n][];
        float[] nzCount = new float[n];
        for (int a = 0; a < n; a++) {
            nz[a] = nzAll[act.get(a)];
            nzCount[a] = ExactClusters.count(nz[a]);
        }
        int[] cols = new int[n];
        for (int a = 0; a < n; a++) cols[a] = act.get(a);
        double[][] sums = new double[n][bd];
        for (int t0 = 0; t0 < t; t0 += CHUNK) {
            int t1 = Math.min(t0 + CHUNK, t);
            // rows outermost (the history is row-major); each (a, k) float sum still adds its rows in order
            float[][] s = new float[n][bd];
            for (int r = t0; r < t1; r++) {
                for (int a = 0; a < n; a++) {
                    int col = cols[a];
                    float m = nz[a][r] ? 1.0f : 0.0f;
                    float[] sa = s[a];
                    for (int k = 0; k < bd; k++) sa[k] += h.at(r, col, k) * m;
                }
            }
            for (int a = 0; a < n; a++) for (int k = 0; k < bd; k++) sums[a][k] += s[a][k];
        }
        float[][] means = new float[n][bd];
        for (int a = 0; a < n; a++) {
            for (int k = 0; k < bd; k++) means[a][k] = (float) (sums[a][k] / Math.max((double) nzCount[a], 1.0));
        }
        // the pairs that can link: the mean prefilter and the joint count need no correlation, so the correlation
        // sums (each pair's own sums, in the same order) are only accumulated for these
        long[][] bits = new long[n][];
        for (int a = 0; a < n; a++) bits[a] = ExactClusters.bitset(nz[a]);
        int[][] cand = new int[n][];
        boolean[] used = new boolean[n];
        int[] buf = new int[n];
        for (int a = 0; a < n; a++) {
            int m = 0;
            for (int b = a + 1; b < n; b++) {
                if (!Float.isNaN(meanPrefilter)) {
                    float mx = Float.NEGATIVE_INFINITY;
                    for (int k = 0; k < bd; k++) mx = ExactClusters.nanMax(mx, Math.abs(means[a][k] - means[b][k]));
                    if (!(mx <= meanPrefilter)) continue;
                }
                if (ExactClusters.jointCount(bits[a], bits[b]) < minJoint) continue;
                buf[m++] = b;
                used[a] = used[b] = true;
            }
            cand[a] = java.util.Arrays.copyOf(buf, m);
        }
        // the chunk sums of the candidate pairs: per pair (dotRow) or, when the candidates are at least half of all
        // pairs of the vectors involved, as one blocked Gram matrix of those vectors — the same value for each pair
        int nUsed = 0;
        int[] usedAt = new int[n];
        long nCand = 0;
        for (int a = 0; a < n; a++) {
            if (used[a]) usedAt[a] = nUsed++;
            nCand += cand[a].length;
        }
        boolean dense = gram != null ? gram : 2 * nCand >= (long) nUsed * (nUsed - 1) / 2;
        double[][] dot = new double[n][];
        for (int a = 0; a < n; a++) dot[a] = new double[cand[a].length];
        double[][] normSq = new double[n][n]; // [x][y] = Σ_t sq_x(t)·nz_y(t), for candidate pairs
        int[] nPartners = new int[n];
        for (int a = 0; a < n; a++) {
            nPartners[a] += cand[a].length;
            for (int b : cand[a]) nPartners[b]++;
        }
        int[][] partners = new int[n][];
        for (int x = 0; x < n; x++) partners[x] = new int[nPartners[x]];
        int[] fill = new int[n];
        for (int a = 0; a < n; a++) {
            for (int b : cand[a]) {
                partners[a][fill[a]++] = b;
                partners[b][fill[b]++] = a;
            }
        }
        float[][] centred = new float[n][];
        float[][] sqs = new float[n][];
        for (int t0 = 0; t0 < t; t0 += CHUNK) {
            int t1 = Math.min(t0 + CHUNK, t);
            int len = t1 - t0;
            for (int a = 0; a < n; a++) if (used[a]) centred[a] = new float[len * bd];
            for (int r = t0; r < t1; r++) {
                for (int a = 0; a < n; a++) {
                    if (!used[a]) continue;
                    int col = cols[a];
                    float m = nz[a][r] ? 1.0f : 0.0f;
                    float[] c = centred[a];
                    for (int k = 0; k < bd; k++) c[(r - t0) * bd + k] = (h.at(r, col, k) - means[a][k]) * m;
                }
            }
            for (int a = 0; a < n; a++) {
                if (!used[a]) continue;
                float[] c = centred[a];
                float[] sq = new float[len];
                for (int r = 0; r < len; r++) {
                    float s = 0.0f;
                    for (int k = 0; k < bd; k++) {
                        float v = c[r * bd + k];
                        s += v * v;
                    }
                    sq[r] = s;
                }
                sqs[a] = sq;
            }
            if (dense) {
                // most pairs are candidates (random miners share means): all pairs of the used vectors, blocked
                float[][] uv = new float[nUsed][];
                for (int a = 0; a < n; a++) if (used[a]) uv[usedAt[a]] = centred[a];
                double[] g = Dots.gram(uv, true); // a serial step of a heavy challenge: use the idle core
                for (int a = 0; a < n; a++) {
                    int ra = usedAt[a] * nUsed;
                    for (int j = 0; j < cand[a].length; j++) dot[a][j] += g[ra + usedAt[cand[a][j]]];
                }
            } else {
                for (int a = 0; a < n; a++) {
                    int m = cand[a].length;
                    if (m == 0) continue;
                    float[][] cb = new float[m][];
                    for (int j = 0; j < m; j++) cb[j] = centred[cand[a][j]];
                    double[] row = new double[m];
                    Dots.dotRow(centred[a], cb, 0, m, row);
                    for (int j = 0; j < m; j++) dot[a][j] += row[j];
                }
            }
            // Σ_t sq_x·nz_y for every candidate pair both ways, grouped by x (four y per pass)
            for (int x = 0; x < n; x++) {
                int m = partners[x].length;
                if (m == 0) continue;
                boolean[][] nzy = new boolean[m][];
                for (int j = 0; j < m; j++) nzy[j] = nz[partners[x][j]];
                double[] row = new double[m];
                maskedSums(sqs[x], nzy, t0, row);
                for (int j = 0; j < m; j++) normSq[x][partners[x][j]] += row[j];
            }
        }
        UnionFind uf = new UnionFind(n);
        for (int a = 0; a < n; a++) {
            for (int j = 0; j < cand[a].length; j++) {
                int b = cand[a][j];
                double denom = Math.max(Math.sqrt(normSq[a][b] * normSq[b][a]), 1e-18);
                double corr = Math.abs(dot[a][j]) / denom;
                if (corr >= tau) uf.union(a, cand[a][j]);
            }
        }
        String[] idx2hk = h.idx2hk();
        for (List<Integer> comp : uf.components()) {
            SortedSet<String> hks = new TreeSet<>();
            for (int a : comp) if (idx2hk[act.get(a)] != null) hks.add(idx2hk[act.get(a)]);
            if (comp.size() >= 2 && hks.size() >= 2) out.add(hks);
        }
        return out;
    }

    /**
     * {@code out[b] = Σ_r sq[r]·nz[b][t0 + r]} in float64, r ascending (skipped rows add +0.0 to a sum that is +0.0,
     * positive or NaN, which leaves it unchanged), four b per pass.
     */
    private static void maskedSums(float[] sq, boolean[][] nz, int t0, double[] out) {
        int n = nz.length, len = sq.length;
        int b = 0;
        for (; b + 4 <= n; b += 4) {
            boolean[] m0 = nz[b], m1 = nz[b + 1], m2 = nz[b + 2], m3 = nz[b + 3];
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
            for (int r = 0; r < len; r++) {
                double v = sq[r];
                int tr = t0 + r;
                s0 += m0[tr] ? v : 0.0;
                s1 += m1[tr] ? v : 0.0;
                s2 += m2[tr] ? v : 0.0;
                s3 += m3[tr] ? v : 0.0;
            }
            out[b] = s0;
            out[b + 1] = s1;
            out[b + 2] = s2;
            out[b + 3] = s3;
        }
        for (; b < n; b++) {
            double acc = 0.0;
            for (int r = 0; r < len; r++) if (nz[b][t0 + r]) acc += sq[r];
            out[b] = acc;
        }
    }

    /**
     * The reduced history (only the columns of {@code sorted(set(rep(hk)))}, renumbered in that order) and
     * {@code fullToRep}, mapping every hotkey to its representative (singletons to themselves). With no cohorts
     * the history is returned unchanged with an empty map. Score the reduced history, then pass the result through
     * {@code Representatives.equalize(s, fullToRep)}.
     */
    public record Reduction(ColumnView view, Map<String, String> fullToRep) {
        /** The reduced history as its own array (a copy of the view's columns; the full history when unreduced). */
        public History history() {
            if (fullToRep.isEmpty()) return view.full();
            return view.full().selectColumns(java.util.Arrays.asList(view.idx2hk()));
        }
    }

    public static Reduction reduce(History h) {
        return reduce(h, find(h));
    }

    /** {@link #reduce(History)} with cohorts found elsewhere (for example with non-default thresholds). */
    public static Reduction reduce(History h, List<SortedSet<String>> cohorts) {
        if (h.hotkeys() < 2 || cohorts.isEmpty()) return new Reduction(ColumnView.of(h), Map.of());
        Map<String, String> repMap = Representatives.select(cohorts);
        if (repMap.isEmpty()) return new Reduction(ColumnView.of(h), Map.of());
        LinkedHashMap<String, String> fullToRep = new LinkedHashMap<>();
        for (String hk : h.hk2idx().keySet()) fullToRep.put(hk, repMap.getOrDefault(hk, hk));
        List<String> repHks = new ArrayList<>(new TreeSet<>(fullToRep.values()));
        int[] cols = new int[repHks.size()];
        for (int j = 0; j < cols.length; j++) {
            int c = h.hk2idx().get(repHks.get(j));
            if (c < 0 || c >= h.hotkeys()) throw new IllegalArgumentException("hotkey column " + c + " outside X");
            cols[j] = c;
        }
        return new Reduction(new ColumnView(h, cols, repHks.toArray(new String[0])), fullToRep);
    }
}
