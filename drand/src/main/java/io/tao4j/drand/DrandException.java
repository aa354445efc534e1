package io.tao4j.drand;

/** A beacon could not be obtained; {@link #reason()} separates "not yet" from failure. */
public final class DrandException extends Exception {

    public enum Reason {
        /** The round is in the future: a relay answered HTTP 425 and none served it. */
        NOT_YET_AVAILABLE,
        /** No relay produced a verified beacon (down, timing out, wrong chain, bad signatures). */
        UNAVAILABLE
    }

    private final Reason reason;

    public DrandException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
