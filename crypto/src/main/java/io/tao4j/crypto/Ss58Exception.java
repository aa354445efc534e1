package io.tao4j.crypto;

/** A string or key that is not a valid SS58 address, with the reason it was rejected. */
public final class Ss58Exception extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why an address was rejected. */
    public enum Reason {
        /** Not base58 (empty, or a character outside the Bitcoin alphabet). */
        ENCODING,
        /** The decoded payload or the public key has the wrong length. */
        LENGTH,
        /** The network prefix is out of range or reserved. */
        PREFIX,
        /** The BLAKE2b checksum does not match. */
        CHECKSUM
    }

    private final Reason reason;

    public Ss58Exception(Reason reason, String detail) {
        super("invalid SS58 (" + reason + "): " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
