package io.tao4j.cli.wallet;

import io.tao4j.cli.PasswordOptions;
import io.tao4j.wallet.WalletException;
import io.tao4j.wallet.password.Password;
import io.tao4j.wallet.password.PasswordPurpose;
import io.tao4j.wallet.password.PasswordResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The password-source order of the {@link PasswordOptions} mixin, with an injected environment. */
class PasswordOptionsTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        PasswordOptions passwords;
    }

    @TempDir
    Path dir;

    private PasswordOptions parse(String... args) {
        Probe p = new Probe();
        new CommandLine(p).parseArgs(args);
        return p.passwords;
    }

    private String resolve(PasswordOptions o, Map<String, String> env, String defaultVar, PasswordPurpose purpose) {
        PasswordResolver r = o.resolver(env, null, dir, defaultVar);
        try (Password pw = r.resolve(dir.resolve("w/coldkey"), purpose)) {
            return new String(pw.chars()) + " <- " + pw.origin();
        }
    }

    @Test
    void orderOfSources() throws Exception {
        Path pwFile = dir.resolve("pw");
        Files.writeString(pwFile, "file-pw\n");
        Files.writeString(dir.resolve(".env"), "MINER_WALLET_PASSWORD=cwd-dotenv\nMY_VAR=cwd-dotenv-var\n");
        Path named = dir.resolve("named.env");
        Files.writeString(named, "MINER_WALLET_PASSWORD=named-dotenv\n");
        String btName = "BT_PW_" + dir.resolve("w/coldkey").toAbsolutePath().toString()
                .replace('/', '_').replace('.', '_').toUpperCase();
        Map<String, String> env = Map.of("MY_VAR", "env-pw", btName,
                io.tao4j.wallet.password.BtwalletEnvPasswordSource.encode(btName, "bt-pw"));

        assertThat(resolve(parse("--wallet.password-env", "MY_VAR", "--wallet.password-file", pwFile.toString()),
                env, null, PasswordPurpose.UNLOCK)).isEqualTo("env-pw <- environment variable MY_VAR");
        // variable named but unset: the .env key follows the variable name
        assertThat(resolve(parse("--wallet.password-env", "MY_VAR"), Map.of(), null, PasswordPurpose.UNLOCK))
                .startsWith("cwd-dotenv-var <- MY_VAR in env file");
        assertThat(resolve(parse(), Map.of(), null, PasswordPurpose.UNLOCK)).startsWith("cwd-dotenv <- ");
        assertThat(resolve(parse("--env-file", named.toString()), Map.of(), null, PasswordPurpose.UNLOCK))
                .startsWith("named-dotenv <- ");
        Files.delete(dir.resolve(".env"));
        assertThat(resolve(parse("--wallet-password-file", pwFile.toString()), env, null, PasswordPurpose.UNLOCK))
                .isEqualTo("file-pw <- password file " + pwFile);
        assertThat(resolve(parse(), env, null, PasswordPurpose.UNLOCK)).isEqualTo("bt-pw <- environment variable " + btName);
        assertThat(resolve(parse(), Map.of("MINER_WALLET_PASSWORD", "lfc"), "MINER_WALLET_PASSWORD", PasswordPurpose.UNLOCK))
                .isEqualTo("lfc <- environment variable MINER_WALLET_PASSWORD");
        // BT_PW_ is for unlocking only; no terminal here, so a new key has no password
        assertThatThrownBy(() -> resolve(parse(), env, null, PasswordPurpose.NEW_KEY))
                .isInstanceOf(WalletException.class).hasMessageContaining(PasswordOptions.MISSING_HINT);
    }

    /**
     * Issue #18: a new key's password never comes from an implicit source — not from a {@code ./.env} in the
     * working directory (whoever controls it would choose the password), nor from a caller's default variable.
     * Explicit sources still work; unlocking keeps reading ./.env.
     */
    @Test
    void newKeyReadsOnlyExplicitSources() throws Exception {
        Files.writeString(dir.resolve(".env"), "MINER_WALLET_PASSWORD=planted\nMY_VAR=planted-var\n");
        assertThat(resolve(parse(), Map.of(), null, PasswordPurpose.UNLOCK)).startsWith("planted <- ");
        assertThatThrownBy(() -> resolve(parse(), Map.of(), null, PasswordPurpose.NEW_KEY))
                .isInstanceOf(WalletException.class).hasMessageContaining("never ./.env")
                .hasMessageNotContaining("planted");
        assertThatThrownBy(() -> resolve(parse(), Map.of("MINER_WALLET_PASSWORD", "lfc"), "MINER_WALLET_PASSWORD",
                PasswordPurpose.NEW_KEY)).isInstanceOf(WalletException.class);
        // a variable or env file the user names is explicit
        assertThat(resolve(parse("--wallet.password-env", "MY_VAR"), Map.of("MY_VAR", "chosen"), null, PasswordPurpose.NEW_KEY))
                .isEqualTo("chosen <- environment variable MY_VAR");
        assertThat(resolve(parse("--env-file", dir.resolve(".env").toString()), Map.of(), null, PasswordPurpose.NEW_KEY))
                .startsWith("planted <- MINER_WALLET_PASSWORD in env file");
        Path pwFile = dir.resolve("pw");
        Files.writeString(pwFile, "file-pw\n");
        assertThat(resolve(parse("--wallet.password-file", pwFile.toString()), Map.of(), null, PasswordPurpose.NEW_KEY))
                .isEqualTo("file-pw <- password file " + pwFile);
    }
}
