package io.tao4j.mantis.salience.math;

/**
 * numpy's summation orders, reproduced so that sums and means come out bit-identical to the reference:
 * {@code np.sum}/{@code np.mean} of a 1-D array walk it in chunks of numpy's 8192-element buffer, each chunk
 * summed pairwise (blocks of at most 128 summed with eight interleaved accumulators, larger runs split in halves
 * rounded down to a multiple of 8) and added to a running total that starts at 0; a float32 array is summed in
 * float32. Reductions over a non-contiguous axis (for example {@code mean(axis=0)} of a
 * C-ordered matrix) accumulate sequentially, which is a plain loop.
 */
public final class NumpySum {
    private static final int BLOCK = 128;
    /** numpy's default ufunc buffer size: reductions hand the inner loop at most this many elements. */
    public static final int BUFSIZE = 8192;

    private NumpySum() {}

    /** Pairwise sum of {@code a[from .. from+n)} in double, as numpy's {@code DOUBLE_pairwise_sum}. */
    public static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) res += a[from + i];
            return res;
        } else if (n <= BLOCK) {
            double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                int o = from + i;
                r0 += a[o]; r1 += a[o + 1]; r2 += a[o + 2]; r3 += a[o + 3];
                r4 += a[o + 4]; r5 += a[o + 5]; r6 += a[o + 6]; r7 += a[o + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) res += a[from + i];
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
        }
    }

    /** Pairwise sum of {@code a[from .. from+n)} in float32 arithmetic, as numpy's {@code FLOAT_pairwise_sum}. */
    public static float pairwise(float[] a, int from, int n) {
        if (n < 8) {
            float res = 0.0f;
            for (int i = 0; i < n; i++) res += a[from + i];
            return res;
        } else if (n <= BLOCK) {
            float r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            float r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                int o = from + i;
                r0 += a[o]; r1 += a[o + 1]; r2 += a[o + 2]; r3 += a[o + 3];
                r4 += a[o + 4]; r5 += a[o + 5]; r6 += a[o + 6]; r7 += a[o + 7];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) res += a[from + i];
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
        }
    }

    /** {@code np.sum} of a 1-D float64 array. */
    public static double sum(double[] a) {
        double acc = 0.0;
        for (int i = 0; i < a.length; i += BUFSIZE) acc += pairwise(a, i, Math.min(BUFSIZE, a.length - i));
        return acc;
    }

    /** {@code np.sum} of a 1-D float32 array, in float32. */
    public static float sum(float[] a) {
        float acc = 0.0f;
        for (int i = 0; i < a.length; i += BUFSIZE) acc += pairwise(a, i, Math.min(BUFSIZE, a.length - i));
        return acc;
    }

    /** {@code np.mean} of a float64 vector (NaN when empty, as numpy). */
    public static double mean(double[] a) {
        return sum(a) / a.length;
    }

    /** {@code np.mean} of a float32 vector: float32 sum divided in float32. */
    public static float mean(float[] a) {
        return sum(a) / (float) a.length;
    }
}
