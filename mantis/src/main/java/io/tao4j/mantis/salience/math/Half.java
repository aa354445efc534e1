package io.tao4j.mantis.salience.math;

/** IEEE 754 binary16 conversions (Java 17 has no Float.float16ToFloat). */
public final class Half {
    private Half() {}

    /** Every half's float, so that widening is one load (256 KiB, built once by {@link #widen}). */
    private static final float[] TABLE = new float[1 << 16];

    static {
        for (int i = 0; i < TABLE.length; i++) TABLE[i] = widen((short) i);
    }

    /** Exact widening of half-precision bits to float. */
    public static float toFloat(short bits) {
        return TABLE[bits & 0xFFFF];
    }

    /** The widening computed from the bit fields (what {@link #TABLE} holds). */
    static float widen(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        if (exp == 0) {
            if (mant == 0) return Float.intBitsToFloat(sign);
            float v = mant * 0x1p-24f; // subnormal: mant * 2^-24
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** Rounds a float to the nearest half (ties to even), as numpy's float32 -> float16 cast. */
    public static short fromFloat(float f) {
        int x = Float.floatToRawIntBits(f);
        int sign = (x >>> 16) & 0x8000;
        int exp = (x >>> 23) & 0xFF;
        int mant = x & 0x7FFFFF;
        if (exp == 0xFF) return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
        int e = exp - 127 + 15;
        if (e >= 0x1F) return (short) (sign | 0x7C00);
        if (e <= 0) {
            if (e < -10) return (short) sign;
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            // + 1 when rem is above the midpoint, or at it and half is odd (no branch: random data mispredicts)
            half += (rem + (1 << (shift - 1)) - 1 + (half & 1)) >>> shift;
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rem = mant & 0x1FFF;
        half += (rem + 0x0FFF + (half & 1)) >>> 13; // ties to even, as above; a carry rounds up into the exponent
        return (short) (sign | half);
    }
}
