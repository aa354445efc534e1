package io.tao4j.mantis.salience.math;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The block bootstrap shared by HEAD's meta-fits ({@code model._fit_meta_logistic_bootstrap},
 * {@code bucket_forecast._bootstrap_l2_abs_coef}, {@code xsec_rank._bootstrap_meta_l2}): replicate {@code b}
 * draws {@code n_blocks = max(1, T // B)} block starts with {@code default_rng(seed + b).integers(0, T − B + 1)},
 * sorts them and concatenates the blocks {@code [s, s+B)} (duplicates kept); replicates whose labels have one class
 * or whose fit fails are skipped; the surviving coefficient vectors are aggregated by {@link #medianOfMeans}.
 */
public final class BlockBootstrap {
    /** HEAD's block size. */
    public static final int BLOCK_SIZE = 120;

    private BlockBootstrap() {}

    /** One replicate's fit: {@code rows} index the caller's (time-ordered) rows; return null when the fit fails. */
    @FunctionalInterface
    public interface ReplicateFit {
        double[] fit(int[] rows, long replicateSeed);
    }

    /** The reference declines (returns None, caller falls back to one full fit) when this is true. */
    public static boolean declines(int t, int nBootstrap, int blockSize, byte[] y) {
        return t < 2 * blockSize || nBootstrap <= 1 || !bothClasses(y, null);
    }

    /** Rows of the replicate seeded with {@code replicateSeed} (= seed + b), in concatenation order. */
    public static int[] replicateRows(long replicateSeed, int t, int blockSize) {
        if (blockSize <= 0 || t < blockSize) throw new IllegalArgumentException("need T >= block size > 0, got T=" + t + " B=" + blockSize);
        int nBlocks = Math.max(1, t / blockSize);
        long[] starts = new Pcg64(replicateSeed).integers(0, (long) t - blockSize + 1, nBlocks);
        Arrays.sort(starts);
        int[] rows = new int[nBlocks * blockSize];
        int k = 0;
        for (long s : starts) for (int j = 0; j < blockSize; j++) rows[k++] = (int) s + j;
        return rows;
    }

    /**
     * Runs the bootstrap: null when it {@link #declines} or no replicate survives, else the median of means of the
     * surviving replicates' vectors (which the fitter already made absolute where the reference does).
     */
    public static double[] run(byte[] y, int nBootstrap, int blockSize, long seed, ReplicateFit fitter) {
        return run(y, nBootstrap, blockSize, seed, fitter, false);
    }

    /**
     * As {@link #run(byte[], int, int, long, ReplicateFit)}; with {@code parallel} the replicates' fits run
     * concurrently (the fitter must be thread-safe) into fixed slots, so the result is the same bit for bit.
     */
    public static double[] run(byte[] y, int nBootstrap, int blockSize, long seed, ReplicateFit fitter, boolean parallel) {
        List<double[]> coefs = replicates(y, nBootstrap, blockSize, seed, fitter, parallel);
        return coefs == null ? null : medianOfMeans(coefs);
    }

    /**
     * The surviving replicates' vectors in replicate order (null when the bootstrap declines or none survives), for
     * callers that aggregate more than one way (xsec's signed mean, mean intercept and median of means).
     */
    public static List<double[]> replicates(byte[] y, int nBootstrap, int blockSize, long seed, ReplicateFit fitter) {
        return replicates(y, nBootstrap, blockSize, seed, fitter, false);
    }

    /**
     * As {@link #replicates(byte[], int, int, long, ReplicateFit)}; with {@code parallel} the replicates' fits run
     * concurrently (the fitter must be thread-safe) into fixed slots, so the result is the same.
     */
    public static List<double[]> replicates(byte[] y, int nBootstrap, int blockSize, long seed, ReplicateFit fitter,
                                            boolean parallel) {
        int t = y.length;
        if (declines(t, nBootstrap, blockSize, y)) return null;
        double[][] slots = new double[nBootstrap][];
        java.util.stream.IntStream bs = java.util.stream.IntStream.range(0, nBootstrap);
        (parallel ? bs.parallel() : bs).forEach(b -> {
            int[] rows = replicateRows(seed + b, t, blockSize);
            if (bothClasses(y, rows)) slots[b] = fitter.fit(rows, seed + b);
        });
        List<double[]> coefs = new ArrayList<>();
        for (double[] c : slots) if (c != null) coefs.add(c);
        return coefs.isEmpty() ? null : coefs;
    }

    /**
     * {@code np.stack(rows).mean(axis=0)}: numpy accumulates the outer axis row by row, except that a single column
     * is one contiguous run, which numpy sums pairwise.
     */
    public static double[] meanAxis0(List<double[]> rows) {
        int n = rows.size();
        if (n == 0) throw new IllegalArgumentException("no rows");
        int k = rows.get(0).length;
        if (k == 1) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) col[i] = rows.get(i)[0];
            return new double[] {NumpySum.mean(col)};
        }
        return meanRows(rows, 0, n, k);
    }

    static boolean bothClasses(byte[] y, int[] rows) {
        boolean pos = false, neg = false;
        int n = rows == null ? y.length : rows.length;
        for (int i = 0; i < n && !(pos && neg); i++) {
            if (y[rows == null ? i : rows[i]] != 0) pos = true; else neg = true;
        }
        return pos && neg;
    }

    /**
     * Median of means: {@code g = min(4, n)}; {@code g < 2} → plain mean; else groups {@code [i·gs, (i+1)·gs)} with
     * {@code gs = n // g} (trailing replicates ignored), per-coefficient median of the group means (numpy's median:
     * middle value, or the mean of the middle two).
     *
     * @throws IllegalArgumentException for an empty list or vectors of different lengths
     */
    public static double[] medianOfMeans(List<double[]> coefs) {
        int n = coefs.size();
        if (n == 0) throw new IllegalArgumentException("no replicate vectors");
        int k = coefs.get(0).length;
        for (double[] c : coefs) if (c.length != k) throw new IllegalArgumentException("replicate vectors differ in length");
        int g = Math.min(4, n);
        if (g < 2) return meanRows(coefs, 0, n, k);
        int gs = n / g;
        double[][] means = new double[g][];
        for (int i = 0; i < g; i++) means[i] = meanRows(coefs, i * gs, (i + 1) * gs, k);
        double[] out = new double[k];
        double[] col = new double[g];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < g; i++) col[i] = means[i][j];
            Arrays.sort(col);
            out[j] = g % 2 == 1 ? col[g / 2] : (col[g / 2 - 1] + col[g / 2]) / 2.0;
        }
        return out;
    }

    private static double[] meanRows(List<double[]> rows, int from, int to, int k) {
        double[] s = new double[k];
        for (int r = from; r < to; r++) {
            double[] c = rows.get(r);
            for (int j = 0; j < k; j++) s[j] += c[j];
        }
        for (int j = 0; j < k; j++) s[j] /= (to - from);
        return s;
    }
}
