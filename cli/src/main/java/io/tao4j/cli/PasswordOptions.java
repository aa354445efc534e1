package io.tao4j.cli;

import io.tao4j.wallet.password.BtwalletEnvPasswordSource;
import io.tao4j.wallet.password.ConsolePasswordSource;
import io.tao4j.wallet.password.DotEnvPasswordSource;
import io.tao4j.wallet.password.EnvVarPasswordSource;
import io.tao4j.wallet.password.PasswordFileSource;
import io.tao4j.wallet.password.PasswordResolver;
import io.tao4j.wallet.password.PasswordSource;
import picocli.CommandLine.Option;

import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where keyfile passwords come from, as a picocli mixin. Order:
 * <ol>
 *   <li>the environment variable named by {@code --wallet.password-env VAR}, else the caller's default
 *       variable (unlocking only);</li>
 *   <li>a {@code .env} file: {@code --env-file FILE} (must exist), else {@code ./.env} if present (unlocking
 *       only); the key read is {@code VAR} when {@code --wallet.password-env} is given, else
 *       {@code MINER_WALLET_PASSWORD} (the Liquidity Flow Controller's name);</li>
 *   <li>{@code --wallet.password-file FILE} (its whole content, surrounding blanks removed);</li>
 *   <li>btwallet's obfuscated {@code BT_PW_<keyfile path>} variable (unlocking only);</li>
 *   <li>an interactive prompt without echo (twice for a new key) when there is a terminal.</li>
 * </ol>
 * A new key is thus only encrypted with a password the user named explicitly or typed: whoever controls the
 * working directory cannot choose it through {@code ./.env}. With no source the command fails with a message
 * naming the options.
 */
public final class PasswordOptions {

    /** Said when no source has a password. */
    public static final String MISSING_HINT = "no terminal to ask on; give one with --wallet.password-env VAR,"
            + " a .env file (--env-file FILE or ./.env) holding MINER_WALLET_PASSWORD=... (or VAR=...),"
            + " or --wallet.password-file FILE (a new key reads only --wallet.password-env, --env-file,"
            + " --wallet.password-file or the terminal, never ./.env)";

    @Option(names = {"--wallet.password-env", "--wallet-password-env"}, paramLabel = "VAR",
            description = "Read the keyfile password from environment variable VAR (also the key looked up in a .env file).")
    String passwordEnv;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "A .env file holding MINER_WALLET_PASSWORD=... (or VAR=...); default ./.env if present.")
    Path envFile;

    @Option(names = {"--wallet.password-file", "--wallet-password-file"}, paramLabel = "FILE",
            description = "Read the keyfile password from FILE.")
    Path passwordFile;

    /** The resolver for this process: real environment, {@code ./.env}, and {@link System#console()}. */
    public PasswordResolver resolver() {
        return resolver(System.getenv(), System.console(), Path.of(""), null);
    }

    /**
     * Like {@link #resolver()}, but reading environment variable {@code defaultEnvVar} when
     * {@code --wallet.password-env} is not given (e.g. {@code MINER_WALLET_PASSWORD}, which the
     * Liquidity Flow Controller reads from the environment by default).
     */
    public PasswordResolver resolver(String defaultEnvVar) {
        return resolver(System.getenv(), System.console(), Path.of(""), defaultEnvVar);
    }

    /**
     * The resolver with an explicit environment, console (may be null), working directory (for
     * {@code ./.env}) and default variable (may be null).
     */
    public PasswordResolver resolver(Map<String, String> env, Console console, Path workingDir, String defaultEnvVar) {
        List<PasswordSource> sources = new ArrayList<>();
        boolean explicitVar = passwordEnv != null && !passwordEnv.isBlank();
        String var = explicitVar ? passwordEnv : defaultEnvVar;
        if (var != null && !var.isBlank()) {
            PasswordSource s = new EnvVarPasswordSource(var, env);
            sources.add(explicitVar ? s : PasswordSource.unlockOnly(s));
        }
        String key = var != null && !var.isBlank() ? var : DotEnvPasswordSource.DEFAULT_KEY;
        if (envFile != null) {
            sources.add(new DotEnvPasswordSource(envFile, key, true));
        } else {
            sources.add(PasswordSource.unlockOnly(new DotEnvPasswordSource(workingDir.resolve(".env"), key, false)));
        }
        if (passwordFile != null) {
            sources.add(new PasswordFileSource(passwordFile));
        }
        sources.add(new BtwalletEnvPasswordSource(env));
        sources.add(new ConsolePasswordSource(console));
        return new PasswordResolver(sources, MISSING_HINT);
    }
}
