package io.tao4j.mantis.salience.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fused lbfgs objective of {@link SklearnLogistic#fitLbfgs} computes, bit for bit, what the plain loops of its
 * definition compute (decision value per row in column order, pairwise loss and intercept sums, each gradient
 * coordinate summed in row order), for row counts that do and do not fill its eight-row blocks, and a fit on rows
 * read in place equals the fit on the copied rows. The float32 row loss's shortcut at w = 0 (L-BFGS-B's first point)
 * is its general pass bit for bit.
 */
class SklearnLbfgsKernelTest {
    /** The objective's definition, loop by loop. */
    private static double plain(double[] x, int n, int p, byte[] y, double[] sw, double c, double[] w, double[] g) {
        double sSum = NumpySum.sum(sw);
        double l2 = 1.0 / (c * sSum);
        double[] lossI = new double[n];
        double[] gradI = new double[n];
        for (int i = 0; i < n; i++) {
            double raw = w[p];
            for (int k = 0; k < p; k++) raw += x[i * p + k] * w[k];
            double yi = y[i] != 0 ? 1.0 : 0.0;
            lossI[i] = sw[i] * SklearnLogistic.halfBinomialLoss(yi, raw);
            gradI[i] = sw[i] * SklearnLogistic.halfBinomialGradient(yi, raw);
        }
        double ww = 0.0;
        for (int k = 0; k < p; k++) ww += w[k] * w[k];
        for (int k = 0; k < p; k++) {
            double s = 0.0;
            for (int i = 0; i < n; i++) s += x[i * p + k] * gradI[i];
            g[k] = s / sSum + l2 * w[k];
        }
        g[p] = NumpySum.sum(gradI) / sSum;
        return NumpySum.sum(lossI) / sSum + 0.5 * l2 * ww;
    }

    @Test
    void fusedObjectiveIsThePlainLoopsBitForBit() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[] {1, 7, 8, 9, 64, 203}) {
            int p = 1 + r.nextInt(13);
            double[] x = new double[n * p];
            for (int i = 0; i < x.length; i++) x[i] = r.nextInt(5) == 0 ? 0.0 : r.nextGaussian() * 3;
            byte[] y = new byte[n];
            double[] sw = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = (byte) r.nextInt(2);
                sw[i] = 0.25 + r.nextDouble();
            }
            SklearnLogistic.DenseLoss f = new SklearnLogistic.DenseLoss(x, p, null, y, sw, 0.7, true);
            for (int rep = 0; rep < 4; rep++) {
                double[] w = new double[p + 1];
                for (int k = 0; k <= p; k++) w[k] = rep == 0 ? 0.0 : r.nextGaussian() * Math.pow(10, rep - 2);
                double[] gWant = new double[p + 1];
                double[] gGot = new double[p + 1];
                double want = plain(x, n, p, y, sw, 0.7, w, gWant);
                double got = f.evaluate(w, gGot);
                assertThat(Double.doubleToRawLongBits(got)).as("f n=%d p=%d", n, p).isEqualTo(Double.doubleToRawLongBits(want));
                for (int k = 0; k <= p; k++) {
                    assertThat(Double.doubleToRawLongBits(gGot[k])).as("g[%d] n=%d p=%d", k, n, p)
                            .isEqualTo(Double.doubleToRawLongBits(gWant[k]));
                }
            }
        }
    }

    @Test
    void fitOnRowsInPlaceEqualsFitOnTheirCopy() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 301, p = 6;
        double[] x = new double[n * p];
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < p; k++) {
                x[i * p + k] = r.nextGaussian();
                s += (k - 2) * x[i * p + k];
            }
            y[i] = (byte) (s + r.nextGaussian() > 0 ? 1 : 0);
        }
        int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> i % 4 != 1).toArray();
        double[] xs = new double[rows.length * p];
        byte[] ys = new byte[rows.length];
        for (int q = 0; q < rows.length; q++) {
            System.arraycopy(x, rows[q] * p, xs, q * p, p);
            ys[q] = y[rows[q]];
        }
        double[] sw = SklearnLogistic.balancedSampleWeights(ys, null);
        LogisticRegression.Model copy = SklearnLogistic.fitLbfgs(xs, rows.length, p, ys, sw, 1.0, 1e-4, 500);
        LogisticRegression.Model inPlace = SklearnLogistic.fitLbfgs(x, p, rows, ys, sw, 1.0, 1e-4, 500);
        assertThat(inPlace.coef()).isEqualTo(copy.coef());
        assertThat(inPlace.intercept()).isEqualTo(copy.intercept());
        assertThat(inPlace.iterations()).isEqualTo(copy.iterations()).isGreaterThan(1);
    }

    @Test
    void rowsInPlaceRejectBadInput() {
        double[] x = {1, 2, Double.NaN, 4};
        assertThatThrownBy(() -> SklearnLogistic.fitLbfgs(x, 1, new int[] {0, 2}, new byte[] {0, 1}, null, 1.0, 1e-4, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> SklearnLogistic.fitLbfgs(x, 1, new int[] {0, 4}, new byte[] {0, 1}, null, 1.0, 1e-4, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> SklearnLogistic.fitLbfgs(x, 1, new int[] {0, 1}, new byte[] {0}, null, 1.0, 1e-4, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }
    @Test
    void rowLossAtZeroIsItsGeneralPassBitForBit() {
        SplittableRandom r = new SplittableRandom(13);
        int p = 7, total = 2 * SklearnLogistic.RowLoss.BLOCK + 300;
        float[] x = new float[total * p];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(4) == 0 ? 0f : (float) (r.nextGaussian() * 2);
        int[] rows = java.util.stream.IntStream.range(0, total).filter(i -> r.nextInt(3) != 0).toArray();
        int n = rows.length;
        byte[] y = new byte[n];
        double[] sw = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) r.nextInt(2);
            sw[i] = r.nextInt(10) == 0 ? 0.0 : 1 + r.nextInt(4) * 0.37;
        }
        for (double[] w : new double[][] {new double[p + 1], {0.0, -0.0, 0.0, -0.0, 0.0, 0.0, -0.0, -0.0}}) {
            double[] gFast = new double[p + 1];
            double[] gGen = new double[p + 1];
            SklearnLogistic.RowLoss loss = new SklearnLogistic.RowLoss(x, p, rows, y, sw);
            double fast = loss.evaluate(w, gFast);
            double gen = loss.general(w, gGen);
            assertThat(Double.doubleToRawLongBits(fast)).isEqualTo(Double.doubleToRawLongBits(gen));
            for (int k = 0; k <= p; k++) assertThat(Double.doubleToRawLongBits(gFast[k])).as("g[%d]", k).isEqualTo(Double.doubleToRawLongBits(gGen[k]));
        }
        x[rows[5] * p + 3] = Float.NaN; // the first evaluation still names a non-finite input
        assertThatThrownBy(() -> new SklearnLogistic.RowLoss(x, p, rows, y, sw).evaluate(new double[p + 1], new double[p + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }
}
