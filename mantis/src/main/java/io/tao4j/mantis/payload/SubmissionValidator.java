package io.tao4j.mantis.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validator's check of an opened plaintext: {@code DataLog._validate_submission} (object branch) of the
 * {@link Protocol}'s commit (spec {@code mantis-head.md} §2.2). Every challenge starts as a zero vector of its
 * storage dimension (all-zero = absent); {@code hotkey} and unknown keys are skipped; a key is a ticker or a
 * challenge name. Per challenge:
 * <ul>
 *   <li>single-asset BINARY / HITFIRST: a list of exactly {@code dim} numbers (booleans count) each in [−1, 1],
 *       stored as is; anything else leaves the challenge as it was;</li>
 *   <li>LBFGS (dim 17): a list of 17 values; all zero → zeros; else p = clip(v[0:5], 1e−6, 1−1e−6)/Σ and
 *       q = clip(v[5:17], 1e−6, 1−1e−6) (±Infinity clip, NaN stays NaN, {@code null} becomes NaN and numeric
 *       strings are read as numpy does) — an element Python cannot turn into a float voids the payload;</li>
 *   <li>MULTIBREAKOUT object: per breakout asset a list {@code [p_cont, p_rev]} of numbers in [0, 1], else
 *       [0, 0];</li>
 *   <li>MULTIXSEC / FUNDINGXSEC / TRADEMIX object: per asset a number in [−1, 1], or {@code [x]} with x a number
 *       (clipped to [−1, 1]; NaN kept), else 0;</li>
 *   <li>a multi-asset challenge given as a flat list: exactly storage-dim numbers all in [−1, 1] (no per-asset
 *       rule).</li>
 * </ul>
 * A later key for the same challenge (its name after its ticker) replaces an earlier value only when valid.
 * The outcome is {@link Outcome#STORED} (some vector non-zero), {@link Outcome#EMPTY} (nothing to store),
 * {@link Outcome#VOID} (an exception in the reference: the whole payload is zeros) or {@link Outcome#NOT_OBJECT}.
 * The list branch of the reference is not implemented: v2 decryption only passes objects.
 */
public final class SubmissionValidator {
    private static final double LO = 1e-6;
    private static final double HI = 1.0 - 1e-6;

    /** What became of a payload. */
    public enum Outcome {
        /** At least one challenge has a non-zero vector to store. */
        STORED,
        /** Valid, but every vector is zero: nothing is stored. */
        EMPTY,
        /** The reference raises while validating: the whole payload is stored as zeros (nothing). */
        VOID,
        /** Not a JSON object: zeros. */
        NOT_OBJECT
    }

    /**
     * @param vectors every challenge's vector by ticker, in protocol order (zeros when absent)
     * @param detail  for VOID and NOT_OBJECT, why
     */
    public record Result(Outcome outcome, Map<String, double[]> vectors, String detail) {
        public Result {
            vectors = Collections.unmodifiableMap(new LinkedHashMap<>(vectors));
        }

        /** The vectors with at least one non-zero element (NaN counts): what the ledger stores. */
        public Map<String, double[]> nonZero() {
            Map<String, double[]> out = new LinkedHashMap<>();
            vectors.forEach((t, v) -> {
                if (SubmissionValidator.nonZero(v)) {
                    out.put(t, v);
                }
            });
            return out;
        }
    }

    /** Raised inside validation where the reference raises. */
    private static final class Void extends Exception {
        Void(String why) {
            super(why, null, false, false);
        }
    }

    private final Protocol protocol;

    public SubmissionValidator(Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol);
    }

    public Protocol protocol() {
        return protocol;
    }

    /** Zero vectors of every challenge's storage dimension, in protocol order. */
    public Map<String, double[]> zeroVectors() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Challenge c : protocol.challenges()) {
            out.put(c.ticker(), new double[c.storageDim()]);
        }
        return out;
    }

    /** Validates one plaintext value; never throws. */
    public Result validate(JsonNode sub) {
        if (sub == null || !sub.isObject()) {
            return new Result(Outcome.NOT_OBJECT, zeroVectors(), "the plaintext is not a JSON object");
        }
        Map<String, double[]> out = zeroVectors();
        try {
            Iterator<Map.Entry<String, JsonNode>> it = sub.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("hotkey")) {
                    continue;
                }
                Challenge c = protocol.byKey(e.getKey()).orElse(null);
                if (c == null) {
                    continue;
                }
                double[] v = value(c, e.getValue());
                if (v != null) {
                    out.put(c.ticker(), v);
                }
            }
        } catch (Void v) {
            return new Result(Outcome.VOID, zeroVectors(), v.getMessage());
        }
        boolean any = out.values().stream().anyMatch(SubmissionValidator::nonZero);
        return new Result(any ? Outcome.STORED : Outcome.EMPTY, out, null);
    }

    /** The stored vector for one key's value, or null to leave the challenge as it is. */
    private double[] value(Challenge c, JsonNode vec) throws Void {
        if (c.multiAsset() && vec.isObject()) {
            return c.loss() == Loss.RANGE_BREAKOUT_MULTI ? breakout(c.assets(), vec) : perAsset(c.assets(), vec);
        }
        int dim = c.storageDim();
        if (!vec.isArray() || vec.size() != dim) {
            return null;
        }
        if (c.loss() == Loss.LBFGS && dim == 17) {
            return lbfgs(c, vec);
        }
        double[] v = new double[dim];
        for (int i = 0; i < dim; i++) {
            JsonNode x = vec.get(i);
            if (!PyFloat.isNumber(x) || !PyFloat.inRange(x, -1, 1)) {
                return null;
            }
            v[i] = PyFloat.numeric(x);
        }
        return v;
    }

    private static double[] breakout(List<String> assets, JsonNode d) {
        double[] flat = new double[2 * assets.size()];
        for (int a = 0; a < assets.size(); a++) {
            JsonNode pair = d.get(assets.get(a));
            if (pair != null && pair.isArray() && pair.size() == 2 && unit(pair.get(0)) && unit(pair.get(1))) {
                flat[2 * a] = PyFloat.numeric(pair.get(0));
                flat[2 * a + 1] = PyFloat.numeric(pair.get(1));
            }
        }
        return flat;
    }

    private static boolean unit(JsonNode x) {
        return PyFloat.isNumber(x) && PyFloat.inRange(x, 0, 1);
    }

    private static double[] perAsset(List<String> assets, JsonNode d) {
        double[] flat = new double[assets.size()];
        for (int a = 0; a < assets.size(); a++) {
            JsonNode val = d.get(assets.get(a));
            if (val == null) {
                continue;
            }
            if (PyFloat.isNumber(val) && PyFloat.inRange(val, -1, 1)) {
                flat[a] = PyFloat.numeric(val);
            } else if (val.isArray() && val.size() == 1 && PyFloat.isNumber(val.get(0))) {
                double x = PyFloat.numeric(val.get(0)); // np.clip of a huge integer gives ±1 as well
                flat[a] = Double.isNaN(x) ? x : Math.max(-1.0, Math.min(1.0, x));
            }
        }
        return flat;
    }

    /** {@code _sanitize_lbfgs_vec}: Python {@code any(float(v) != 0.0 …)}, then {@code np.asarray(vec, float)}. */
    private static double[] lbfgs(Challenge c, JsonNode vec) throws Void {
        boolean any = false;
        for (int i = 0; i < 17 && !any; i++) {
            Double f = PyFloat.of(vec.get(i));
            if (f == null) {
                throw new Void(c.ticker() + "[" + i + "] is not a number: " + abbreviate(vec.get(i)));
            }
            any = f != 0.0 || f.isNaN();
        }
        if (!any) {
            return new double[17];
        }
        double[] a = new double[17];
        for (int i = 0; i < 17; i++) {
            JsonNode x = vec.get(i);
            Double f = x.isNull() ? Double.valueOf(Double.NaN) : PyFloat.of(x);
            if (f == null) {
                throw new Void(c.ticker() + "[" + i + "] is not a number: " + abbreviate(x));
            }
            a[i] = f;
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
        return Double.isNaN(x) ? x : Math.min(HI, Math.max(LO, x));
    }

    private static String abbreviate(JsonNode x) {
        String s = String.valueOf(x);
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** At least one element not equal to 0 (NaN counts as non-zero, as Python's {@code v != 0.0}). */
    public static boolean nonZero(double[] v) {
        for (double x : v) {
            if (x != 0.0) {
                return true;
            }
        }
        return false;
    }
}
