package io.tao4j.cli.lfc;

import io.tao4j.cli.CliException;
import io.tao4j.cli.PasswordOptions;
import io.tao4j.lfc.GcpSecretPasswordSource;
import io.tao4j.lfc.LfcException;
import io.tao4j.wallet.password.DotEnvPasswordSource;
import io.tao4j.wallet.password.PasswordResolver;
import io.tao4j.wallet.password.PasswordSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The LFC neurons' extra password sources: {@code --wallet.password-secret} (GCP Secret Manager with application-default
 * credentials; a full resource name, or a short secret name with {@code --project}, version {@code --secret-version}),
 * and the {@code MINER_ENV_FILE} environment variable the reference reads: a {@code .env} file looked at after
 * {@code --env-file} and before {@code ./.env}.
 */
public final class SecretOptions {
    /** The environment variable naming a .env file, as the reference miner reads it. */
    public static final String ENV_FILE_VARIABLE = "MINER_ENV_FILE";

    @Option(names = {"--wallet.password-secret", "--wallet-password-secret", "--secret-id"}, paramLabel = "SECRET",
            description = "Read the keyfile password from GCP Secret Manager with application-default credentials:"
                    + " projects/P/secrets/S[/versions/V], or a secret name with --project. Replaces the other password sources.")
    String secret;

    @Option(names = {"--project", "--wallet.password-secret-project"}, paramLabel = "PROJECT",
            description = "GCP project of a short --wallet.password-secret name.")
    String project;

    @Option(names = {"--secret-version", "--wallet.password-secret-version"}, paramLabel = "VERSION", defaultValue = "latest",
            description = "Secret Manager version to read when the secret name has none (default: ${DEFAULT-VALUE}).")
    String version;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The GCP source alone when the option is given, else the standard sources plus {@code MINER_ENV_FILE}. */
    PasswordResolver resolver(PasswordOptions passwords, String defaultEnvVar) {
        return resolver(passwords, defaultEnvVar, System.getenv(), Path.of(""));
    }

    /** Same with an explicit environment and working directory (for {@code ./.env}). */
    PasswordResolver resolver(PasswordOptions passwords, String defaultEnvVar, Map<String, String> env, Path workingDir) {
        if (secret == null || secret.isBlank()) {
            PasswordResolver standard = passwords.resolver(env, System.console(), workingDir, defaultEnvVar);
            String envFile = env.get(ENV_FILE_VARIABLE);
            if (envFile == null || envFile.isBlank()) {
                return standard;
            }
            List<PasswordSource> sources = new ArrayList<>(standard.sources());
            int first = -1;
            for (int i = 0; i < sources.size() && first < 0; i++) {
                if (sources.get(i) instanceof DotEnvPasswordSource) {
                    first = i;
                }
            }
            String var = optionValue("--wallet.password-env");
            String key = var != null && !var.isBlank() ? var : defaultEnvVar != null ? defaultEnvVar : DotEnvPasswordSource.DEFAULT_KEY;
            boolean named = optionValue("--env-file") != null;
            // --env-file first, then MINER_ENV_FILE, then ./.env (the reference's order)
            int at = first < 0 ? Math.min(1, sources.size()) : named ? first + 1 : first;
            sources.add(at, new DotEnvPasswordSource(expandHome(envFile.trim()), key, false));
            return new PasswordResolver(sources, PasswordOptions.MISSING_HINT);
        }
        try {
            String name = GcpSecretPasswordSource.resourceName(secret, project, version);
            return new PasswordResolver(List.of(new GcpSecretPasswordSource(name)), PasswordOptions.MISSING_HINT);
        } catch (LfcException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }

    private <T> T optionValue(String name) {
        OptionSpec o = command == null ? null : command.findOption(name);
        return o == null ? null : o.getValue();
    }

    private static Path expandHome(String p) {
        return p.equals("~") || p.startsWith("~/") ? Path.of(System.getProperty("user.home") + p.substring(1)) : Path.of(p);
    }
}
