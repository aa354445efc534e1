package io.tao4j.mantis.salience.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FftTest {
    /** Naive DFT in double-double-free but straightforward form (phase index reduced mod n). */
    private static double[][] naive(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        double[] or = new double[n], oi = new double[n];
        double sign = inverse ? 1 : -1;
        for (int f = 0; f < n; f++) {
            double sr = 0, si = 0;
            for (int t = 0; t < n; t++) {
                double ang = sign * 2 * Math.PI * (((long) f * t) % n) / n;
                double c = Math.cos(ang), s = Math.sin(ang);
                sr += re[t] * c - im[t] * s;
                si += re[t] * s + im[t] * c;
            }
            or[f] = sr;
            oi[f] = si;
        }
        return new double[][] {or, oi};
    }

    @Test
    void matchesTheNaiveDftForPowersOfTwoAndOtherLengths() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : new int[] {1, 2, 3, 5, 7, 8, 12, 97, 288, 720, 1024, 1031}) {
            double[] re = new double[n], im = new double[n];
            for (int k = 0; k < n; k++) {
                re[k] = rnd.nextGaussian();
                im[k] = rnd.nextGaussian();
            }
            for (boolean inverse : new boolean[] {false, true}) {
                double[][] want = naive(re, im, inverse);
                double[] r = re.clone(), i = im.clone();
                Fft fft = new Fft(n);
                if (inverse) fft.inverse(r, i);
                else fft.forward(r, i);
                double norm = 0, err = 0;
                for (int k = 0; k < n; k++) {
                    norm = Math.max(norm, Math.hypot(want[0][k], want[1][k]));
                    err = Math.max(err, Math.hypot(want[0][k] - r[k], want[1][k] - i[k]));
                }
                assertTrue(err <= 1e-12 * Math.max(1, norm), "n=" + n + " inverse=" + inverse + " err " + err);
            }
        }
    }

    @Test
    void roundTripAndZerosStayExactlyZero() {
        Fft fft = new Fft(720);
        double[] re = new double[720], im = new double[720];
        fft.forward(re, im);
        for (int k = 0; k < 720; k++) {
            assertEquals(0.0, Math.abs(re[k]));
            assertEquals(0.0, Math.abs(im[k]));
        }
        SplittableRandom rnd = new SplittableRandom(5);
        double[] x = new double[720];
        for (int k = 0; k < 720; k++) x[k] = re[k] = rnd.nextGaussian();
        java.util.Arrays.fill(im, 0.0);
        Fft copy = fft.copy();
        copy.forward(re, im);
        copy.inverse(re, im);
        for (int k = 0; k < 720; k++) assertEquals(x[k], re[k] / 720, 1e-13);
    }

    @Test
    void rejectsBadLengths() {
        assertThrows(IllegalArgumentException.class, () -> new Fft(0));
        assertThrows(IllegalArgumentException.class, () -> new Fft(8).forward(new double[4], new double[4]));
    }
}
