package io.tao4j.mantis.salience.math;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiblinearTronTest {
    private static final int N = 1500, P = 7;

    private static double[] design(Random rnd) {
        double[] x = new double[N * P];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
        return x;
    }

    private static byte[] labels(double[] x, Random rnd) {
        byte[] y = new byte[N];
        for (int i = 0; i < N; i++) {
            double z = 0.3 + 0.8 * x[i * P] - 0.5 * x[i * P + 3];
            y[i] = (byte) (rnd.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
        }
        return y;
    }

    private static void assertSameBits(LogisticRegression.Model a, LogisticRegression.Model b) {
        assertThat(b.iterations()).isEqualTo(a.iterations());
        assertThat(Double.doubleToLongBits(b.intercept())).isEqualTo(Double.doubleToLongBits(a.intercept()));
        for (int k = 0; k < a.coef().length; k++) {
            assertThat(Double.doubleToLongBits(b.coef()[k])).as("coef %d", k).isEqualTo(Double.doubleToLongBits(a.coef()[k]));
        }
    }

    @Test
    void replicateRowsReadInPlaceGiveTheCopiedRowsModelBitForBit() {
        Random rnd = new Random(11);
        double[] x = design(rnd);
        byte[] y = labels(x, rnd);
        double[] sw = new double[N];
        for (int i = 0; i < N; i++) sw[i] = 0.5 + rnd.nextDouble();
        for (long seed = 42; seed < 45; seed++) {
            int[] rows = BlockBootstrap.replicateRows(seed, N, BlockBootstrap.BLOCK_SIZE); // overlapping blocks repeat rows
            int n = rows.length;
            double[] xb = new double[n * P];
            byte[] yb = new byte[n];
            double[] swb = new double[n];
            for (int r = 0; r < n; r++) {
                System.arraycopy(x, rows[r] * P, xb, r * P, P);
                yb[r] = y[rows[r]];
                swb[r] = sw[rows[r]];
            }
            double[] bw = SklearnLogistic.balancedSampleWeights(yb, swb);
            LogisticRegression.Model copied = LiblinearTron.fit(xb, n, P, yb, bw, 0.1, 1e-4, 100);
            LogisticRegression.Model inPlace = LiblinearTron.fitRows(x, P, rows, yb, bw, 0.1, 1e-4, 100);
            assertThat(copied.iterations()).isPositive();
            assertSameBits(copied, inPlace);
            assertSameBits(copied, SklearnLogistic.fitLiblinear(x, P, rows, yb, bw, 0.1, 1e-4, 100));
        }
    }

    @Test
    void aRepeatedRowWithAnotherLabelOrWeightCountsAsItsOwnRow() {
        Random rnd = new Random(5);
        double[] x = design(rnd);
        byte[] y = labels(x, rnd);
        int[] rows = new int[2 * N];
        byte[] yr = new byte[2 * N];
        double[] wr = new double[2 * N];
        for (int i = 0; i < N; i++) {
            rows[2 * i] = rows[2 * i + 1] = i;
            yr[2 * i] = y[i];
            yr[2 * i + 1] = (byte) (i % 3 == 0 ? 1 - y[i] : y[i]);
            wr[2 * i] = 1.0;
            wr[2 * i + 1] = i % 5 == 0 ? 2.0 : 1.0;
        }
        double[] xc = new double[2 * N * P];
        for (int r = 0; r < 2 * N; r++) System.arraycopy(x, rows[r] * P, xc, r * P, P);
        assertSameBits(LiblinearTron.fit(xc, 2 * N, P, yr, wr, 0.5, 1e-4, 100), LiblinearTron.fitRows(x, P, rows, yr, wr, 0.5, 1e-4, 100));
    }

    @Test
    void rowsOutsideTheMatrixAreNamed() {
        double[] x = new double[10 * P];
        assertThatThrownBy(() -> LiblinearTron.fitRows(x, P, new int[] {0, 10}, new byte[] {0, 1}, null, 1.0, 1e-4, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 10 outside X");
        x[3] = Double.NaN;
        assertThatThrownBy(() -> SklearnLogistic.fitLiblinear(x, P, new int[] {1, 0}, new byte[] {0, 1}, null, 1.0, 1e-4, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }
}
