package io.tao4j.wallet.password;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The password is the value of an environment variable named by the user (surrounding blanks removed). */
public final class EnvVarPasswordSource implements PasswordSource {
    private final String variable;
    private final Map<String, String> env;

    public EnvVarPasswordSource(String variable, Map<String, String> env) {
        this.variable = Objects.requireNonNull(variable);
        this.env = Objects.requireNonNull(env);
    }

    public EnvVarPasswordSource(String variable) {
        this(variable, System.getenv());
    }

    @Override
    public Optional<Password> lookup(Path keyfile, PasswordPurpose purpose) {
        return NonBlank.password(env.get(variable), describe());
    }

    @Override
    public String describe() {
        return "environment variable " + variable;
    }
}
