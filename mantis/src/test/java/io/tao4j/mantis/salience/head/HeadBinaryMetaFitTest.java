package io.tao4j.mantis.salience.head;

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
        double[] plain = HeadBinaryScorer.bootstrapAbsCoef(x, p, y, sw, 10, 42,
                (bx, bn, bp, by, bw) -> SklearnLogistic.fitSagaElasticNet(bx, bn, bp, by, bw, 1.0, 0.5));
        double[] fast = HeadBinaryScorer.metaBootstrapAbsCoef(x, p, y, sw, 10, 42);
        assertNotNull(plain);
        assertNotNull(fast);
        for (int k = 0; k < p; k++) assertEquals(plain[k], fast[k], 1e-10, "coef " + k);
    }
}
