package io.tao4j.lfc;

/** A problem the operator can act on (bad configuration, a hotkey not owned by the wallet); the message says what. */
public class LfcException extends RuntimeException {
    public LfcException(String message) {
        super(message);
    }
}
