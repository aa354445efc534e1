package io.tao4j.mantis.salience.math;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalfTest {
    @Test
    void theTableHoldsEveryHalfsExactWidening() {
        for (int i = 0; i < 1 << 16; i++) {
            short b = (short) i;
            float f = Half.toFloat(b);
            float w = Half.widen(b);
            if (Float.isNaN(w)) {
                assertTrue(Float.isNaN(f), "bits " + Integer.toHexString(i));
            } else {
                assertEquals(Float.floatToRawIntBits(w), Float.floatToRawIntBits(f), "bits " + Integer.toHexString(i));
                assertEquals(b, Half.fromFloat(f), "round trip of " + Integer.toHexString(i));
            }
        }
        // fixed points of the format
        assertEquals(1.0f, Half.toFloat((short) 0x3C00));
        assertEquals(-2.0f, Half.toFloat((short) 0xC000));
        assertEquals(0x1p-24f, Half.toFloat((short) 0x0001));
        assertEquals(65504f, Half.toFloat((short) 0x7BFF));
        assertEquals(Float.POSITIVE_INFINITY, Half.toFloat((short) 0x7C00));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(Half.toFloat((short) 0x8000)));
    }
}
