package io.tao4j.wallet.password;

import java.util.Optional;

/** The rule of the sources that read a password from a variable: blank means none, surrounding blanks are dropped. */
final class NonBlank {
    private NonBlank() {
    }

    /** {@code value} stripped, as a password from {@code origin}; empty when it is null or blank. */
    static Optional<Password> password(String value, String origin) {
        if (value == null || value.strip().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Password.of(value.strip(), origin));
    }
}
