package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.salience.math.Auc;
import io.tao4j.mantis.salience.math.Half;
import io.tao4j.mantis.salience.math.HistogramLogistic;
import io.tao4j.mantis.salience.math.LogisticRegression;
import io.tao4j.mantis.salience.math.SklearnLogistic;

import java.util.Arrays;

/**
 * The (value, label) histograms of one miner's pooled float16 column over prefixes {@code [0, pos)} of the pooled
 * rows, at a fixed ascending list of positions. Zero values (±0, "not submitted") are left out, as the reference's
 * {@code col != 0} masks do; NaN is kept as one extra value (numpy's {@code unique} counts all NaNs once, sklearn
 * raises on it). A range {@code [a, b)} is the difference of two prefixes.
 */
final class PrefixHistograms {
    /** Rank of every float16 bit pattern in value order; {@link #ZERO} for ±0, {@link #NAN} for NaNs. */
    static final int[] RANK = new int[1 << 16];
    /** Value of each rank. */
    static final double[] VALUE;
    static final int ZERO = -1;
    static final int NAN = -2;

    static {
        Integer[] codes = new Integer[1 << 16];
        int m = 0;
        for (int c = 0; c < (1 << 16); c++) {
            float f = Half.toFloat((short) c);
            if (Float.isNaN(f)) RANK[c] = NAN;
            else if (f == 0f) RANK[c] = ZERO;
            else codes[m++] = c;
        }
        Integer[] finite = Arrays.copyOf(codes, m);
        Arrays.sort(finite, (a, b) -> Float.compare(Half.toFloat((short) (int) a), Half.toFloat((short) (int) b)));
        VALUE = new double[m];
        for (int r = 0; r < m; r++) {
            RANK[finite[r]] = r;
            VALUE[r] = Half.toFloat((short) (int) finite[r]);
        }
    }

    private final int[] ranks;   // distinct non-NaN ranks present, ascending; local index d ↔ ranks[d]; NaN is index dn
    private final int dn;        // number of non-NaN distinct values
    private final int[][] neg;   // [checkpoint][local index] cumulative label-0 counts
    private final int[][] pos;

    /**
     * @param codes       the miner's float16 column over the pooled rows
     * @param y           pooled labels
     * @param checkpoints ascending prefix ends (pooled positions)
     */
    PrefixHistograms(short[] codes, byte[] y, int[] checkpoints) {
        int end = checkpoints.length == 0 ? 0 : checkpoints[checkpoints.length - 1];
        boolean[] seen = new boolean[VALUE.length];
        for (int p = 0; p < end; p++) {
            int r = RANK[codes[p] & 0xFFFF];
            if (r >= 0) seen[r] = true;
        }
        int d = 0;
        for (boolean b : seen) if (b) d++;
        ranks = new int[d];
        int[] local = new int[VALUE.length];
        d = 0;
        for (int r = 0; r < seen.length; r++) {
            if (seen[r]) {
                local[r] = d;
                ranks[d++] = r;
            }
        }
        dn = d;
        int[] c0 = new int[dn + 1];
        int[] c1 = new int[dn + 1];
        neg = new int[checkpoints.length][];
        pos = new int[checkpoints.length][];
        int p = 0;
        for (int k = 0; k < checkpoints.length; k++) {
            int stop = checkpoints[k];
            for (; p < stop; p++) {
                int r = RANK[codes[p] & 0xFFFF];
                if (r == ZERO) continue;
                int li = r == NAN ? dn : local[r];
                if (y[p] != 0) c1[li]++; else c0[li]++;
            }
            if (k > 0 && checkpoints[k - 1] == stop) {
                neg[k] = neg[k - 1];
                pos[k] = pos[k - 1];
            } else {
                neg[k] = c0.clone();
                pos[k] = c1.clone();
            }
        }
    }

    /** Non-zero rows with label 0 / 1 in the range between checkpoints {@code a ≤ b} ({@code a = -1}: from 0). */
    long[] classCounts(int a, int b) {
        long n0 = 0, n1 = 0;
        for (int i = 0; i <= dn; i++) {
            n0 += neg[b][i] - (a < 0 ? 0 : neg[a][i]);
            n1 += pos[b][i] - (a < 0 ? 0 : pos[a][i]);
        }
        return new long[] {n0, n1};
    }

    /** Distinct non-zero values in the prefix of checkpoint {@code b} (all NaNs count once, as numpy's unique). */
    int distinct(int b) {
        int n = 0;
        for (int i = 0; i <= dn; i++) if (neg[b][i] + pos[b][i] > 0) n++;
        return n;
    }

    /**
     * The univariate lbfgs fit (l2, C, no class weight) on the non-zero rows of the prefix of checkpoint {@code b};
     * the caller has checked the row count and both classes.
     *
     * @throws IllegalArgumentException when those rows hold a NaN (sklearn raises "Input X contains NaN")
     */
    LogisticRegression.Model fit(int b, double c, double tol, int maxIter, SklearnLogistic.LbfgsRules rules, String who) {
        if (neg[b][dn] + pos[b][dn] > 0) throw nan(who);
        double[] v = new double[dn];
        double[] n0 = new double[dn];
        double[] n1 = new double[dn];
        int m = 0;
        for (int i = 0; i < dn; i++) {
            if (neg[b][i] + pos[b][i] == 0) continue;
            v[m] = VALUE[ranks[i]];
            n0[m] = neg[b][i];
            n1[m] = pos[b][i];
            m++;
        }
        return new HistogramLogistic(v, n0, n1, m).fitLbfgs(c, tol, maxIter, rules);
    }

    /**
     * {@code roc_auc_score(y, w·x + b)} over the non-zero rows between checkpoints {@code a} and {@code b}: the
     * decision function is monotone in x, so only the sign of {@code w} matters (w = 0: every score ties, 0.5).
     */
    double auc(int a, int b, double w, String who) {
        if (neg[b][dn] - neg[a][dn] + pos[b][dn] - pos[a][dn] > 0) throw nan(who);
        long[] g0 = new long[dn];
        long[] g1 = new long[dn];
        int m = 0;
        for (int k = 0; k < dn; k++) {
            int i = w >= 0 ? k : dn - 1 - k; // ascending score order
            long x0 = neg[b][i] - neg[a][i];
            long x1 = pos[b][i] - pos[a][i];
            if (x0 + x1 == 0) continue;
            g0[m] = x0;
            g1[m] = x1;
            m++;
        }
        if (w == 0.0) {
            long t0 = 0, t1 = 0;
            for (int i = 0; i < m; i++) {
                t0 += g0[i];
                t1 += g1[i];
            }
            return Auc.rocAucGroups(new long[] {t0}, new long[] {t1}, 1);
        }
        return Auc.rocAucGroups(g0, g1, m);
    }

    static IllegalArgumentException nan(String who) {
        return new IllegalArgumentException(who + " submitted NaN where the reference fits or predicts "
                + "(scikit-learn raises \"Input X contains NaN\")");
    }
}
