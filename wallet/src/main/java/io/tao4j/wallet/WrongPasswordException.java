package io.tao4j.wallet;

/** The password did not decrypt the keyfile (authentication tag or HMAC mismatch). */
public class WrongPasswordException extends WalletException {
    public WrongPasswordException(String message) {
        super(message);
    }
}
