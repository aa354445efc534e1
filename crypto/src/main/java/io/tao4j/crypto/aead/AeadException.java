package io.tao4j.crypto.aead;

/**
 * An authenticated decryption that did not verify (wrong key, nonce, associated data, or tampered
 * ciphertext), or AEAD input of the wrong shape. The message never contains key material.
 */
public final class AeadException extends Exception {
    public AeadException(String message) {
        super(message);
    }
}
