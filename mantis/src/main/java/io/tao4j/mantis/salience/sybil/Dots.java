package io.tao4j.mantis.salience.sybil;

/**
 * Dot products of float32 vectors, each accumulated in float64 in index order (exact products, the same rounding
 * sequence as a plain loop per pair): {@link #dotRow} for one vector against several, four pairs per pass so the four
 * independent sums share one read of the first vector and overlap in the pipeline; {@link #gram} for all pairs of a
 * set, blocked.
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
                double v = a[k]; // float·float is exact in double, so fma rounds as s + v·b does (one µop)
                s0 = Math.fma(v, b0[k], s0);
                s1 = Math.fma(v, b1[k], s1);
                s2 = Math.fma(v, b2[k], s2);
                s3 = Math.fma(v, b3[k], s3);
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

    /** Vector length per pass of {@link #gram}: the chunks of all vectors, widened to double, stay in cache. */
    static final int GRAM_CHUNK = 512;

    /**
     * {@code out[a·n + b] = Σ_k f[a][k]·f[b][k]} for every pair (symmetric, diagonal included), each sum in double in
     * k order — bit for bit {@link #dotRow}'s value. Register-blocked 4×4: sixteen independent sums per pass over a
     * chunk of {@link #GRAM_CHUNK} positions, which every vector's chunk (converted to double once per chunk) serves;
     * each pair's sum carries over from chunk to chunk, so its rounding sequence is the plain loop's. A product of
     * two float32 values is exact in double, so {@code fma(x, y, s)} rounds exactly as {@code s + x·y} does.
     *
     * @param f vectors of one length
     */
    static double[] gram(float[][] f) {
        return gram(f, false);
    }

    /**
     * {@link #gram(float[][])}, the 4-row bands of each chunk in parallel when {@code parallel} (each band owns its
     * rows of the result, so the values do not depend on the threads).
     */
    static double[] gram(float[][] f, boolean parallel) {
        int n = f.length;
        if (n == 0) return new double[0];
        int len = f[0].length;
        for (float[] v : f) if (v.length != len) throw new IllegalArgumentException("vectors differ in length");
        int m = (n + 3) & ~3; // padded with zero vectors to whole blocks
        double[] acc = new double[m * m];
        double[][] db = new double[m][Math.min(GRAM_CHUNK, len)];
        for (int k0 = 0; k0 < len; k0 += GRAM_CHUNK) {
            int cl = Math.min(GRAM_CHUNK, len - k0);
            for (int i = 0; i < n; i++) {
                float[] src = f[i];
                double[] dst = db[i];
                for (int k = 0; k < cl; k++) dst[k] = src[k0 + k];
            }
            final int len0 = cl;
            java.util.stream.IntStream bands = java.util.stream.IntStream.range(0, m / 4);
            (parallel ? bands.parallel() : bands).forEach(band -> gramBand(db, acc, m, band * 4, len0));
        }
        double[] out = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double v = acc[a * m + b];
                out[a * n + b] = v;
                out[b * n + a] = v;
            }
        }
        return out;
    }

    /** Rows {@code ai..ai+3} of the (upper) Gram sums over one chunk of {@code cl} positions. */
    private static void gramBand(double[][] db, double[] acc, int m, int ai, int cl) {
        double[] a0 = db[ai], a1 = db[ai + 1], a2 = db[ai + 2], a3 = db[ai + 3];
        for (int bi = ai; bi < m; bi += 4) {
            double[] b0 = db[bi], b1 = db[bi + 1], b2 = db[bi + 2], b3 = db[bi + 3];
            int r0 = ai * m + bi, r1 = r0 + m, r2 = r1 + m, r3 = r2 + m;
            double s00 = acc[r0], s01 = acc[r0 + 1], s02 = acc[r0 + 2], s03 = acc[r0 + 3];
            double s10 = acc[r1], s11 = acc[r1 + 1], s12 = acc[r1 + 2], s13 = acc[r1 + 3];
            double s20 = acc[r2], s21 = acc[r2 + 1], s22 = acc[r2 + 2], s23 = acc[r2 + 3];
            double s30 = acc[r3], s31 = acc[r3 + 1], s32 = acc[r3 + 2], s33 = acc[r3 + 3];
            for (int k = 0; k < cl; k++) {
                double p = a0[k], q = a1[k], r = a2[k], s = a3[k];
                double x0 = b0[k], x1 = b1[k], x2 = b2[k], x3 = b3[k];
                s00 = Math.fma(p, x0, s00); s01 = Math.fma(p, x1, s01); s02 = Math.fma(p, x2, s02); s03 = Math.fma(p, x3, s03);
                s10 = Math.fma(q, x0, s10); s11 = Math.fma(q, x1, s11); s12 = Math.fma(q, x2, s12); s13 = Math.fma(q, x3, s13);
                s20 = Math.fma(r, x0, s20); s21 = Math.fma(r, x1, s21); s22 = Math.fma(r, x2, s22); s23 = Math.fma(r, x3, s23);
                s30 = Math.fma(s, x0, s30); s31 = Math.fma(s, x1, s31); s32 = Math.fma(s, x2, s32); s33 = Math.fma(s, x3, s33);
            }
            acc[r0] = s00; acc[r0 + 1] = s01; acc[r0 + 2] = s02; acc[r0 + 3] = s03;
            acc[r1] = s10; acc[r1 + 1] = s11; acc[r1 + 2] = s12; acc[r1 + 3] = s13;
            acc[r2] = s20; acc[r2 + 1] = s21; acc[r2 + 2] = s22; acc[r2 + 3] = s23;
            acc[r3] = s30; acc[r3 + 1] = s31; acc[r3 + 2] = s32; acc[r3 + 3] = s33;
        }
    }
}
