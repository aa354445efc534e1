package io.tao4j.crypto.aead;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/** ChaCha20-Poly1305 (RFC 8439): 32-byte key, 12-byte nonce, 16-byte tag appended to the ciphertext. */
public final class ChaCha20Poly1305 {
    public static final int KEY_SIZE = 32;
    public static final int NONCE_SIZE = 12;
    public static final int TAG_SIZE = 16;

    private ChaCha20Poly1305() {
    }

    /** Encrypts; returns ciphertext ‖ tag. {@code aad} may be null (= empty). */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        check(key, nonce);
        return JcaAead.seal("ChaCha20-Poly1305", mode -> init(mode, key, nonce), plaintext, aad);
    }

    /** Decrypts ciphertext ‖ tag; throws if the tag does not verify. */
    public static byte[] open(byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[] aad) throws AeadException {
        if (key == null || key.length != KEY_SIZE) {
            throw new AeadException("ChaCha20-Poly1305 key must be 32 bytes");
        }
        return JcaAead.open("ChaCha20-Poly1305", mode -> init(mode, key, nonce), nonce, ciphertextAndTag, aad);
    }

    private static Cipher init(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        return c;
    }

    private static void check(byte[] key, byte[] nonce) {
        if (key == null || key.length != KEY_SIZE) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 key must be 32 bytes");
        }
        if (nonce == null || nonce.length != NONCE_SIZE) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 nonce must be 12 bytes");
        }
    }
}
