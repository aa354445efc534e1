package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.salience.math.BlockBootstrap;
import io.tao4j.mantis.salience.math.SklearnLogistic;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The binary meta-fit's fast bootstrap (collapsed repeated rows, warm starts) reaches the plain bootstrap's optimum. */
class HeadBinaryMetaFitTest {
    @Test
    void collapsedWarmStartedBootstrapEqualsThePlainOne() {
        int n = 2400, p = 9;
        SplittableRandom r = new SplittableRandom(42);
        double[] x = new double[n * p];
        byte[] y = new byte[n];
        double[] sw = new double[n];
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian();
            for (int k = 0; k < p; k++) x[i * p + k] = 0.7 * common + 0.5 * r.nextGaussian();
            double z = 0.6 * x[i * p] - 0.4 * x[i * p + 3] + 0.2 * common;
            y[i] = (byte) (r.nextDouble() < 1.0 / (1.0 + Math.exp(-z)) ? 1 : 0);
            sw[i] = Math.exp(-(n - i) / 1000.0);
        }
        double[] plain = plainBootstrap(x, p, y, sw, 10, 42);
        double[] fast = HeadBinaryScorer.metaBootstrapAbsCoef(x, p, y, sw, 10, 42);
        assertNotNull(plain);
        assertNotNull(fast);
        for (int k = 0; k < p; k++) assertEquals(plain[k], fast[k], 1e-10, "coef " + k);
    }

    /** The plain bootstrap: each replicate's rows copied as they are drawn, every fit started at zero. */
    static double[] plainBootstrap(double[] x, int p, byte[] y, double[] sw, int nBootstrap, long seed) {
        return BlockBootstrap.run(y, nBootstrap, BlockBootstrap.BLOCK_SIZE, seed, (rows, replicateSeed) -> {
            double[] xb = new double[rows.length * p];
            for (int r = 0; r < rows.length; r++) System.arraycopy(x, rows[r] * p, xb, r * p, p);
            HeadBinaryScorer.Replicate rep = HeadBinaryScorer.Replicate.of(rows, y, sw);
            return HeadBinaryScorer.absCoef(SklearnLogistic.fitSagaElasticNet(xb, rows.length, p, rep.y(), rep.weights(),
                    1.0, 0.5));
        });
    }
}
