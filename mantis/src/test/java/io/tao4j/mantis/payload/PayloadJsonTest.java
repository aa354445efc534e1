package io.tao4j.mantis.payload;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@link PayloadJson} against what Python's {@code json.loads(body.decode("utf-8"))} does with each input
 * (the expected column is CPython 3's behaviour: null = accepted).
 */
class PayloadJsonTest {
    static final String ENVELOPE = "{\"v\":2,\"round\":1000,\"hk\":\"h\",\"owner_pk\":\"aa\",\"C\":{},\"W_owner\":{},"
            + "\"W_time\":{},\"binding\":\"bb\",\"alg\":\"x\"}";

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] cat(Object... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Object p : parts) {
            o.writeBytes(p instanceof String s ? b(s) : (byte[]) p);
        }
        return o.toByteArray();
    }

    static byte[] bytes(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    /** Inputs and what json.loads(body.decode("utf-8")) makes of them. */
    static Map<String, Object[]> textCases() {
        Map<String, Object[]> t = new LinkedHashMap<>();
        t.put("object", new Object[]{b("{\"a\":1}"), null});
        t.put("json whitespace around", new Object[]{b(" \t\n\r{\"a\":1} \t\n\r"), null});
        t.put("second object after", new Object[]{b("{\"a\":1}{\"b\":2}"), PayloadJson.Problem.TRAILING_DATA});
        t.put("garbage after", new Object[]{b("{\"a\":1} garbage"), PayloadJson.Problem.TRAILING_DATA});
        t.put("NUL after", new Object[]{b("{\"a\":1}\u0000"), PayloadJson.Problem.TRAILING_DATA});
        t.put("form feed after", new Object[]{b("{\"a\":1}\f"), PayloadJson.Problem.TRAILING_DATA});
        t.put("number after", new Object[]{b("{\"a\":1} 5"), PayloadJson.Problem.TRAILING_DATA});
        t.put("form feed before", new Object[]{b("\f{\"a\":1}"), PayloadJson.Problem.NOT_JSON});
        t.put("no-break space before", new Object[]{b("\u00a0{\"a\":1}"), PayloadJson.Problem.NOT_JSON});
        t.put("empty", new Object[]{b(""), PayloadJson.Problem.NOT_JSON});
        t.put("only whitespace", new Object[]{b(" \n "), PayloadJson.Problem.NOT_JSON});
        t.put("trailing comma", new Object[]{b("{\"a\":1,}"), PayloadJson.Problem.NOT_JSON});
        t.put("single quotes", new Object[]{b("{'a':1}"), PayloadJson.Problem.NOT_JSON});
        t.put("raw control char in string", new Object[]{b("{\"a\":\"\u0001\"}"), PayloadJson.Problem.NOT_JSON});
        t.put("UTF-16 encoded", new Object[]{"{}".getBytes(StandardCharsets.UTF_16LE), PayloadJson.Problem.NOT_JSON});
        t.put("UTF-8 BOM", new Object[]{cat(bytes(0xef, 0xbb, 0xbf), "{}"), PayloadJson.Problem.NOT_UTF8});
        t.put("invalid byte 0xff", new Object[]{cat("{\"a\":\"", bytes(0xff), "\"}"), PayloadJson.Problem.NOT_UTF8});
        t.put("overlong slash", new Object[]{cat("{\"a\":\"", bytes(0xc0, 0xaf), "\"}"), PayloadJson.Problem.NOT_UTF8});
        t.put("encoded surrogate", new Object[]{cat("{\"a\":\"", bytes(0xed, 0xa0, 0x80), "\"}"), PayloadJson.Problem.NOT_UTF8});
        t.put("above U+10FFFF", new Object[]{cat("{\"a\":\"", bytes(0xf4, 0x90, 0x80, 0x80), "\"}"), PayloadJson.Problem.NOT_UTF8});
        t.put("truncated sequence at end", new Object[]{cat("{\"a\":1}", bytes(0xe2, 0x82)), PayloadJson.Problem.NOT_UTF8});
        t.put("lone continuation byte", new Object[]{cat("{\"a\":\"", bytes(0x80), "\"}"), PayloadJson.Problem.NOT_UTF8});
        t.put("4-byte character", new Object[]{b("{\"a\":\"\uD83D\uDE00 zürich\"}"), null});
        t.put("escaped lone surrogate", new Object[]{b("{\"a\":\"\\ud800\"}"), null});
        t.put("NaN and infinities", new Object[]{b("{\"a\":[NaN,Infinity,-Infinity]}"), null});
        t.put("+Infinity", new Object[]{b("{\"a\":+Infinity}"), PayloadJson.Problem.NOT_JSON});
        t.put("-INF", new Object[]{b("{\"a\":-INF}"), PayloadJson.Problem.NOT_JSON});
        t.put("+INF", new Object[]{b("{\"a\":+INF}"), PayloadJson.Problem.NOT_JSON});
        t.put("nan", new Object[]{b("{\"a\":nan}"), PayloadJson.Problem.NOT_JSON});
        t.put("-NaN", new Object[]{b("{\"a\":-NaN}"), PayloadJson.Problem.NOT_JSON});
        t.put("leading zero", new Object[]{b("{\"a\":01}"), PayloadJson.Problem.NOT_JSON});
        t.put("duplicate keys", new Object[]{b("{\"a\":1,\"a\":2}"), null});
        t.put("array", new Object[]{b("[1,2]"), null});
        t.put("scalar", new Object[]{b("2"), null});
        return t;
    }

    @Test
    void parseRefusesWhatJsonLoadsRefusesWithANamedProblem() {
        textCases().forEach((name, c) -> {
            PayloadJson.Problem expected = (PayloadJson.Problem) c[1];
            try {
                JsonNode n = PayloadJson.parse((byte[]) c[0]);
                assertThat(expected).as(name + " was accepted").isNull();
                assertThat(n).as(name).isNotNull();
            } catch (PayloadJson.Refused r) {
                assertThat(r.problem()).as(name + ": " + r.detail()).isEqualTo(expected);
                assertThat(r.detail()).as(name).isNotBlank();
            }
        });
    }

    @Test
    void acceptedValuesAreReadAsPythonReadsThem() throws Exception {
        assertThat(PayloadJson.parse(b("{\"a\":1,\"a\":2}")).get("a").asInt()).isEqualTo(2);
        JsonNode nan = PayloadJson.parse(b("[NaN,Infinity,-Infinity]"));
        assertThat(nan.get(0).doubleValue()).isNaN();
        assertThat(nan.get(1).doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(nan.get(2).doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        // Python's == and int(): NaN is not 2, 2.0 is; a NaN round is no round
        assertThat(PayloadJson.isVersion2(PayloadJson.parse(b("{\"v\":NaN}")))).isFalse();
        assertThat(PayloadJson.isVersion2(PayloadJson.parse(b("{\"v\":2.0}")))).isTrue();
        assertThat(PayloadJson.isVersion2(PayloadJson.parse(b("{\"v\":true}")))).isFalse();
        assertThat(PayloadJson.roundOf(PayloadJson.parse(b("{\"round\":NaN}")))).isZero();
        assertThat(PayloadJson.roundOf(PayloadJson.parse(b("{\"round\":-Infinity}")))).isZero();
        assertThat(PayloadJson.roundOf(PayloadJson.parse(b("{\"round\":1000.9}")))).isEqualTo(1000);
        // float('0.371e123456789012345678901234567890') is inf and an exponent below the range gives 0.0 (found by
        // SubmissionValidatorTest's fuzz: Jackson's BigDecimal threw NumberFormatException out of parse)
        JsonNode huge = PayloadJson.parse(b("[0.371e123456789012345678901234567890,-2e99999999999,1e-99999999999,1.5]"));
        assertThat(huge.get(0).doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(huge.get(1).doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(huge.get(2).doubleValue()).isZero();
        assertThat(huge.get(3).decimalValue()).isEqualByComparingTo("1.5");
        assertThat(PayloadJson.isVersion2(PayloadJson.parse(b("{\"v\":2e99999999999}")))).isFalse();
    }

    @Test
    void theEnvelopeCheckReadsTextTheSameWayAndChecksTheV2Fields() {
        Map<String, Object[]> t = new LinkedHashMap<>();
        textCases().forEach((name, c) -> {
            PayloadJson.Problem p = (PayloadJson.Problem) c[1];
            // accepted text that is not a v2 envelope is refused by the schema part
            t.put(name, new Object[]{c[0], p != null ? p : name.equals("array") || name.equals("scalar")
                    ? PayloadJson.Problem.NOT_OBJECT : PayloadJson.Problem.NOT_V2});
        });
        t.put("envelope", new Object[]{b(ENVELOPE), null});
        t.put("envelope, whitespace after", new Object[]{b(ENVELOPE + "\r\n"), null});
        t.put("envelope, object after", new Object[]{b(ENVELOPE + "{}"), PayloadJson.Problem.TRAILING_DATA});
        t.put("envelope, NUL after", new Object[]{b(ENVELOPE + "\u0000"), PayloadJson.Problem.TRAILING_DATA});
        t.put("envelope, non-ASCII hk", new Object[]{b(ENVELOPE.replace("\"hk\":\"h\"", "\"hk\":\"\u00ff\"")), null});
        byte[] badHk = b(ENVELOPE);
        badHk[ENVELOPE.indexOf("\"h\"") + 1] = (byte) 0xff;
        t.put("envelope, byte 0xff in hk", new Object[]{badHk, PayloadJson.Problem.NOT_UTF8});
        t.put("v 2.0", new Object[]{b(ENVELOPE.replace("\"v\":2", "\"v\":2.0")), null});
        t.put("v NaN", new Object[]{b(ENVELOPE.replace("\"v\":2", "\"v\":NaN")), PayloadJson.Problem.NOT_V2});
        t.put("v \"2\"", new Object[]{b(ENVELOPE.replace("\"v\":2", "\"v\":\"2\"")), PayloadJson.Problem.NOT_V2});
        t.put("round true", new Object[]{b(ENVELOPE.replace("\"round\":1000", "\"round\":true")), null});
        t.put("round 1000.0", new Object[]{b(ENVELOPE.replace("\"round\":1000", "\"round\":1000.0")), PayloadJson.Problem.NOT_V2});
        t.put("round Infinity", new Object[]{b(ENVELOPE.replace("\"round\":1000", "\"round\":Infinity")), PayloadJson.Problem.NOT_V2});
        t.put("duplicate round, last an int", new Object[]{b(ENVELOPE.replace("\"round\":1000", "\"round\":1.5,\"round\":7")), null});
        t.put("duplicate v, last not 2", new Object[]{b(ENVELOPE.replace("\"v\":2", "\"v\":2,\"v\":3")), PayloadJson.Problem.NOT_V2});
        t.put("missing alg", new Object[]{b(ENVELOPE.replace(",\"alg\":\"x\"", "")), PayloadJson.Problem.NOT_V2});
        t.put("nested garbage", new Object[]{b(ENVELOPE.replace("\"C\":{}", "\"C\":{\"a\":[1,}")), PayloadJson.Problem.NOT_JSON});
        t.forEach((name, c) -> {
            byte[] in = (byte[]) c[0];
            try {
                PayloadJson.checkEnvelope(in, 0, in.length);
                assertThat(c[1]).as(name + " was accepted").isNull();
            } catch (PayloadJson.Refused r) {
                assertThat(r.problem()).as(name + ": " + r.detail()).isEqualTo(c[1]);
            }
        });
    }

    @Test
    void aStringOverJacksonsDefaultLimitIsReadWhileTheDocumentIsUnderThePayloadLimit() throws Exception {
        char[] big = new char[21_000_000]; // Jackson's default maximum string length is 20 M characters
        Arrays.fill(big, 'a');
        byte[] doc = b(ENVELOPE.replace("\"alg\":\"x\"", "\"alg\":\"" + new String(big) + "\""));
        assertThat(doc.length).isLessThan(PayloadJson.MAX_PAYLOAD_BYTES);
        PayloadJson.checkEnvelope(doc, 0, doc.length);
        assertThat(PayloadJson.parse(doc).get("alg").asText()).hasSize(big.length);
    }

    @Test
    void aBadByteIsFoundAtEveryPositionOfALongAsciiRun() {
        for (int at = 0; at < 40; at++) {
            byte[] doc = b("{\"a\":\"" + "x".repeat(40) + "\"}");
            doc[6 + at] = (byte) 0x80;
            try {
                PayloadJson.parse(doc);
                fail("byte 0x80 at " + at + " accepted");
            } catch (PayloadJson.Refused r) {
                assertThat(r.problem()).as("at " + at).isEqualTo(PayloadJson.Problem.NOT_UTF8);
                assertThat(r.detail()).contains("offset " + (6 + at));
            }
        }
    }

    @Test
    void offsetsAreHonoured() throws Exception {
        byte[] framed = cat("xx", ENVELOPE, "yy");
        PayloadJson.checkEnvelope(framed, 2, framed.length - 4);
        assertThat(PayloadJson.parse(framed, 2, framed.length - 4).get("v").asInt()).isEqualTo(2);
        try {
            PayloadJson.checkEnvelope(framed, 2, framed.length - 3);
            fail("trailing y accepted");
        } catch (PayloadJson.Refused r) {
            assertThat(r.problem()).isEqualTo(PayloadJson.Problem.TRAILING_DATA);
        }
    }
}
