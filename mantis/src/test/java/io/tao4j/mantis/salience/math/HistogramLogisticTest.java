package io.tao4j.mantis.salience.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HistogramLogisticTest {
    private static HistogramLogistic histogram(int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[d], n0 = new double[d], n1 = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = Half.toFloat(Half.fromFloat((float) (2 * r.nextDouble() - 1)));
            n0[i] = r.nextInt(50);
            n1[i] = r.nextInt(50);
        }
        return new HistogramLogistic(v, n0, n1, d);
    }

    @Test
    void seriesEqualsDirectSumInsideItsRadius() {
        HistogramLogistic h = histogram(3000, 1);
        double[] gs = new double[2], gd = new double[2];
        for (double w : new double[] {0.0, 1e-3, -0.05, 0.4, -0.9, 1.19}) {
            for (double b : new double[] {-3.0, -0.2, 0.0, 0.7, 5.0}) {
                double fs = h.evaluate(new double[] {w, b}, gs);
                double fd = h.direct(w, b, gd);
                assertEquals(fd, fs, 1e-13 * Math.abs(fd), "f at w=" + w + " b=" + b);
                assertEquals(gd[0], gs[0], 1e-12 * h.rows(), "df/dw at w=" + w + " b=" + b);
                assertEquals(gd[1], gs[1], 1e-12 * h.rows(), "df/db at w=" + w + " b=" + b);
            }
        }
    }

    @Test
    void fitMatchesTheRowFitUnderBothRuleSets() {
        HistogramLogistic h = histogram(40, 2);
        // expand to rows
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        SplittableRandom r = new SplittableRandom(2);
        double[] v = new double[40], n0 = new double[40], n1 = new double[40];
        for (int i = 0; i < 40; i++) {
            v[i] = Half.toFloat(Half.fromFloat((float) (2 * r.nextDouble() - 1)));
            n0[i] = r.nextInt(50);
            n1[i] = r.nextInt(50);
            for (int q = 0; q < n0[i]; q++) rows.add(new double[] {v[i], 0});
            for (int q = 0; q < n1[i]; q++) rows.add(new double[] {v[i], 1});
        }
        double[] x = new double[rows.size()];
        byte[] y = new byte[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i)[0];
            y[i] = (byte) rows.get(i)[1];
        }
        LogisticRegression.Model want = SklearnLogistic.fitLbfgs(x, x.length, 1, y, null, 0.5, 1e-4, 200);
        LogisticRegression.Model got = h.fitLbfgs(0.5, 1e-4, 200, SklearnLogistic.LbfgsRules.SKLEARN_1_7);
        assertEquals(want.iterations(), got.iterations());
        assertEquals(want.coef()[0], got.coef()[0], 1e-10);
        assertEquals(want.intercept(), got.intercept(), 1e-10);
        assertThrows(IllegalArgumentException.class,
                () -> new HistogramLogistic(new double[] {Double.NaN}, new double[] {1}, new double[] {1}, 1));
    }
}
