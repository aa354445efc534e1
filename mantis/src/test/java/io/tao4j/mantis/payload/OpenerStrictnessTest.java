package io.tao4j.mantis.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.aead.X25519;
import io.tao4j.drand.ChainInfo;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opener reads payload bytes and plaintexts as the reference's {@code json.loads(x.decode("utf-8"))}:
 * what Python refuses is refused with a named reason, what it accepts is opened.
 */
class OpenerStrictnessTest {
    static final String HK = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    static final byte[] SIG = Hex.decode(PayloadFixtures.SIG_1000);
    static final byte[] OWNER_PK = X25519.publicKey(new byte[]{7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31});
    static final PayloadSealer SEALER = new PayloadSealer(new Tlock(ChainInfo.QUICKNET.publicKeyPoint()), OWNER_PK,
            TlockLayout.CURRENT, new SecureRandom());
    static final PayloadOpener OPENER = new PayloadOpener(OWNER_PK);

    static byte[] cat(Object... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Object p : parts) {
            o.writeBytes(p instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) p);
        }
        return o.toByteArray();
    }

    static OpenResult open(byte[] raw) {
        return OPENER.openRaw(raw, r -> r == 1000 ? SIG : null, HK);
    }

    static byte[] sealed(byte[] plaintext) {
        return SEALER.seal(HK, 1000, plaintext).toJson().getBytes(StandardCharsets.UTF_8);
    }

    static RejectReason reason(OpenResult r) {
        return r instanceof OpenResult.Rejected rej ? rej.reason() : null;
    }

    @Test
    void plaintextsAreReadAsJsonLoadsReadsThem() {
        String obj = "{\"hotkey\":\"" + HK + "\"}";
        Map<String, Object[]> t = new LinkedHashMap<>();
        t.put("object", new Object[]{cat(obj), null});
        t.put("whitespace around", new Object[]{cat(" \n", obj, "\r\n\t "), null});
        t.put("NUL after", new Object[]{cat(obj, new byte[]{0}), RejectReason.PLAINTEXT_TRAILING_DATA});
        t.put("NULs padding after", new Object[]{cat(obj, new byte[16]), RejectReason.PLAINTEXT_TRAILING_DATA});
        t.put("text after", new Object[]{cat(obj, " trailing"), RejectReason.PLAINTEXT_TRAILING_DATA});
        t.put("second object after", new Object[]{cat(obj, "{}"), RejectReason.PLAINTEXT_TRAILING_DATA});
        t.put("invalid UTF-8", new Object[]{cat("{\"hotkey\":\"" + HK + "\",\"x\":\"", new byte[]{(byte) 0xff}, "\"}"),
                RejectReason.PLAINTEXT_NOT_UTF8});
        t.put("encoded surrogate", new Object[]{cat("{\"hotkey\":\"" + HK + "\",\"x\":\"", new byte[]{(byte) 0xed, (byte) 0xa0,
                (byte) 0x80}, "\"}"), RejectReason.PLAINTEXT_NOT_UTF8});
        t.put("a list", new Object[]{cat("[1,2]"), RejectReason.PLAINTEXT_NOT_JSON_OBJECT});
        t.put("not JSON", new Object[]{cat("hotkey"), RejectReason.PLAINTEXT_NOT_JSON_OBJECT});
        t.put("NaN values", new Object[]{cat("{\"hotkey\":\"" + HK + "\",\"ETH\":[NaN,0.5],\"ETHHITFIRST\":[Infinity,-Infinity,0]}"), null});
        t.put("another hotkey", new Object[]{cat("{\"hotkey\":\"5Other\"}"), RejectReason.HOTKEY_MISMATCH});
        t.forEach((name, c) -> {
            byte[] pt = (byte[]) c[0];
            OpenResult r = open(sealed(pt));
            assertThat(reason(r)).as(name + ": " + r).isEqualTo(c[1]);
            if (c[1] == null) {
                assertThat(((OpenResult.Opened) r).plaintext()).as(name).isEqualTo(pt);
            }
        });
    }

    @Test
    void nanInAPlaintextIsLeftToTheValidationRules() throws Exception {
        // Python: all(-1 <= x <= 1) is False for NaN and inf, so those vectors stay zero; ETHLBFGS clips
        byte[] pt = cat("{\"hotkey\":\"" + HK + "\",\"ETH\":[NaN,0.5],\"CADUSD\":[0.25,-0.5]}");
        OpenResult r = open(sealed(pt));
        assertThat(r.isOpened()).isTrue();
        Map<String, double[]> v = V2Submission.sanitize(PayloadJson.parse(((OpenResult.Opened) r).plaintext()));
        assertThat(v.get("ETH")).containsExactly(0, 0);
        assertThat(v.get("CADUSD")).containsExactly(0.25, -0.5);
    }

    @Test
    void payloadBytesAreReadAsJsonLoadsReadsThem() {
        byte[] good = sealed(cat("{\"hotkey\":\"" + HK + "\"}"));
        assertThat(open(good).isOpened()).isTrue();
        assertThat(open(cat(good, "\n")).isOpened()).isTrue();
        assertThat(reason(open(cat(good, "{}")))).isEqualTo(RejectReason.TRAILING_DATA);
        assertThat(reason(open(cat(good, " x")))).isEqualTo(RejectReason.TRAILING_DATA);
        assertThat(reason(open(cat(good, new byte[]{0})))).isEqualTo(RejectReason.TRAILING_DATA);
        byte[] badUtf8 = good.clone();
        String s = new String(good, StandardCharsets.UTF_8);
        badUtf8[s.indexOf("drand-tlock")] = (byte) 0xc0; // inside the alg string
        assertThat(reason(open(badUtf8))).isEqualTo(RejectReason.NOT_UTF8);
        assertThat(reason(open(cat(new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, good)))).isEqualTo(RejectReason.NOT_UTF8);
    }

    @Test
    void aPayloadUnderTheLimitWithAHexStringOverJacksonsDefaultLimitOpens() {
        // 10.5 MB of plaintext: C.ct is 21 M hex characters, over Jackson's default 20 M-character string limit
        char[] pad = new char[10_500_000];
        Arrays.fill(pad, 'p');
        byte[] pt = cat("{\"hotkey\":\"" + HK + "\",\"pad\":\"", new String(pad), "\"}");
        byte[] raw = sealed(pt);
        assertThat(raw.length).isGreaterThan(21_000_000).isLessThan(PayloadJson.MAX_PAYLOAD_BYTES);
        OpenResult r = open(raw);
        assertThat(r.isOpened()).as(String.valueOf(r)).isTrue();
        assertThat(((OpenResult.Opened) r).plaintext()).isEqualTo(pt);
    }

    /**
     * Mutations of a sealed payload (byte flips, deletions, insertions, truncations, duplicated and swapped
     * ranges, non-finite numbers, invalid UTF-8): the collector's check and the opener never throw, and every
     * refusal carries a named reason and a detail.
     */
    @Test
    void mutatedPayloadsNeverCrashAndEveryRefusalIsNamed() {
        byte[] good = sealed(cat("{\"hotkey\":\"" + HK + "\",\"ETH\":[0.5,-0.5]}"));
        Random rnd = new Random(349);
        String[] inserts = {"NaN", "-Infinity", "\u0000", "{", "}", "\"", ",", "[", "]", "\\", "1e999", "-0", "\u00ff",
                "\uD83D\uDE00", "null", "true", "{\"v\":2}", " ", "\n"};
        int opened = 0;
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            byte[] m = mutate(good, rnd, inserts, i % 8);
            OpenResult r = open(m);
            if (r instanceof OpenResult.Rejected rej) {
                assertThat(rej.reason()).as("mutation " + i).isNotNull();
                assertThat(rej.detail()).as("mutation " + i).isNotBlank();
                refused++;
            } else {
                opened++;
            }
            try {
                PayloadJson.checkEnvelope(m, 0, m.length);
            } catch (PayloadJson.Refused e) {
                assertThat(e.problem()).as("mutation " + i).isNotNull();
                assertThat(e.detail()).as("mutation " + i).isNotBlank();
            }
        }
        assertThat(refused).isGreaterThan(300);
        assertThat(opened + refused).isEqualTo(400);
    }

    static byte[] mutate(byte[] in, Random rnd, String[] inserts, int kind) {
        int n = in.length;
        int at = rnd.nextInt(n);
        int len = 1 + rnd.nextInt(Math.min(64, n - at));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        switch (kind) {
            case 0 -> { // flip one bit
                byte[] c = in.clone();
                c[at] ^= (byte) (1 << rnd.nextInt(8));
                return c;
            }
            case 1 -> { // delete a range
                o.write(in, 0, at);
                o.write(in, at + len, n - at - len);
            }
            case 2 -> { // insert a token
                o.write(in, 0, at);
                o.writeBytes(inserts[rnd.nextInt(inserts.length)].getBytes(StandardCharsets.UTF_8));
                o.write(in, at, n - at);
            }
            case 3 -> { // truncate
                o.write(in, 0, at);
            }
            case 4 -> { // duplicate a range
                o.write(in, 0, at + len);
                o.write(in, at, n - at);
            }
            case 5 -> { // random bytes over a range
                byte[] c = in.clone();
                for (int k = at; k < at + len; k++) {
                    c[k] = (byte) rnd.nextInt(256);
                }
                return c;
            }
            case 6 -> { // append something
                o.write(in, 0, n);
                o.writeBytes(inserts[rnd.nextInt(inserts.length)].getBytes(StandardCharsets.UTF_8));
            }
            default -> { // swap two ranges
                byte[] c = in.clone();
                int other = rnd.nextInt(n - len);
                byte[] tmp = Arrays.copyOfRange(c, at, at + len);
                System.arraycopy(c, other, c, at, len);
                System.arraycopy(tmp, 0, c, other, len);
                return c;
            }
        }
        return o.toByteArray();
    }

    @Test
    void theSealerPrintsWhatTheCollectorAccepts() throws Exception {
        byte[] raw = sealed(cat("{\"hotkey\":\"" + HK + "\"}"));
        PayloadJson.checkEnvelope(raw, 0, raw.length);
        JsonNode n = PayloadJson.parse(raw);
        assertThat(n.fieldNames()).toIterable().containsExactlyElementsOf(PayloadJson.FIELDS);
        // the sealer's plaintext preparation reads the miner's text with the same rules
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PayloadSealer.preparePlaintext(HK, "{\"ETH\":[1,0]} x"))
                .hasMessageContaining("after the JSON value");
        assertThat(new String(PayloadSealer.preparePlaintext(HK, "{\"ETH\":[NaN,0]}"), StandardCharsets.UTF_8))
                .isEqualTo("{\"ETH\":[NaN,0],\"hotkey\":\"" + HK + "\"}");
    }
}
