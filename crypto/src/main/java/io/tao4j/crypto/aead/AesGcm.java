package io.tao4j.crypto.aead;

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
        return JcaAead.seal("AES-GCM", mode -> init(mode, key, nonce), plaintext, aad);
    }

    /** Decrypts ciphertext ‖ tag; throws if the tag does not verify. */
    public static byte[] open(byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[] aad) throws AeadException {
        if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
            throw new AeadException("AES key must be 16, 24 or 32 bytes");
        }
        return JcaAead.open("AES-GCM", mode -> init(mode, key, nonce), nonce, ciphertextAndTag, aad);
    }

    private static Cipher init(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_SIZE * 8, nonce));
        return c;
    }

    private static void checkKey(byte[] key) {
        if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
            throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes");
        }
    }
}
