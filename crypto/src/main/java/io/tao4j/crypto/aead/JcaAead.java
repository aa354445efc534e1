package io.tao4j.crypto.aead;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import java.security.GeneralSecurityException;

/** What AES-GCM and ChaCha20-Poly1305 share: one JCA cipher call with a 12-byte nonce and a 16-byte tag. */
final class JcaAead {
    static final int NONCE_SIZE = 12;
    static final int TAG_SIZE = 16;

    private JcaAead() {
    }

    /** A cipher of the AEAD initialised for {@code mode} with key and nonce (the AAD is added by {@link #run}). */
    interface Init {
        Cipher init(int mode) throws GeneralSecurityException;
    }

    /** Encrypts: ciphertext ‖ tag. A JCA failure means the algorithm is missing: {@link IllegalStateException}. */
    static byte[] seal(String name, Init init, byte[] plaintext, byte[] aad) {
        try {
            return run(init, Cipher.ENCRYPT_MODE, aad, plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + " unavailable: " + e.getClass().getSimpleName());
        }
    }

    /** Decrypts ciphertext ‖ tag after checking the nonce and length; a bad tag or input is an {@link AeadException}. */
    static byte[] open(String name, Init init, byte[] nonce, byte[] ciphertextAndTag, byte[] aad) throws AeadException {
        if (nonce == null || nonce.length != NONCE_SIZE) {
            throw new AeadException(name + " nonce must be 12 bytes, got " + (nonce == null ? "none" : nonce.length));
        }
        if (ciphertextAndTag == null || ciphertextAndTag.length < TAG_SIZE) {
            throw new AeadException(name + " ciphertext shorter than its 16-byte tag");
        }
        try {
            return run(init, Cipher.DECRYPT_MODE, aad, ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw new AeadException(name + " authentication failed");
        } catch (GeneralSecurityException e) {
            throw new AeadException(name + " decryption failed: " + e.getClass().getSimpleName());
        }
    }

    private static byte[] run(Init init, int mode, byte[] aad, byte[] input) throws GeneralSecurityException {
        Cipher c = init.init(mode);
        if (aad != null && aad.length > 0) {
            c.updateAAD(aad);
        }
        return c.doFinal(input);
    }
}
