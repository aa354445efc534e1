package io.tao4j.drand.tlock;

/** A timelock ciphertext that could not be decrypted; {@link #reason()} tells the cases apart. */
public final class TlockException extends Exception {

    /** Why decryption (or parsing) failed. */
    public enum Reason {
        /** The input ends before the ciphertext structure does ("Could not deserialize ciphertext"). */
        TRUNCATED,
        /** The bytes do not form a ciphertext of either layout (bad lengths, bad U point). */
        MALFORMED,
        /** The signature bytes are not a valid G1 point ("Could not deserialize signature"). */
        BAD_SIGNATURE_ENCODING,
        /**
         * The IBE check r·G2 == U failed: the signature is not the one for this ciphertext's round, or
         * the header (U, V, W) was altered ("Decryption failed: InvalidSignature").
         */
        WRONG_SIGNATURE,
        /** The IBE header opened but the AES-GCM body did not authenticate (body tampered). */
        BODY_AUTHENTICATION_FAILED
    }

    private final Reason reason;

    public TlockException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
