package io.tao4j.wallet.password;

import io.tao4j.wallet.WalletException;

import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Asks at the terminal without echo ({@link System#console()}). For a new key the password is asked
 * twice and must match. Gives nothing when there is no terminal.
 */
public final class ConsolePasswordSource implements PasswordSource {
    private static final int ATTEMPTS = 3;
    private final Console console;

    public ConsolePasswordSource(Console console) {
        this.console = console;
    }

    public ConsolePasswordSource() {
        this(System.console());
    }

    public boolean available() {
        return console != null;
    }

    @Override
    public Optional<Password> lookup(Path keyfile, PasswordPurpose purpose) {
        if (console == null) {
            return Optional.empty();
        }
        if (purpose == PasswordPurpose.UNLOCK) {
            char[] pw = console.readPassword("Enter password to unlock %s: ", keyfile);
            if (pw == null) {
                throw new WalletException("no password entered (input closed)");
            }
            try {
                return Optional.of(Password.typed(pw));
            } finally {
                Arrays.fill(pw, '\0');
            }
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            char[] first = console.readPassword("Enter a password to encrypt %s: ", keyfile);
            if (first == null) {
                throw new WalletException("no password entered (input closed)");
            }
            if (first.length == 0) {
                console.printf("The password cannot be empty (use --no-password for an unencrypted key).%n");
                continue;
            }
            char[] second = console.readPassword("Retype the password: ");
            try {
                if (second != null && Arrays.equals(first, second)) {
                    return Optional.of(Password.typed(first));
                }
                console.printf("The passwords do not match.%n");
            } finally {
                Arrays.fill(first, '\0');
                if (second != null) {
                    Arrays.fill(second, '\0');
                }
            }
        }
        throw new WalletException("no matching password entered after " + ATTEMPTS + " attempts");
    }

    @Override
    public String describe() {
        return "an interactive prompt";
    }
}
