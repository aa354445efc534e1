package io.tao4j.mantis.ledger;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * The text Python's {@code json.dumps} writes with its default options ({@code ", "} and {@code ": "} separators,
 * {@code ensure_ascii}, floats as {@code repr}, NaN/Infinity allowed), for the few shapes the ledger stores:
 * string lists, {@code {asset: float}} maps and the breakout tracker state. Byte-compatible output matters for
 * {@code ledger export}.
 */
final class PyJson {
    private PyJson() {
    }

    /** {@code repr(float)} as {@code json.dumps} writes it. */
    static String num(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal r = null;
        for (int p = 1; p <= 17; p++) {
            r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                break;
            }
        }
        BigDecimal abs = r.abs().stripTrailingZeros();
        String digits = abs.unscaledValue().toString();
        int decpt = digits.length() - abs.scale(); // value = 0.digits × 10^decpt
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        if (decpt > 16 || decpt < -3) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int e = decpt - 1;
            sb.append('e').append(e < 0 ? '-' : '+');
            int ae = Math.abs(e);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
        } else if (decpt <= 0) {
            sb.append("0.");
            for (int i = 0; i < -decpt; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (decpt < digits.length()) {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        } else {
            sb.append(digits);
            for (int i = digits.length(); i < decpt; i++) {
                sb.append('0');
            }
            sb.append(".0");
        }
        return sb.toString();
    }

    /** A JSON string with {@code ensure_ascii} escapes. */
    static void str(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** {@code json.dumps(list_of_str)}. */
    static String strings(Collection<String> l) {
        StringBuilder sb = new StringBuilder(l.size() * 52 + 2).append('[');
        boolean first = true;
        for (String s : l) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            str(sb, s);
        }
        return sb.append(']').toString();
    }

    /** {@code json.dumps({k: float})} in the given key order. */
    static String floatMap(java.util.Map<String, Double> m) {
        StringBuilder sb = new StringBuilder().append('{');
        boolean first = true;
        for (var e : m.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            str(sb, e.getKey());
            sb.append(": ").append(num(e.getValue()));
        }
        return sb.append('}').toString();
    }
}
