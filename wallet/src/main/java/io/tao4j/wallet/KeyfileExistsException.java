package io.tao4j.wallet;

/** A key would be written over an existing keyfile and overwriting was not asked for. */
public class KeyfileExistsException extends WalletException {
    public KeyfileExistsException(String message) {
        super(message);
    }
}
