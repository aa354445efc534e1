package io.tao4j.wallet.password;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The password is the value of {@code key} in a {@code .env} file. When {@code required} the file
 * must exist (the user named it); otherwise a missing file simply gives no password.
 */
public final class DotEnvPasswordSource implements PasswordSource {
    /** The key read when none is configured: the Liquidity Flow Controller's variable. */
    public static final String DEFAULT_KEY = "MINER_WALLET_PASSWORD";

    private final Path file;
    private final String key;
    private final boolean required;

    public DotEnvPasswordSource(Path file, String key, boolean required) {
        this.file = Objects.requireNonNull(file);
        this.key = Objects.requireNonNull(key);
        this.required = required;
    }

    @Override
    public Optional<Password> lookup(Path keyfile, PasswordPurpose purpose) {
        if (!required && !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, String> values = DotEnvFile.read(file);
        return NonBlank.password(values.get(key), describe());
    }

    @Override
    public String describe() {
        return key + " in env file " + file;
    }
}
