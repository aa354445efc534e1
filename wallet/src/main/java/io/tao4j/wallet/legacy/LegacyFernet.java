package io.tao4j.wallet.legacy;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decrypts the oldest bittensor keyfiles: a Fernet token whose key is
 * PBKDF2-HMAC-SHA256(password, the fixed ASCII salt, 10,000,000 rounds, 32 bytes). Slow by design
 * (seconds per attempt).
 */
public final class LegacyFernet {
    /** The salt old bittensor used. */
    public static final byte[] SALT =
            "Iguesscyborgslikemyselfhaveatendencytobeparanoidaboutourorigins".getBytes(StandardCharsets.US_ASCII);
    public static final int ROUNDS = 10_000_000;

    private LegacyFernet() {
    }

    /** The 32-byte Fernet key old bittensor derives from {@code password}. */
    public static byte[] deriveKey(char[] password) {
        try {
            return AnsibleVault.Pbkdf2.sha256(password, SALT, ROUNDS, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks PBKDF2WithHmacSHA256", e);
        }
    }

    /** Decrypts a Fernet token with the password-derived key. */
    public static byte[] decrypt(String token, char[] password) throws AEADBadTagException {
        byte[] key = deriveKey(password);
        try {
            return decryptWithKey(token, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Decrypts a Fernet token (spec: 0x80 ‖ timestamp ‖ IV ‖ AES-128-CBC ‖ HMAC-SHA256) with a raw
     * 32-byte key (signing key = first half, encryption key = second half). The timestamp is not checked.
     *
     * @throws AEADBadTagException when the HMAC does not match (wrong key)
     */
    public static byte[] decryptWithKey(String token, byte[] key) throws AEADBadTagException {
        byte[] t;
        try {
            t = Base64.getUrlDecoder().decode(token.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Fernet token is not base64url");
        }
        if (t.length < 1 + 8 + 16 + 16 + 32 || t[0] != (byte) 0x80 || (t.length - 57) % 16 != 0) {
            throw new IllegalArgumentException("not a Fernet version 0x80 token");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 0, 16, "HmacSHA256"));
            mac.update(t, 0, t.length - 32);
            if (!MessageDigest.isEqual(mac.doFinal(), Arrays.copyOfRange(t, t.length - 32, t.length))) {
                throw new AEADBadTagException("Fernet HMAC mismatch");
            }
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, 16, 16, "AES"), new IvParameterSpec(t, 9, 16));
            return aes.doFinal(t, 25, t.length - 25 - 32);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Fernet ciphertext is malformed", e);
        }
    }
}
