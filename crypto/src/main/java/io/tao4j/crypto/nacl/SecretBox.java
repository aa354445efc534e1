package io.tao4j.crypto.nacl;

import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import javax.crypto.AEADBadTagException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305), byte-compatible with libsodium's
 * {@code crypto_secretbox_easy} / PyNaCl {@code SecretBox} / sodiumoxide {@code secretbox::seal}:
 * the output is the 16-byte Poly1305 tag followed by the ciphertext (same length as the plaintext).
 *
 * <p>Construction: the XSalsa20 key stream for (key, 24-byte nonce) is generated; its first 32 bytes
 * are the one-time Poly1305 key, the rest is XOR-ed with the message; the tag authenticates the
 * ciphertext only.
 */
public final class SecretBox {
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 24;
    public static final int MAC_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretBox() {
    }

    /** A fresh random 24-byte nonce. */
    public static byte[] randomNonce() {
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    /** Encrypts and authenticates; returns tag (16) ‖ ciphertext. */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
        checkSizes(key, nonce);
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = oneTimeKey(stream);
        byte[] out = new byte[MAC_BYTES + plaintext.length];
        stream.processBytes(plaintext, 0, plaintext.length, out, MAC_BYTES);
        byte[] tag = mac(macKey, out, MAC_BYTES, plaintext.length);
        System.arraycopy(tag, 0, out, 0, MAC_BYTES);
        Arrays.fill(macKey, (byte) 0);
        return out;
    }

    /**
     * Verifies and decrypts tag ‖ ciphertext.
     *
     * @throws AEADBadTagException when the tag does not match (wrong key, or the data was altered)
     */
    public static byte[] open(byte[] key, byte[] nonce, byte[] boxed) throws AEADBadTagException {
        checkSizes(key, nonce);
        if (boxed.length < MAC_BYTES) {
            throw new AEADBadTagException("secretbox input is " + boxed.length
                    + " bytes, shorter than the 16-byte authentication tag");
        }
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = oneTimeKey(stream);
        int len = boxed.length - MAC_BYTES;
        byte[] expected = mac(macKey, boxed, MAC_BYTES, len);
        Arrays.fill(macKey, (byte) 0);
        if (!MessageDigest.isEqual(expected, Arrays.copyOf(boxed, MAC_BYTES))) {
            throw new AEADBadTagException("secretbox authentication failed (wrong key or altered data)");
        }
        byte[] plain = new byte[len];
        stream.processBytes(boxed, MAC_BYTES, len, plain, 0);
        return plain;
    }

    private static void checkSizes(byte[] key, byte[] nonce) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("secretbox key must be 32 bytes, got "
                    + (key == null ? "null" : key.length));
        }
        if (nonce == null || nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("secretbox nonce must be 24 bytes, got "
                    + (nonce == null ? "null" : nonce.length));
        }
    }

    private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }

    /** The first 32 key-stream bytes (r ‖ s); leaves the stream positioned at byte 32. */
    private static byte[] oneTimeKey(XSalsa20Engine stream) {
        byte[] k = new byte[32];
        stream.processBytes(new byte[32], 0, 32, k, 0);
        return k;
    }

    private static byte[] mac(byte[] oneTimeKey, byte[] data, int off, int len) {
        Poly1305 poly = new Poly1305(); // no block cipher: the 32-byte key is used as r ‖ s directly
        poly.init(new KeyParameter(oneTimeKey));
        poly.update(data, off, len);
        byte[] tag = new byte[MAC_BYTES];
        poly.doFinal(tag, 0);
        return tag;
    }
}
