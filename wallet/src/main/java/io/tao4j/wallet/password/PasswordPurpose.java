package io.tao4j.wallet.password;

/** Why a password is wanted: a prompt asks twice for a new key, once to unlock. */
public enum PasswordPurpose {
    /** Decrypt an existing keyfile. */
    UNLOCK,
    /** Encrypt a key that is about to be written. */
    NEW_KEY
}
