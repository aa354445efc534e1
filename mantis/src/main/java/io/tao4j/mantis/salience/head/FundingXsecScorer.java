package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.salience.math.NumpySum;
import io.tao4j.mantis.salience.math.SklearnLogistic.LbfgsRules;

import java.util.Arrays;
import java.util.Map;

/**
 * FUNDING-XSEC at bcff57b ({@code funding_xsec.compute_funding_xsec_salience}, spec §5.9): each row is paired by
 * sample index with the row closest to {@code sidx + blocks_ahead/5} (±15 %, {@code _build_forward_pairs}); label
 * {@code y[t, a] = 1} when the asset's funding-rate change beats the cross-sectional NaN-median change; (miner, asset)
 * columns whose float32 std over the matched rows is below 1e-4 are zeroed (stale submitters); then
 * {@link CrossSectionWalkForward} with embargo {@code max(LAG, ahead)} and its other FUNDING rules.
 *
 * <p>Deliberate difference: the reference orders the selection AUCs with numpy's default (non-stable) argsort, whose
 * order among equal AUCs (typically the 0.5 defaults) depends on the sort kernel and the CPU; here ties keep index
 * (hotkey) order, which is what a stable sort gives (spec §8.4). The std threshold is compared in float32, as
 * numpy 2 (pinned at HEAD) compares a float32 scalar with a Python float.
 */
public final class FundingXsecScorer {
    static final double MATCH_TOLERANCE = 0.15;
    static final float MIN_TEMPORAL_STD = 1e-4f;

    private FundingXsecScorer() {}

    /** The reference's return value (positive importances normalised; empty = {}). */
    public static Map<String, Double> score(MultiAssetSeries s) {
        return score(s, LbfgsRules.SKLEARN_1_7);
    }

    /** With scikit-learn 1.2's lbfgs rules instead of 1.7's (the parity fixtures ran 1.2). */
    public static Map<String, Double> score(MultiAssetSeries s, LbfgsRules lbfgs) {
        int t = s.rows(), a = s.assets(), h = s.hotkeys().size();
        int ahead = s.blocksAhead() / XsecRankScorer.SAMPLE_EVERY;
        if (h <= 0 || a <= 0 || ahead <= 0 || t <= ahead) return Map.of();
        int[] fwd = forwardPairs(s.sidx(), ahead);
        int nValid = 0;
        for (int f : fwd) if (f >= 0) nValid++;
        if (nValid < XsecRankScorer.MIN_ROWS) return Map.of();
        int[] valid = new int[nValid];
        nValid = 0;
        for (int r = 0; r < t; r++) if (fwd[r] >= 0) valid[nValid++] = r;
        double[] f = s.values();
        double[] delta = new double[a];
        int[] rt = new int[nValid * a];
        byte[] ra = new byte[nValid * a];
        byte[] ry = new byte[nValid * a];
        int n = 0, pos = 0;
        for (int r : valid) {
            for (int k = 0; k < a; k++) delta[k] = f[fwd[r] * a + k] - f[r * a + k];
            double med = XsecRankScorer.nanMedian(delta);
            for (int k = 0; k < a; k++) {
                if (Double.isNaN(delta[k]) || Double.isNaN(med)) continue;
                rt[n] = r;
                ra[n] = (byte) k;
                ry[n] = (byte) (delta[k] > med ? 1 : 0);
                if (ry[n] != 0) pos++;
                n++;
            }
        }
        if (n < CrossSectionWalkForward.MIN_TRAIN_ROWS || pos == 0 || pos == n) return Map.of();
        CrossSectionWalkForward.Pool pool = new CrossSectionWalkForward.Pool(Arrays.copyOf(rt, n), Arrays.copyOf(ra, n),
                Arrays.copyOf(ry, n), valid[nValid - 1] + 1);
        boolean[] zeroed = staleColumns(s, valid);
        return new CrossSectionWalkForward(s, pool, zeroed, CrossSectionWalkForward.Rules.funding(s.ticker(), ahead), lbfgs).run();
    }

    /**
     * {@code _build_forward_pairs}: for each row the later row whose sidx is closest to {@code sidx + ahead} among the
     * two around its insertion point, within {@code max(1, int(0.15·ahead))}; ties go to the earlier; −1 if none.
     */
    static int[] forwardPairs(long[] sidx, int ahead) {
        int t = sidx.length;
        int tol = Math.max(1, (int) (ahead * MATCH_TOLERANCE));
        int[] fwd = new int[t];
        for (int r = 0; r < t; r++) {
            long target = sidx[r] + ahead;
            int ins = lowerBound(sidx, target);
            int best = -1;
            long bestDist = tol + 1L;
            for (int cand = ins - 1; cand <= ins; cand++) {
                if (cand >= 0 && cand < t && cand > r) {
                    long dist = Math.abs(sidx[cand] - target);
                    if (dist <= tol && dist < bestDist) {
                        bestDist = dist;
                        best = cand;
                    }
                }
            }
            fwd[r] = best;
        }
        return fwd;
    }

    private static int lowerBound(long[] v, long x) {
        int lo = 0, hi = v.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** Miners whose columns the stale filter reads in one pass over the rows. */
    static final int STALE_GROUP = 8;

    /**
     * The stale filter: {@code np.std(X[valid, j, a]) < 1e-4} in float32 (numpy's float32 mean, deviations, squares
     * and pairwise sums), zeros included; true = zeroed.
     */
    static boolean[] staleColumns(MultiAssetSeries s, int[] valid) {
        int a = s.assets(), h = s.hotkeys().size();
        boolean[] zeroed = new boolean[h * a];
        short[] hist = s.histBits();
        int groups = (h + STALE_GROUP - 1) / STALE_GROUP;
        java.util.stream.IntStream.range(0, groups).parallel().forEach(g -> {
            // miners [j0, j1) in one pass over the rows: their values are adjacent in a row (one contiguous run of
            // (j1 - j0)·a values), so a pass reads whole cache lines instead of one scattered run per miner
            int j0 = g * STALE_GROUP, j1 = Math.min(h, j0 + STALE_GROUP), w = (j1 - j0) * a;
            float[][] cols = new float[w][valid.length];
            for (int q = 0; q < valid.length; q++) {
                int base = (int) (((long) valid[q] * h + j0) * a);
                for (int k = 0; k < w; k++) cols[k][q] = io.tao4j.mantis.salience.math.Half.toFloat(hist[base + k]);
            }
            for (int k = 0; k < w; k++) zeroed[j0 * a + k] = std32(cols[k]) < MIN_TEMPORAL_STD;
        });
        return zeroed;
    }

    /** {@code np.std} of a float32 vector, in float32. */
    static float std32(float[] col) {
        int n = col.length;
        float mean = NumpySum.sum(col) / (float) n;
        float[] sq = new float[n];
        for (int i = 0; i < n; i++) {
            float d = col[i] - mean;
            sq[i] = d * d;
        }
        return (float) Math.sqrt(NumpySum.sum(sq) / (float) n);
    }
}
