package io.tao4j.crypto;

/**
 * Something that can sign for an account: an sr25519 key pair in memory today, a remote signer
 * tomorrow. Extrinsic building depends on this, never on a concrete key type.
 */
public interface Signer {

    /** The 32-byte public key (AccountId32). */
    byte[] publicKey();

    /** Signs {@code message} as-is (callers hash first where their protocol says so); 64 bytes. */
    byte[] sign(byte[] message);
}
