package io.tao4j.mantis.salience.sybil;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The blocked Gram matrix is, pair by pair and bit for bit, the plain in-order double sum of exact products. */
class DotsTest {
    @Test
    void gramIsThePlainPairSumsBitForBit() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 5, 8, 11, 37}) {
            for (int len : new int[] {0, 3, Dots.GRAM_CHUNK, 2 * Dots.GRAM_CHUNK + 77}) {
                float[][] f = new float[n][len];
                for (float[] v : f) for (int k = 0; k < len; k++) v[k] = r.nextInt(6) == 0 ? 0f : (float) (r.nextGaussian() * Math.exp(r.nextGaussian() * 4));
                double[] g = Dots.gram(f);
                double[] gp = Dots.gram(f, true); // bands in parallel: the same bits
                for (int i = 0; i < g.length; i++) {
                    assertThat(Double.doubleToRawLongBits(gp[i])).isEqualTo(Double.doubleToRawLongBits(g[i]));
                }
                double[] row = new double[n];
                for (int a = 0; a < n; a++) {
                    Dots.dotRow(f[a], f, 0, n, row);
                    for (int b = 0; b < n; b++) {
                        double plain = 0.0;
                        for (int k = 0; k < len; k++) plain += (double) f[a][k] * (double) f[b][k];
                        assertThat(Double.doubleToRawLongBits(g[a * n + b])).as("n=%d len=%d (%d,%d)", n, len, a, b)
                                .isEqualTo(Double.doubleToRawLongBits(plain));
                        assertThat(Double.doubleToRawLongBits(row[b])).isEqualTo(Double.doubleToRawLongBits(plain));
                    }
                }
            }
        }
    }
}
