package io.tao4j.mantis.salience.sybil;

/**
 * Dot products of one float32 vector with several others, each accumulated in float64 in index order (exact
 * products, the same rounding sequence as a plain loop per pair), four pairs per pass so the four independent sums
 * share one read of the first vector and overlap in the pipeline.
 */
final class Dots {
    private Dots() {}

    /** {@code out[b] = Σ_k a[k]·bs[b][k]} (double, k ascending) for b in [from, to). */
    static void dotRow(float[] a, float[][] bs, int from, int to, double[] out) {
        int len = a.length;
        int b = from;
        for (; b + 4 <= to; b += 4) {
            float[] b0 = bs[b], b1 = bs[b + 1], b2 = bs[b + 2], b3 = bs[b + 3];
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
            for (int k = 0; k < len; k++) {
                double v = a[k];
                s0 += v * b0[k];
                s1 += v * b1[k];
                s2 += v * b2[k];
                s3 += v * b3[k];
            }
            out[b] = s0;
            out[b + 1] = s1;
            out[b + 2] = s2;
            out[b + 3] = s3;
        }
        for (; b < to; b++) {
            float[] bb = bs[b];
            double s = 0.0;
            for (int k = 0; k < len; k++) s += (double) a[k] * (double) bb[k];
            out[b] = s;
        }
    }
}
