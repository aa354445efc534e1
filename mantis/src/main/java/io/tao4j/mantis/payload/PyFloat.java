package io.tao4j.mantis.payload;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Python's {@code float(v)} and {@code isinstance(v, (int, float))} for a JSON value as {@code json.loads} gives
 * it (the validator's payload and price rules depend on exactly these): numbers (an integer too large for a
 * double is Python's OverflowError), booleans (1.0 / 0.0), and strings that, after stripping whitespace, spell a
 * decimal number with single underscores between digits, or {@code inf}, {@code infinity}, {@code nan} in any case
 * with an optional sign. Non-ASCII digits, which Python also accepts, are refused here.
 */
public final class PyFloat {
    private static final Pattern DECIMAL = Pattern.compile(
            "[+-]?(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?:inf|infinity|nan)");

    private PyFloat() {
    }

    /** {@code isinstance(v, (int, float))}: a JSON number or boolean. */
    public static boolean isNumber(JsonNode v) {
        return v != null && (v.isNumber() || v.isBoolean());
    }

    /** Python's {@code float(v)}, or null where it raises (TypeError, ValueError, OverflowError). */
    public static Double of(JsonNode v) {
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        if (isNumber(v)) {
            double d = numeric(v);
            return v.isIntegralNumber() && Double.isInfinite(d) ? null : d;
        }
        if (v.isTextual()) {
            return ofString(v.textValue());
        }
        return null;
    }

    /** {@code float(s)} for a string, or null where Python raises ValueError. */
    public static Double ofString(String str) {
        String s = str.strip();
        if (DECIMAL.matcher(s).matches()) {
            return Double.parseDouble(s.replace("_", ""));
        }
        String l = s.toLowerCase(Locale.ROOT);
        if (SPECIAL.matcher(l).matches()) {
            boolean neg = l.startsWith("-");
            if (l.endsWith("nan")) {
                return Double.NaN;
            }
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    /** The value of a JSON number or boolean as a double (an integer too large gives ±Infinity). */
    public static double numeric(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue() ? 1.0 : 0.0;
        }
        return v.isIntegralNumber() ? v.bigIntegerValue().doubleValue() : v.doubleValue();
    }

    /** True for an integer too large for a double (Python's {@code float(int)} raises OverflowError). */
    public static boolean overflows(JsonNode v) {
        return v.isIntegralNumber() && Double.isInfinite(v.bigIntegerValue().doubleValue());
    }

    /**
     * Python's {@code lo <= v <= hi} for a JSON number or boolean (exact for integers; false for NaN).
     */
    public static boolean inRange(JsonNode v, double lo, double hi) {
        if (v.isIntegralNumber() && overflows(v)) {
            return false; // |v| ≥ 2^1024 lies outside every finite range
        }
        double d = numeric(v);
        if (v.isIntegralNumber() && (d == lo || d == hi)) {
            // a big integer rounded onto the bound: compare exactly
            java.math.BigDecimal x = new java.math.BigDecimal(v.bigIntegerValue());
            return x.compareTo(new java.math.BigDecimal(lo)) >= 0 && x.compareTo(new java.math.BigDecimal(hi)) <= 0;
        }
        return d >= lo && d <= hi;
    }
}
