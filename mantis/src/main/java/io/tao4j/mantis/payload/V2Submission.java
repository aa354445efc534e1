package io.tao4j.mantis.payload;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validator's sanitising of an opened v2 plaintext ({@code DataLog._validate_submission} at 2e9bc5b,
 * dict branch): start from zero vectors for every challenge; skip {@code hotkey}; keys may be tickers or
 * challenge names; a value must be a list of exactly the challenge's dimension; LBFGS vectors (dim 17)
 * keep all-zero as is, else the first 5 values are clipped to [1e-6, 1−1e-6] and renormalised and the
 * last 12 clipped; other vectors must be all numbers in [−1, 1] or are dropped. Any conversion error
 * gives all-zero vectors, as the reference's exception handler does.
 */
public final class V2Submission {
    /** Challenge tickers → names and dimensions (config.py CHALLENGES, in order). */
    private static final String[][] CHALLENGES = {
            {"ETH", "ETH-1H-BINARY", "2"}, {"ETHHITFIRST", "ETH-HITFIRST-100M", "3"}, {"ETHLBFGS", "ETH-LBFGS", "17"},
            {"BTCLBFGS", "BTC-LBFGS-6H", "17"}, {"CADUSD", "CADUSD-1H-BINARY", "2"},
            {"NZDUSD", "NZDUSD-1H-BINARY", "2"}, {"CHFUSD", "CHFUSD-1H-BINARY", "2"},
            {"XAGUSD", "XAGUSD-1H-BINARY", "2"}};
    private static final double LO = 1e-6;
    private static final double HI = 1.0 - 1e-6;

    private V2Submission() {
    }

    /** Zero vectors for every challenge, in config order. */
    public static Map<String, double[]> zeroVectors() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String[] c : CHALLENGES) {
            out.put(c[0], new double[Integer.parseInt(c[2])]);
        }
        return out;
    }

    /** Sanitised vectors of an opened plaintext object (non-objects give zero vectors). */
    public static Map<String, double[]> sanitize(JsonNode sub) {
        Map<String, double[]> out = zeroVectors();
        if (sub == null || !sub.isObject()) {
            return out;
        }
        try {
            Iterator<Map.Entry<String, JsonNode>> it = sub.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("hotkey")) {
                    continue;
                }
                String[] c = challenge(e.getKey());
                if (c == null) {
                    continue;
                }
                int dim = Integer.parseInt(c[2]);
                JsonNode vec = e.getValue();
                if (!vec.isArray() || vec.size() != dim) {
                    continue;
                }
                if (dim == 17) {
                    out.put(c[0], lbfgs(vec));
                } else {
                    double[] v = new double[dim];
                    boolean ok = true;
                    for (int i = 0; i < dim; i++) {
                        JsonNode x = vec.get(i);
                        if (!(x.isNumber() || x.isBoolean())) {
                            ok = false;
                            break;
                        }
                        double d = x.isBoolean() ? (x.booleanValue() ? 1 : 0) : x.doubleValue();
                        if (!(d >= -1 && d <= 1)) {
                            ok = false;
                            break;
                        }
                        v[i] = d;
                    }
                    if (ok) {
                        out.put(c[0], v);
                    }
                }
            }
        } catch (NumberFormatException e) {
            return zeroVectors();
        }
        return out;
    }

    private static String[] challenge(String key) {
        for (String[] c : CHALLENGES) {
            if (c[0].equals(key)) {
                return c;
            }
        }
        for (String[] c : CHALLENGES) {
            if (c[1].equals(key)) {
                return c;
            }
        }
        return null;
    }

    private static double toFloat(JsonNode x) {
        if (x.isNumber()) {
            return x.doubleValue();
        }
        if (x.isBoolean()) {
            return x.booleanValue() ? 1 : 0;
        }
        if (x.isTextual()) {
            return Double.parseDouble(x.asText().strip());
        }
        throw new NumberFormatException("not a number");
    }

    private static double[] lbfgs(JsonNode vec) {
        double[] a = new double[17];
        boolean any = false;
        for (int i = 0; i < 17; i++) {
            a[i] = toFloat(vec.get(i));
            any |= a[i] != 0.0;
        }
        if (!any) {
            return new double[17];
        }
        double[] out = new double[17];
        double s = 0;
        for (int i = 0; i < 5; i++) {
            out[i] = clip(a[i]);
            s += out[i];
        }
        for (int i = 0; i < 5; i++) {
            out[i] = s <= 0 ? 1.0 / 5.0 : out[i] / s;
        }
        for (int i = 5; i < 17; i++) {
            out[i] = clip(a[i]);
        }
        return out;
    }

    private static double clip(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        return Math.min(HI, Math.max(LO, x));
    }
}
