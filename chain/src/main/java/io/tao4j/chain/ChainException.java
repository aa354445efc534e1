package io.tao4j.chain;

/** A chain-level failure with a message that names what went wrong (bad input, unsupported metadata, bad reply). */
public class ChainException extends RuntimeException {
    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
