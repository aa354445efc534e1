package io.tao4j.mantis.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.aead.ChaCha20Poly1305;
import io.tao4j.crypto.aead.Hkdf;
import io.tao4j.crypto.aead.X25519;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Miner side of MANTIS v2 ({@code generate_and_encrypt.py generate_v2} at 2e9bc5b): encrypts the
 * plaintext with a fresh content key (ChaCha20-Poly1305, binding as AAD), wraps the key for the owner
 * (X25519 + HKDF-SHA256 "mantis-owner-wrap"), and time-locks hex(ske ‖ key) to the drand round.
 */
public final class PayloadSealer {
    private final Tlock tlock;
    private final byte[] ownerPk;
    private final TlockLayout layout;
    private final SecureRandom random;

    public PayloadSealer(Tlock tlock, byte[] ownerPk, TlockLayout layout, SecureRandom random) {
        if (ownerPk == null || ownerPk.length != 32) {
            throw new IllegalArgumentException("owner public key must be 32 bytes");
        }
        this.tlock = tlock;
        this.ownerPk = ownerPk.clone();
        this.layout = layout;
        this.random = random;
    }

    /** Seals UTF-8 plaintext (normally from {@link #preparePlaintext}) for {@code round}. */
    public V2Payload seal(String hotkey, long round, byte[] plaintext) {
        if (round < 1) {
            throw new IllegalArgumentException("drand round must be positive, got " + round);
        }
        byte[] ske = bytes(32);
        byte[] key = bytes(32);
        byte[] pke = X25519.publicKey(ske);
        byte[] binding = MantisV2.binding(hotkey, round, ownerPk, pke);
        byte[] cNonce = bytes(12);
        byte[] cCt = ChaCha20Poly1305.seal(key, cNonce, plaintext, binding);
        byte[] wrapKey = wrapKey(ske, ownerPk);
        byte[] wNonce = bytes(12);
        byte[] wCt = ChaCha20Poly1305.seal(wrapKey, wNonce, key, binding);
        byte[] both = new byte[64];
        System.arraycopy(ske, 0, both, 0, 32);
        System.arraycopy(key, 0, both, 32, 32);
        byte[] hexText = Hex.encode(both).getBytes(StandardCharsets.US_ASCII);
        byte[] timeCt = tlock.encrypt(round, hexText, bytes(32), layout, random);
        Arrays.fill(ske, (byte) 0);
        Arrays.fill(key, (byte) 0);
        Arrays.fill(both, (byte) 0);
        Arrays.fill(wrapKey, (byte) 0);
        V2Payload out = new V2Payload(round, hotkey, Hex.encode(ownerPk), cNonce, cCt, pke, wNonce, wCt, timeCt, binding,
                MantisV2.ALG_LABEL);
        byte[] printed = out.toJson().getBytes(StandardCharsets.UTF_8);
        try {
            PayloadJson.checkEnvelope(printed, 0, printed.length); // what a validator's collector will check
        } catch (PayloadJson.Refused e) {
            throw new IllegalStateException("sealed payload fails the v2 check: " + e.detail());
        }
        return out;
    }

    /** HKDF-SHA256(X25519(ske, owner), salt none, info "mantis-owner-wrap", 44 bytes)[0:32]. */
    static byte[] wrapKey(byte[] ske, byte[] ownerPk) {
        byte[] shared = X25519.sharedSecret(ske, ownerPk);
        byte[] okm = Hkdf.sha256(shared, null, MantisV2.OWNER_WRAP_INFO, 44);
        byte[] k = Arrays.copyOf(okm, 32);
        Arrays.fill(okm, (byte) 0);
        Arrays.fill(shared, (byte) 0);
        return k;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /**
     * {@code _prepare_v2_plaintext}: the payload text is a JSON object, or a JSON list mapped onto the
     * challenge tickers in config order, or the legacy {@code body:::hotkey} form; {@code "hotkey"} is
     * set to the miner's hotkey; output is compact JSON (separators "," and ":"), UTF-8, non-ASCII kept.
     *
     * The text is read as {@code json.loads} reads it ({@link PayloadJson}: nothing after the value; NaN and
     * infinities kept, and written back bare as Python's {@code json.dumps} does).
     *
     * @throws IllegalArgumentException if the text is not such JSON or the legacy hotkey differs
     */
    public static byte[] preparePlaintext(String hotkey, String payloadText) {
        String text = payloadText.strip();
        JsonNode data;
        try {
            int sep = text.lastIndexOf(":::");
            if (sep >= 0) {
                String hk = text.substring(sep + 3);
                if (!hk.equals(hotkey)) {
                    throw new IllegalArgumentException("legacy payload hotkey mismatch");
                }
                data = PayloadJson.parse(text.substring(0, sep).replace('\'', '"').getBytes(StandardCharsets.UTF_8));
            } else {
                data = PayloadJson.parse(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (PayloadJson.Refused e) {
            throw new IllegalArgumentException("plaintext is not valid JSON: " + e.detail());
        }
        ObjectNode obj;
        if (data != null && data.isArray()) {
            obj = PayloadJson.MAPPER.createObjectNode();
            Iterator<JsonNode> it = data.elements();
            for (String ticker : MantisV2.CHALLENGE_TICKERS) {
                if (!it.hasNext()) {
                    break;
                }
                obj.set(ticker, it.next());
            }
        } else if (data != null && data.isObject()) {
            obj = (ObjectNode) data;
        } else {
            throw new IllegalArgumentException("v2 payload must decode to an object or list");
        }
        obj.put("hotkey", hotkey);
        try {
            return PayloadJson.MAPPER.writeValueAsString(obj).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
