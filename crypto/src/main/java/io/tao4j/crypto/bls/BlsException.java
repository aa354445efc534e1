package io.tao4j.crypto.bls;

/** A byte string that is not an acceptable BLS12-381 point; {@link #reason()} says why. */
public final class BlsException extends IllegalArgumentException {

    /** Why a point encoding was refused. */
    public enum Reason {
        /** Wrong number of bytes (G1 compressed is 48, G2 compressed is 96). */
        BAD_LENGTH,
        /** The compression flag (0x80 in the first byte) is not set. */
        NOT_COMPRESSED,
        /** The encoding is the point at infinity, which is never a valid key, signature or ciphertext point. */
        INFINITY,
        /** The x coordinate is not a field element, or no curve point has it. */
        NOT_ON_CURVE,
        /** The point is on the curve but not in the prime-order subgroup. */
        NOT_IN_SUBGROUP
    }

    private final Reason reason;

    public BlsException(Reason reason, String message) {
        super(message + " (" + reason + ")");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
