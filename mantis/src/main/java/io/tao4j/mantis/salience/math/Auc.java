package io.tao4j.mantis.salience.math;

import java.util.Arrays;

/**
 * Area under the ROC curve for binary labels, with tied scores counted half, which is what
 * scikit-learn's {@code roc_auc_score} computes (trapezoidal rule over the ROC curve, where a run of
 * tied scores becomes one diagonal segment). Computed here as the Mann-Whitney statistic with mid-ranks.
 */
public final class Auc {
    private Auc() {}

    /**
     * @param labels 1 for positive, 0 for negative
     * @param scores decision values; larger means more positive
     * @return the AUC, or NaN when only one class is present (scikit-learn raises in that case)
     */
    public static double rocAuc(byte[] labels, double[] scores) {
        return rocAuc(labels, scores, 0, labels.length);
    }

    /** AUC over the index range {@code [from, to)} of both arrays. */
    public static double rocAuc(byte[] labels, double[] scores, int from, int to) {
        int n = to - from;
        if (n != 0 && scores.length < to) throw new IllegalArgumentException("scores shorter than labels range");
        return hasNaN(scores, from, to) ? byMidRanks(labels, scores, from, to) : bySortedClasses(labels, scores, from, to);
    }

    private static boolean hasNaN(double[] v, int from, int to) {
        for (int i = from; i < to; i++) if (Double.isNaN(v[i])) return true;
        return false;
    }

    /**
     * The same value as {@link #byMidRanks} for NaN-free scores, from the two classes' scores sorted apart:
     * {@code 2U = Σ_pos (2·#neg below + #neg equal)} in integers, so the ratio is the mid-rank formula's exactly
     * (its rank sum is an exact half-integer sum). NaN when a class is absent. No score may be NaN ({@link
     * #byMidRanks} ranks those by position).
     */
    private static double bySortedClasses(byte[] labels, double[] scores, int from, int to) {
        int nPos = 0;
        for (int i = from; i < to; i++) if (labels[i] != 0) nPos++;
        int nNeg = to - from - nPos;
        if (nPos == 0 || nNeg == 0) return Double.NaN;
        double[] pos = new double[nPos], neg = new double[nNeg];
        int a = 0, b = 0;
        for (int i = from; i < to; i++) {
            double v = scores[i];
            if (labels[i] != 0) pos[a++] = v; else neg[b++] = v;
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        long twoU = 0;
        int below = 0, upTo = 0; // negatives < v, negatives <= v (±0 compare equal, as the tie runs join them)
        for (double v : pos) {
            while (below < nNeg && neg[below] < v) below++;
            if (upTo < below) upTo = below;
            while (upTo < nNeg && neg[upTo] <= v) upTo++;
            twoU += 2L * below + (upTo - below);
        }
        return (twoU * 0.5) / ((double) nPos * (double) nNeg);
    }

    /** The Mann-Whitney statistic from mid-ranks over a stable argsort (the definition; NaN scores rank last). */
    static double byMidRanks(byte[] labels, double[] scores, int from, int to) {
        int n = to - from;
        double[] s = Arrays.copyOfRange(scores, from, to);
        int[] order = argsortAscending(s);
        long nPos = 0;
        for (int i = from; i < to; i++) if (labels[i] != 0) nPos++;
        long nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) return Double.NaN;
        double rankSumPos = 0.0;
        int i = 0;
        while (i < n) {
            int j = i;
            double v = s[order[i]];
            while (j + 1 < n && s[order[j + 1]] == v) j++;
            double midRank = (i + j) / 2.0 + 1.0; // 1-based mid rank of the tie run
            int posInRun = 0;
            for (int k = i; k <= j; k++) if (labels[from + order[k]] != 0) posInRun++;
            rankSumPos += midRank * posInRun;
            i = j + 1;
        }
        return (rankSumPos - nPos * (nPos + 1) / 2.0) / ((double) nPos * (double) nNeg);
    }

    /**
     * AUC of tied-score groups given in ascending score order: group {@code g} holds {@code neg[g]} negatives and
     * {@code pos[g]} positives that share one score (ties count half). Exact: {@code 2U} is accumulated in integers,
     * so the result is the correctly rounded Mann-Whitney ratio. NaN when a class is absent.
     */
    public static double rocAucGroups(long[] neg, long[] pos, int groups) {
        long nNeg = 0, nPos = 0, twoU = 0;
        for (int g = 0; g < groups; g++) {
            twoU += pos[g] * (2 * nNeg + neg[g]);
            nNeg += neg[g];
            nPos += pos[g];
        }
        if (nPos == 0 || nNeg == 0) return Double.NaN;
        return twoU / (2.0 * nPos * (double) nNeg);
    }

    /** Stable ascending argsort of a double array (NaN sorts last). */
    public static int[] argsortAscending(double[] v) {
        int n = v.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        int[] tmp = new int[n];
        mergeSort(idx, tmp, 0, n, v);
        return idx;
    }

    private static void mergeSort(int[] a, int[] tmp, int lo, int hi, double[] v) {
        if (hi - lo < 2) return;
        if (hi - lo <= 16) {
            for (int i = lo + 1; i < hi; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= lo && Double.compare(v[a[j]], v[x]) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, v);
        mergeSort(a, tmp, mid, hi, v);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) tmp[k++] = Double.compare(v[a[j]], v[a[i]]) < 0 ? a[j++] : a[i++];
        while (i < mid) tmp[k++] = a[i++];
        while (j < hi) tmp[k++] = a[j++];
        System.arraycopy(tmp, lo, a, lo, hi - lo);
    }
}
