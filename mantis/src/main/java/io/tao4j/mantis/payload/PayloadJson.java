package io.tao4j.mantis.payload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one reader of MANTIS v2 JSON, used by the collector, the opener and the sealer. Text is read as the
 * reference reads it, {@code json.loads(body.decode("utf-8"))}: strict UTF-8 (no BOM, no encoded surrogates,
 * no overlong forms), exactly one JSON value with only space, tab, LF and CR around it, {@code NaN},
 * {@code Infinity} and {@code -Infinity} accepted, the last of duplicate keys kept. Strings may be as long as
 * the payload limit (Jackson's default of 20 M characters would refuse a valid 25 MiB payload); numbers are
 * refused beyond {@value #MAX_NUMBER_CHARS} characters (Python refuses integers that long) and nesting beyond
 * 1000 levels (Python's recursion limit).
 *
 * <p>The v2 envelope ({@code comms._is_v2_payload}: an object with {@code v == 2}, an integer {@code round}
 * and every field of {@link #FIELDS}) is checked by {@link #checkEnvelope} straight from the bytes, without
 * building a tree or materialising the strings, so a 25 MiB payload costs its bytes and nothing more.
 */
public final class PayloadJson {
    /** MANTIS {@code cycle.MAX_PAYLOAD_BYTES}: 25 MiB. */
    public static final int MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;
    /** Longest number literal read (Python's {@code int} refuses more than 4300 digits). */
    public static final int MAX_NUMBER_CHARS = 4300;
    /** The fields of a v2 payload, in the order {@code generate_and_encrypt.py} writes them. */
    public static final List<String> FIELDS = List.of("v", "round", "hk", "owner_pk", "C", "W_owner", "W_time", "binding", "alg");

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_PAYLOAD_BYTES)
                .maxNameLength(MAX_PAYLOAD_BYTES)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxNestingDepth(1000)
                .build());
    }

    /** Why text was refused. */
    public enum Problem {
        /** Not valid UTF-8 (or starts with a UTF-8 byte order mark, which {@code json.loads} refuses). */
        NOT_UTF8,
        /** Not a JSON value, or over one of the limits. */
        NOT_JSON,
        /** A complete JSON value followed by something other than whitespace. */
        TRAILING_DATA,
        /** JSON, but not an object. */
        NOT_OBJECT,
        /** An object, but not a v2 envelope ({@code v}, {@code round}, a missing field). */
        NOT_V2
    }

    /** Refused text: the problem and a short detail (never the content). */
    public static final class Refused extends Exception {
        private final Problem problem;

        public Refused(Problem problem, String detail) {
            super(detail, null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }

        public String detail() {
            return getMessage();
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private PayloadJson() {
    }

    /** {@code json.loads(b.decode("utf-8"))} as a tree. */
    public static JsonNode parse(byte[] b) throws Refused {
        return parse(b, 0, b.length);
    }

    /** {@code json.loads(b[off:off+len].decode("utf-8"))} as a tree. */
    public static JsonNode parse(byte[] b, int off, int len) throws Refused {
        checkText(b, off, len);
        try (JsonParser p = parser(b, off, len)) {
            if (p.nextToken() == null) {
                throw new Refused(Problem.NOT_JSON, "no JSON value");
            }
            JsonNode n = MAPPER.readTree(p);
            expectEnd(p);
            return n;
        } catch (Refused r) {
            throw r;
        } catch (IOException e) {
            throw notJson(e);
        } catch (NumberFormatException e) {
            throw new Refused(Problem.NOT_JSON, "unreadable number"); // never a crash on a miner's bytes
        }
    }

    /** The refusal of bytes the parser gave up on: over one of its limits, or not JSON. */
    private static Refused notJson(IOException e) {
        return e instanceof StreamConstraintsException limit
                ? new Refused(Problem.NOT_JSON, "over a JSON limit: " + limit.getOriginalMessage())
                : new Refused(Problem.NOT_JSON, "not JSON");
    }

    /**
     * {@code comms._is_v2_payload(json.loads(b.decode("utf-8")))} without building a tree: an object whose
     * {@code v} equals 2 (2 and 2.0, as Python's {@code ==}), whose {@code round} is an integer (booleans
     * count, as for {@code isinstance(x, int)}) and which has every field of {@link #FIELDS}.
     */
    public static void checkEnvelope(byte[] b, int off, int len) throws Refused {
        checkText(b, off, len);
        Map<String, Boolean> seen = new HashMap<>();
        Boolean vIs2 = null;
        Boolean roundIsInt = null;
        try (JsonParser p = parser(b, off, len)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new Refused(Problem.NOT_JSON, "no JSON value");
            }
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                expectEnd(p);
                throw new Refused(Problem.NOT_OBJECT, "not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("v")) {
                    vIs2 = equalsTwo(p, v);
                } else if (name.equals("round")) {
                    roundIsInt = v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE;
                }
                seen.put(name, Boolean.TRUE);
                p.skipChildren();
            }
            expectEnd(p);
        } catch (Refused r) {
            throw r;
        } catch (IOException e) {
            throw notJson(e);
        }
        if (vIs2 == null || !vIs2) {
            throw new Refused(Problem.NOT_V2, "v is not 2");
        }
        if (roundIsInt == null || !roundIsInt) {
            throw new Refused(Problem.NOT_V2, "round is not an integer");
        }
        for (String f : FIELDS) {
            if (!seen.containsKey(f)) {
                throw new Refused(Problem.NOT_V2, "missing field '" + f + "'");
            }
        }
    }

    /** Python {@code data.get("v") == 2}: a number equal to 2 (2 and 2.0 pass; true, "2" and NaN do not). */
    public static boolean isVersion2(JsonNode data) {
        JsonNode v = data.get("v");
        if (v == null || !v.isNumber()) {
            return false;
        }
        return v.isIntegralNumber() ? v.bigIntegerValue().equals(BigInteger.TWO) : v.doubleValue() == 2.0;
    }

    /**
     * Python {@code int(data.get("round", 0))}, with 0 for anything {@code int()} refuses: integers as
     * is, floats truncated toward zero (NaN and infinities refused), booleans 1/0, strings of (optionally
     * signed) decimal digits with surrounding whitespace and single underscores between digits; 0 also
     * for values beyond a long.
     */
    public static long roundOf(JsonNode data) {
        JsonNode r = data.get("round");
        try {
            if (r == null || r.isNull()) {
                return 0;
            }
            if (r.isBoolean()) {
                return r.booleanValue() ? 1 : 0;
            }
            if (r.isIntegralNumber()) {
                return r.bigIntegerValue().longValueExact();
            }
            if (r.isNumber()) {
                double d = r.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 0x1p63) {
                    return 0;
                }
                return (long) d;
            }
            if (r.isTextual()) {
                String s = r.asText().strip();
                if (!s.matches("[+-]?\\d+(_\\d+)*")) {
                    return 0;
                }
                return new BigInteger(s.replace("_", "")).longValueExact();
            }
        } catch (ArithmeticException e) {
            return 0;
        }
        return 0;
    }

    private static boolean equalsTwo(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getBigIntegerValue().equals(BigInteger.TWO);
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return !p.isNaN() && p.getDoubleValue() == 2.0;
        }
        return false;
    }

    private static void expectEnd(JsonParser p) throws Refused {
        JsonToken next;
        try {
            next = p.nextToken();
        } catch (IOException e) {
            throw new Refused(Problem.TRAILING_DATA, "text after the JSON value");
        }
        if (next != null) {
            throw new Refused(Problem.TRAILING_DATA, "text after the JSON value");
        }
    }

    /**
     * A parser that refuses the non-finite spellings Jackson accepts and Python does not (+Infinity, -INF, +INF),
     * and reads a float whose exponent is beyond {@link java.math.BigDecimal}'s range as Python's {@code float}
     * does ({@code 1e99999999999} → inf, {@code 1e-99999999999} → 0.0) instead of failing.
     */
    private static JsonParser parser(byte[] b, int off, int len) throws IOException {
        return new JsonParserDelegate(MAPPER.getFactory().createParser(b, off, len)) {
            /** The tree builder asks this before {@code getDecimalValue}: true makes it take {@link #getDoubleValue}. */
            @Override
            public boolean isNaN() throws IOException {
                return delegate.isNaN() || hugeExponent();
            }

            @Override
            public double getDoubleValue() throws IOException {
                return hugeExponent() ? Double.parseDouble(delegate.getText()) : delegate.getDoubleValue();
            }

            private boolean hugeExponent() throws IOException {
                if (delegate.currentToken() != JsonToken.VALUE_NUMBER_FLOAT || delegate.isNaN()) {
                    return false;
                }
                try {
                    delegate.getDecimalValue();
                    return false;
                } catch (NumberFormatException e) {
                    return true;
                }
            }

            @Override
            public JsonToken nextToken() throws IOException {
                JsonToken t = super.nextToken();
                if (t == JsonToken.VALUE_NUMBER_FLOAT && delegate.isNaN()) {
                    String s = delegate.getText();
                    if (!(s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
                        throw new JsonProcessingException("non-finite number spelled " + s, delegate.currentLocation()) {
                        };
                    }
                }
                return t;
            }
        };
    }

    /**
     * Strict UTF-8 as Python's decoder: no overlong forms, no encoded surrogates, nothing above U+10FFFF;
     * also refuses a leading byte order mark and a zero byte among the first four (Python's {@code json.loads}
     * refuses both, and Jackson would take the latter as UTF-16 or UTF-32).
     */
    static void checkText(byte[] b, int off, int len) throws Refused {
        int end = off + len;
        if (len >= 3 && (b[off] & 0xff) == 0xef && (b[off + 1] & 0xff) == 0xbb && (b[off + 2] & 0xff) == 0xbf) {
            throw new Refused(Problem.NOT_UTF8, "starts with a UTF-8 byte order mark");
        }
        int i = off;
        while (i < end) {
            if (i + 8 <= end && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
                i += 8; // eight ASCII bytes at once: payloads are almost all hex
                continue;
            }
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int lo = 0x80;
            int hi = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
                if (c == 0xe0) {
                    lo = 0xa0; // overlong
                } else if (c == 0xed) {
                    hi = 0x9f; // surrogates
                }
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
                if (c == 0xf0) {
                    lo = 0x90; // overlong
                } else if (c == 0xf4) {
                    hi = 0x8f; // above U+10FFFF
                }
            } else {
                throw new Refused(Problem.NOT_UTF8, "invalid UTF-8 at offset " + (i - off));
            }
            if (i + n >= end) {
                throw new Refused(Problem.NOT_UTF8, "truncated UTF-8 sequence at offset " + (i - off));
            }
            int c1 = b[i + 1] & 0xff;
            if (c1 < lo || c1 > hi) {
                throw new Refused(Problem.NOT_UTF8, "invalid UTF-8 at offset " + (i - off));
            }
            for (int k = 2; k <= n; k++) {
                int ck = b[i + k] & 0xff;
                if (ck < 0x80 || ck > 0xbf) {
                    throw new Refused(Problem.NOT_UTF8, "invalid UTF-8 at offset " + (i - off));
                }
            }
            i += n + 1;
        }
        for (int k = off; k < Math.min(end, off + 4); k++) {
            if (b[k] == 0) {
                throw new Refused(Problem.NOT_JSON, "zero byte at offset " + (k - off));
            }
        }
    }
}
