package io.tao4j.mantis.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.aead.AeadException;
import io.tao4j.crypto.aead.ChaCha20Poly1305;
import io.tao4j.crypto.aead.X25519;
import io.tao4j.crypto.bls.BlsException;
import io.tao4j.crypto.bls.G1Point;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockCiphertext;
import io.tao4j.drand.tlock.TlockException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;

/**
 * Validator side of MANTIS v2 ({@code ledger.py} at 2e9bc5b). {@link #open(JsonNode, byte[])} is
 * {@code _decrypt_v2_payload}: it performs the reference's checks in the reference's order and returns
 * the plaintext or the first failed check as a {@link RejectReason}. {@link #openRaw} adds the
 * surrounding JSON-level steps of {@code process_pending_payloads} (object, {@code v == 2}, round parse,
 * signature lookup, and the plaintext hotkey check). The payload bytes and the plaintext are read with
 * {@link PayloadJson} ({@code json.loads} rules: strict UTF-8, nothing after the value).
 */
public final class PayloadOpener {

    /** Where the validator gets the verified drand signature of a round; null if none is available. */
    @FunctionalInterface
    public interface SignatureSource {
        byte[] signature(long round);

        /** Signatures from a drand client (verified, cached); null when the round is not out or unreachable. */
        static SignatureSource from(io.tao4j.drand.DrandClient client) {
            return round -> client.tryBeacon(round).map(io.tao4j.drand.Beacon::signature).orElse(null);
        }
    }

    private final byte[] ownerPk;
    private final String ownerPkHex;

    /** Opener for the built-in MANTIS owner key ({@link MantisV2#OWNER_PUBLIC_KEY_HEX}). */
    public PayloadOpener() {
        this(MantisV2.ownerPublicKey());
    }

    /** Opener for a configured owner key (the key used for the binding and the wrap, whatever the payload says). */
    public PayloadOpener(byte[] ownerPk) {
        if (ownerPk == null || ownerPk.length != 32) {
            throw new IllegalArgumentException("owner public key must be 32 bytes");
        }
        this.ownerPk = ownerPk.clone();
        this.ownerPkHex = Hex.encode(ownerPk);
    }

    /**
     * The whole validator path for one collected payload: raw bytes → JSON object with {@code v == 2}
     * → {@code round} → signature → {@link #open} → plaintext JSON object whose {@code hotkey} equals
     * {@code collectedHotkey} (null: the plaintext must still be a JSON object, but its hotkey is not compared).
     */
    public OpenResult openRaw(byte[] raw, SignatureSource signatures, String collectedHotkey) {
        JsonNode data;
        try {
            data = PayloadJson.parse(raw);
        } catch (PayloadJson.Refused e) {
            return refused(e, "payload", RejectReason.NOT_UTF8, RejectReason.TRAILING_DATA, RejectReason.NOT_JSON_OBJECT);
        }
        if (data == null || !data.isObject()) {
            return reject(RejectReason.NOT_JSON_OBJECT, "payload is not a JSON object");
        }
        if (!PayloadJson.isVersion2(data)) {
            return reject(RejectReason.UNSUPPORTED_VERSION, "payload field v is not 2");
        }
        long round = PayloadJson.roundOf(data);
        if (round <= 0) {
            return reject(RejectReason.BAD_ROUND, "payload round is missing, not an integer, or not positive");
        }
        byte[] sig = signatures.signature(round);
        if (sig == null || sig.length == 0) {
            return reject(RejectReason.NO_SIGNATURE, "no drand signature for round " + round);
        }
        OpenResult r = open(data, sig);
        if (r instanceof OpenResult.Opened opened) {
            return checkPlaintext(opened, collectedHotkey);
        }
        return r;
    }

