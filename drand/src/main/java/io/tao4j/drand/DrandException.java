package io.tao4j.drand;

/** A beacon could not be obtained; {@link #reason()} separates "not yet" from failure. */
public final class DrandException extends Exception {

    public enum Reason {
        /** The round is in the future: relays answered HTTP 425 (or it is past the current round). */
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
