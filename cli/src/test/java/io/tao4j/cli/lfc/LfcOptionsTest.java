package io.tao4j.cli.lfc;

import io.tao4j.cli.CliException;
import io.tao4j.cli.Tao4j;
import io.tao4j.wallet.password.PasswordPurpose;
import io.tao4j.wallet.password.PasswordResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Password sources at parity with the reference launcher, the outage option, and the help text. */
class LfcOptionsTest {
    @TempDir
    Path tmp;

    static SweeperCommand sweeper(String... args) {
        SweeperCommand c = new SweeperCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    static String password(PasswordResolver r) {
        return new String(r.resolve(Path.of("coldkey"), PasswordPurpose.UNLOCK).chars());
    }

    @Test
    void minerEnvFileIsReadAfterEnvFileAndBeforeDotEnv() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path minerEnv = tmp.resolve("miner.env");
        Files.writeString(minerEnv, "export MINER_WALLET_PASSWORD=\"from-miner-env-file\"\n");
        Map<String, String> env = Map.of("MINER_ENV_FILE", minerEnv.toString());
        SweeperCommand c = sweeper();
        assertThat(password(c.secret.resolver(c.passwords, SweeperCommand.PASSWORD_ENV, env, work))).isEqualTo("from-miner-env-file");

        Files.writeString(work.resolve(".env"), "MINER_WALLET_PASSWORD=from-dot-env\n");
        assertThat(password(c.secret.resolver(c.passwords, SweeperCommand.PASSWORD_ENV, env, work))).isEqualTo("from-miner-env-file");
        assertThat(password(c.secret.resolver(c.passwords, SweeperCommand.PASSWORD_ENV, Map.of(), work))).isEqualTo("from-dot-env");

        Path named = tmp.resolve("named.env");
        Files.writeString(named, "MINER_WALLET_PASSWORD=from-env-file-option\n");
        SweeperCommand n = sweeper("--env-file", named.toString());
        assertThat(password(n.secret.resolver(n.passwords, SweeperCommand.PASSWORD_ENV, env, work))).isEqualTo("from-env-file-option");

        Files.writeString(minerEnv, "OTHER=from-other-key\n");
        SweeperCommand k = sweeper("--wallet.password-env", "OTHER");
        assertThat(password(k.secret.resolver(k.passwords, SweeperCommand.PASSWORD_ENV, env, work))).isEqualTo("from-other-key");
    }

    @Test
    void gcpSecretByShortNameNeedsItsProject() {
        SweeperCommand c = sweeper("--secret-id", "wallet-pw", "--project", "p1", "--secret-version", "3");
        PasswordResolver r = c.secret.resolver(c.passwords, SweeperCommand.PASSWORD_ENV, Map.of(), tmp);
        assertThat(r.sources()).hasSize(1);
        assertThat(r.sources().get(0).describe()).isEqualTo("GCP secret projects/p1/secrets/wallet-pw/versions/3");
        SweeperCommand d = sweeper("--wallet.password-secret", "wallet-pw", "--project", "p1");
        assertThat(d.secret.resolver(d.passwords, null, Map.of(), tmp).sources().get(0).describe())
                .isEqualTo("GCP secret projects/p1/secrets/wallet-pw/versions/latest");
        SweeperCommand bad = sweeper("--wallet.password-secret", "wallet-pw");
        assertThatThrownBy(() -> bad.secret.resolver(bad.passwords, null, Map.of(), tmp)).isInstanceOf(CliException.class)
                .hasMessageContaining("give its project with --project");
    }

    @Test
    void chainOutageMinutesDefaultsToTenAndIsChecked() {
        assertThat(sweeper().notify.chainOutage()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(sweeper("--alert.chain-outage-minutes", "0.5").notify.chainOutage()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThatThrownBy(() -> sweeper("--alert.chain-outage-minutes", "0").notify.chainOutage()).isInstanceOf(CliException.class)
                .hasMessageContaining("--alert.chain-outage-minutes must be more than 0");
    }

    @Test
    void validatorHelpShowsThePercentSignWithoutAPicocliWarning() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        int code;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = Tao4j.commandLine();
            cl.setOut(new PrintWriter(out, true));
            code = cl.execute("lfc", "validator", "--help");
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isZero();
        assertThat(out.toString()).contains("keeps 100 % of the validator's weight");
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN").doesNotContain("format");
    }
}