    /**
     * {@code _decrypt_v2_payload}: owner key check, binding, timelock, ske→pke, owner wrap, content.
     * Never throws for bad payload content; the first failing check is the rejection reason.
     */
    public OpenResult open(JsonNode payload, byte[] signature) {
        if (signature == null || signature.length == 0) {
            return reject(RejectReason.NO_SIGNATURE, "no drand signature");
        }
        if (payload == null || !payload.isObject()) {
            return reject(RejectReason.MALFORMED_FIELD, "payload is not a JSON object");
        }
        JsonNode owner = payload.get("owner_pk");
        if (owner != null && owner.isTextual()
                && !owner.asText().toLowerCase(Locale.ROOT).equals(ownerPkHex.toLowerCase(Locale.ROOT))) {
            return reject(RejectReason.OWNER_KEY_MISMATCH, "payload owner_pk is not the configured owner key");
        }
        byte[] pke;
        byte[] givenBinding;
        byte[] binding;
        try {
            pke = hexAt(payload, "W_owner", "pke");
            JsonNode hk = payload.get("hk");
            if (hk == null || !hk.isTextual()) {
                throw new FieldException("hk");
            }
            long round = roundStrict(payload);
            binding = MantisV2.binding(hk.asText(), round, ownerPk, pke);
            givenBinding = hexAt(payload, "binding", null);
        } catch (FieldException e) {
            return reject(RejectReason.MALFORMED_FIELD, e.getMessage());
        }
        if (!MessageDigest.isEqual(binding, givenBinding)) {
            return reject(RejectReason.BINDING_MISMATCH, "binding does not match hk, round, owner key and pke");
        }
        byte[] timeCt;
        try {
            timeCt = hexAt(payload, "W_time", "ct");
        } catch (FieldException e) {
            return reject(RejectReason.MALFORMED_FIELD, e.getMessage());
        }
        byte[] skeK;
        try {
            skeK = Tlock.decrypt(TlockCiphertext.parse(timeCt), signaturePoint(signature));
        } catch (TlockException e) {
            return reject(RejectReason.TIMELOCK_FAILED, "W_time did not open: " + e.reason());
        }
        if (skeK.length == 128 && isAscii(skeK)) {
            try {
                skeK = pyFromHex(new String(skeK, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                // the reference keeps the raw bytes, which then fail the length check
            }
        }
        if (skeK.length != 64) {
            return reject(RejectReason.BAD_TIME_PLAINTEXT, "time-locked plaintext is " + skeK.length + " bytes, not 64");
        }
        byte[] ske = Arrays.copyOfRange(skeK, 0, 32);
        byte[] key = Arrays.copyOfRange(skeK, 32, 64);
        Arrays.fill(skeK, (byte) 0);
        try {
            if (!MessageDigest.isEqual(X25519.publicKey(ske), pke)) {
                return reject(RejectReason.EPHEMERAL_KEY_MISMATCH, "W_owner.pke is not the public key of the time-locked ske");
            }
            byte[] wrapped;
            try {
                byte[] wrapKey = PayloadSealer.wrapKey(ske, ownerPk);
                byte[] nonce = hexAt(payload, "W_owner", "nonce");
                byte[] ct = hexAt(payload, "W_owner", "ct");
                wrapped = ChaCha20Poly1305.open(wrapKey, nonce, ct, binding);
                Arrays.fill(wrapKey, (byte) 0);
            } catch (FieldException e) {
                return reject(RejectReason.MALFORMED_FIELD, e.getMessage());
            } catch (AeadException | IllegalArgumentException e) {
                return reject(RejectReason.OWNER_WRAP_FAILED, "W_owner did not authenticate");
            }
            if (!MessageDigest.isEqual(wrapped, key)) {
                return reject(RejectReason.OWNER_WRAP_KEY_MISMATCH, "W_owner does not hold the time-locked content key");
            }
            try {
                byte[] nonce = hexAt(payload, "C", "nonce");
                byte[] ct = hexAt(payload, "C", "ct");
                return new OpenResult.Opened(ChaCha20Poly1305.open(key, nonce, ct, binding));
            } catch (FieldException e) {
                return reject(RejectReason.MALFORMED_FIELD, e.getMessage());
            } catch (AeadException e) {
                return reject(RejectReason.CONTENT_FAILED, "C did not authenticate");
            }
        } finally {
            Arrays.fill(ske, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    /** One decoded signature is kept: a validator opens many payloads of the same round in a row. */
    private volatile Object[] lastSignature;

    private G1Point signaturePoint(byte[] signature) throws TlockException {
        Object[] last = lastSignature;
        if (last != null && Arrays.equals((byte[]) last[0], signature)) {
            return (G1Point) last[1];
        }
        G1Point p;
        try {
            p = G1Point.fromCompressed(signature);
        } catch (BlsException e) {
            throw new TlockException(TlockException.Reason.BAD_SIGNATURE_ENCODING,
                    "signature is not a valid G1 point: " + e.getMessage());
        }
        lastSignature = new Object[]{signature.clone(), p};
        return p;
    }

    /** The rejection of {@code what} (payload or plaintext) bytes {@link PayloadJson} refused, by its problem. */
    private static OpenResult refused(PayloadJson.Refused e, String what, RejectReason notUtf8, RejectReason trailing,
                                      RejectReason notObject) {
        RejectReason reason = switch (e.problem()) {
            case NOT_UTF8 -> notUtf8;
            case TRAILING_DATA -> trailing;
            default -> notObject;
        };
        return reject(reason, what + ": " + e.detail());
    }

    /**
     * Step after decryption: the plaintext must be a JSON object whose {@code hotkey} is the collecting
     * hotkey (not compared if {@code collectedHotkey} is null).
     */
    public static OpenResult checkPlaintext(OpenResult.Opened opened, String collectedHotkey) {
        JsonNode obj;
        try {
            obj = PayloadJson.parse(opened.plaintext());
        } catch (PayloadJson.Refused e) {
            return refused(e, "plaintext", RejectReason.PLAINTEXT_NOT_UTF8, RejectReason.PLAINTEXT_TRAILING_DATA,
                    RejectReason.PLAINTEXT_NOT_JSON_OBJECT);
        }
        if (obj == null || !obj.isObject()) {
            return reject(RejectReason.PLAINTEXT_NOT_JSON_OBJECT, "plaintext is not a JSON object");
        }
        if (collectedHotkey == null) {
            return opened;
        }
        JsonNode hk = obj.get("hotkey");
        if (hk == null || !hk.isTextual() || !hk.asText().equals(collectedHotkey)) {
            return reject(RejectReason.HOTKEY_MISMATCH, "plaintext hotkey is not the hotkey the payload came from");
        }
        return opened;
    }

    private static long roundStrict(JsonNode payload) throws FieldException {
        if (!payload.has("round")) {
            throw new FieldException("round");
        }
        long r = PayloadJson.roundOf(payload);
        if (r == 0 && !isZero(payload.get("round"))) {
            throw new FieldException("round");
        }
        return r;
    }

    private static boolean isZero(JsonNode n) {
        return (n.isNumber() && Math.abs(n.doubleValue()) < 1.0) || (n.isBoolean() && !n.booleanValue())
                || (n.isTextual() && n.asText().strip().matches("[+-]?0+(_0+)*"));
    }

    private static OpenResult.Rejected reject(RejectReason r, String detail) {
        return new OpenResult.Rejected(r, detail);
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    private static final class FieldException extends Exception {
        FieldException(String field) {
            super("payload field " + field + " is missing, not a string, or not hex");
        }
    }

    private static byte[] hexAt(JsonNode payload, String outer, String inner) throws FieldException {
        String name = inner == null ? outer : outer + "." + inner;
        JsonNode n = payload.get(outer);
        if (inner != null) {
            n = n == null || !n.isObject() ? null : n.get(inner);
        }
        if (n == null || !n.isTextual()) {
            throw new FieldException(name);
        }
        try {
            return pyFromHex(n.asText());
        } catch (IllegalArgumentException e) {
            throw new FieldException(name);
        }
    }

    /** Python {@code bytes.fromhex}: pairs of hex digits, ASCII whitespace allowed between pairs. */
    static byte[] pyFromHex(String s) {
        StringBuilder digits = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
                i++;
                continue;
            }
            if (i + 1 >= s.length() || Character.digit(c, 16) < 0 || Character.digit(s.charAt(i + 1), 16) < 0
                    || c > 0x7f || s.charAt(i + 1) > 0x7f) {
                throw new IllegalArgumentException("not hex");
            }
            digits.append(c).append(s.charAt(i + 1));
            i += 2;
        }
        return Hex.decode(digits.toString());
    }
}
