package io.tao4j.mantis.salience.math;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErfcTest {
    @Test
    void erfcAgreesWithTheCLibrary() {
        // Python math.erfc (glibc)
        double[][] cases = {{0, 1.0}, {0.1, 0.8875370839817152}, {0.5, 0.4795001221869535},
                {1, 0.15729920705028513}, {2, 0.004677734981047265}, {2.4999, 0.0004071699003334514},
                {2.5, 0.0004069520174449589}, {3, 2.2090496998585438e-05}, {5, 1.5374597944280351e-12},
                {10, 2.088487583762545e-45}, {20, 5.3958656116079005e-176}};
        for (double[] c : cases) {
            double got = Erfc.erfc(c[0]);
            assertEquals(c[1], got, 2e-14 * c[1], "erfc(" + c[0] + ")");
            assertEquals(2 - c[1], Erfc.erfc(-c[0]), 1e-15, "erfc(-" + c[0] + ")");
        }
        assertEquals(0.0, Erfc.erfc(40));
        assertTrue(Double.isNaN(Erfc.erfc(Double.NaN)));
    }
}
