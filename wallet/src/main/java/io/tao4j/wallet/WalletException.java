package io.tao4j.wallet;

/**
 * A wallet or keyfile problem the user can act on. Messages name the file and what to do; they
 * never contain key material or passwords.
 */
public class WalletException extends RuntimeException {
    public WalletException(String message) {
        super(message);
    }

    public WalletException(String message, Throwable cause) {
        super(message, cause);
    }
}
