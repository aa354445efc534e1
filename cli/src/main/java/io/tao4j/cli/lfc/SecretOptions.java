package io.tao4j.cli.lfc;

import io.tao4j.cli.CliException;
import io.tao4j.cli.PasswordOptions;
import io.tao4j.lfc.GcpSecretPasswordSource;
import io.tao4j.lfc.LfcException;
import io.tao4j.wallet.password.PasswordResolver;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code --wallet.password-secret}: the keyfile password from GCP Secret Manager (application-default credentials). */
public final class SecretOptions {
    @Option(names = {"--wallet.password-secret", "--wallet-password-secret"}, paramLabel = "projects/P/secrets/S[/versions/V]",
            description = "Read the keyfile password from GCP Secret Manager with application-default credentials"
                    + " (version 'latest' unless given). Replaces the other password sources.")
    String secret;

    /** The GCP source alone when the option is given, else {@code fallback}. */
    PasswordResolver resolver(PasswordOptions passwords, String defaultEnvVar) {
        if (secret == null || secret.isBlank()) {
            return defaultEnvVar == null ? passwords.resolver() : passwords.resolver(defaultEnvVar);
        }
        try {
            return new PasswordResolver(List.of(new GcpSecretPasswordSource(secret)), PasswordOptions.MISSING_HINT);
        } catch (LfcException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }
}
