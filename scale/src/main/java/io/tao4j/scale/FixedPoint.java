package io.tao4j.scale;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * substrate_fixed binary fixed-point numbers as Subtensor stores them: the raw bits are an integer
 * (U64F64 = u128 with 64 fractional bits, I96F32 = i128 with 32 fractional bits, U96F32, I64F64, ...),
 * value = bits / 2^fractionalBits. The SCALE form is just the raw integer (e.g. {@code {bits: u128}}).
 */
public final class FixedPoint {
    private FixedPoint() {
    }

    /** Exact decimal value of raw bits with {@code fracBits} fractional bits. */
    public static BigDecimal toDecimal(BigInteger bits, int fracBits) {
        // bits / 2^f = bits * 5^f / 10^f exactly
        return new BigDecimal(bits.multiply(BigInteger.valueOf(5).pow(fracBits)), fracBits).stripTrailingZeros();
    }

    /** Raw bits for a decimal value, rounding toward zero to the nearest representable step. */
    public static BigInteger fromDecimal(BigDecimal value, int fracBits) {
        return value.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(fracBits))).setScale(0, RoundingMode.DOWN)
                .toBigIntegerExact();
    }

    /** U64F64 raw bits → value. */
    public static BigDecimal u64f64(BigInteger bits) {
        checkUnsigned(bits, 128, "U64F64");
        return toDecimal(bits, 64);
    }

    /** I96F32 raw bits → value. */
    public static BigDecimal i96f32(BigInteger bits) {
        if (bits.bitLength() > 127) {
            throw new ScaleException("I96F32 bits out of range: " + bits);
        }
        return toDecimal(bits, 32);
    }

    /** U96F32 raw bits → value. */
    public static BigDecimal u96f32(BigInteger bits) {
        checkUnsigned(bits, 128, "U96F32");
        return toDecimal(bits, 32);
    }

    /** value → U64F64 raw bits (truncated toward zero). */
    public static BigInteger u64f64Bits(BigDecimal value) {
        BigInteger b = fromDecimal(value, 64);
        checkUnsigned(b, 128, "U64F64");
        return b;
    }

    /** U64F64 as a double (for display and ratios; loses precision beyond 53 bits). */
    public static double u64f64Double(BigInteger bits) {
        return u64f64(bits).round(MathContext.DECIMAL64).doubleValue();
    }

    private static void checkUnsigned(BigInteger b, int width, String what) {
        if (b.signum() < 0 || b.bitLength() > width) {
            throw new ScaleException(what + " bits out of range: " + b);
        }
    }
}
