package io.tao4j.crypto.aead;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/** AES-GCM with a 16-byte tag appended to the ciphertext (AES-256 when given a 32-byte key). */
public final class AesGcm {
    public static final int NONCE_SIZE = 12;
    public static final int TAG_SIZE = 16;

    private AesGcm() {
    }

    /** Encrypts; returns ciphertext ‖ tag. {@code aad} may be null (= empty). */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        checkKey(key);
        if (nonce == null || nonce.length != NONCE_SIZE) {
            throw new IllegalArgumentException("AES-GCM nonce must be 12 bytes");
        }
        try {
            return init(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName());
        }
    }

    /** Decrypts ciphertext ‖ tag; throws if the tag does not verify. */
    public static byte[] open(byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[] aad) throws AeadException {
        if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
            throw new AeadException("AES key must be 16, 24 or 32 bytes");
        }
        if (nonce == null || nonce.length != NONCE_SIZE) {
            throw new AeadException("AES-GCM nonce must be 12 bytes, got " + (nonce == null ? "none" : nonce.length));
        }
        if (ciphertextAndTag == null || ciphertextAndTag.length < TAG_SIZE) {
            throw new AeadException("AES-GCM ciphertext shorter than its 16-byte tag");
        }
        try {
            return init(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw new AeadException("AES-GCM authentication failed");
        } catch (GeneralSecurityException e) {
            throw new AeadException("AES-GCM decryption failed: " + e.getClass().getSimpleName());
        }
    }

    private static Cipher init(int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_SIZE * 8, nonce));
        if (aad != null && aad.length > 0) {
            c.updateAAD(aad);
        }
        return c;
    }

    private static void checkKey(byte[] key) {
        if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
            throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes");
        }
    }
}
