package io.tao4j.wallet.password;

import io.tao4j.wallet.WalletException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** The password is the whole content of a file (surrounding blanks and the final newline removed). */
public final class PasswordFileSource implements PasswordSource {
    private final Path file;

    public PasswordFileSource(Path file) {
        this.file = Objects.requireNonNull(file);
    }

    @Override
    public Optional<Password> lookup(Path keyfile, PasswordPurpose purpose) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WalletException("password file " + file + " does not exist");
        } catch (IOException e) {
            throw new WalletException("cannot read password file " + file + ": " + e.getMessage());
        }
        String pw = text.strip();
        if (pw.isEmpty()) {
            throw new WalletException("password file " + file + " is empty");
        }
        return Optional.of(Password.of(pw, describe()));
    }

    @Override
    public String describe() {
        return "password file " + file;
    }
}
