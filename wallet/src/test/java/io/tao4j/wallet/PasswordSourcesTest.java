package io.tao4j.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.wallet.password.BtwalletEnvPasswordSource;
import io.tao4j.wallet.password.ConsolePasswordSource;
import io.tao4j.wallet.password.DotEnvFile;
import io.tao4j.wallet.password.DotEnvPasswordSource;
import io.tao4j.wallet.password.EnvVarPasswordSource;
import io.tao4j.wallet.password.Password;
import io.tao4j.wallet.password.PasswordFileSource;
import io.tao4j.wallet.password.PasswordPurpose;
import io.tao4j.wallet.password.PasswordResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordSourcesTest {
    private static final Path KF = Path.of("/home/miner/.bittensor/wallets/default/coldkey");

    private static String pw(PasswordResolver r) {
        try (Password p = r.resolve(KF, PasswordPurpose.UNLOCK)) {
            return new String(p.chars());
        }
    }

    @Test
    void btwalletEnvVarRule() {
        JsonNode ex = Vectors.keyfiles().at("/env_var_password/example");
        assertThat(BtwalletEnvPasswordSource.variableName(ex.get("keyfile_path").asText()))
                .isEqualTo(ex.get("env_var_name").asText());
        assertThat(BtwalletEnvPasswordSource.encode(ex.get("env_var_name").asText(), ex.get("password").asText()))
                .isEqualTo(ex.get("env_var_value").asText());
        BtwalletEnvPasswordSource src = new BtwalletEnvPasswordSource(
                Map.of(ex.get("env_var_name").asText(), ex.get("env_var_value").asText()));
        Password p = src.lookup(KF, PasswordPurpose.UNLOCK).orElseThrow();
        assertThat(new String(p.chars())).isEqualTo("thisisafakepassword");
        assertThat(p.origin()).isEqualTo("environment variable BT_PW__HOME_MINER__BITTENSOR_WALLETS_DEFAULT_COLDKEY");
        assertThat(src.lookup(KF, PasswordPurpose.NEW_KEY)).isEmpty(); // unlock only, as btwallet
        // btwallet's own test values: XOR with their password gives the start of the variable name
        for (JsonNode t : Vectors.keyfiles().at("/env_var_password/btwallet_test_values")) {
            String prefix = t.get("implied_env_var_name_prefix").asText();
            String decoded = BtwalletEnvPasswordSource.decode(prefix, t.get("encrypted_b64").asText());
            assertThat(decoded).startsWith(t.get("password").asText().substring(0, prefix.length()));
        }
        assertThatThrownBy(() -> new BtwalletEnvPasswordSource(Map.of(ex.get("env_var_name").asText(), "%%%"))
                .lookup(KF, PasswordPurpose.UNLOCK)).hasMessageContaining("not valid base64");
    }

    @Test
    void dotEnvParsing() {
        Map<String, String> m = DotEnvFile.parse(List.of("# comment", "", "export A = 1 ", "B='two words'",
                "C=\"x=y\"", "noequals", "=v", "D=\"unbalanced'"));
        assertThat(m).containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"), Map.entry("C", "x=y"),
                Map.entry("D", "\"unbalanced'"));
    }

    @Test
    void orderAndSources(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "MINER_WALLET_PASSWORD=from-dotenv\nOTHER=other-dotenv\n");
        Path file = dir.resolve("pw.txt");
        Files.writeString(file, "from-file\n");
        Map<String, String> vars = Map.of("MY_PW", " from-env ");

        assertThat(pw(new PasswordResolver(List.of(new EnvVarPasswordSource("MY_PW", vars),
                new DotEnvPasswordSource(env, DotEnvPasswordSource.DEFAULT_KEY, true),
                new PasswordFileSource(file)), "hint"))).isEqualTo("from-env");
        assertThat(pw(new PasswordResolver(List.of(new EnvVarPasswordSource("UNSET", vars),
                new DotEnvPasswordSource(env, DotEnvPasswordSource.DEFAULT_KEY, true),
                new PasswordFileSource(file)), "hint"))).isEqualTo("from-dotenv");
        assertThat(pw(new PasswordResolver(List.of(new DotEnvPasswordSource(env, "OTHER", true)), "hint")))
                .isEqualTo("other-dotenv");
        assertThat(pw(new PasswordResolver(List.of(new DotEnvPasswordSource(env, "ABSENT", true),
                new PasswordFileSource(file)), "hint"))).isEqualTo("from-file");
        // an optional ./.env that does not exist is skipped; a named one that does not exist is an error
        assertThat(pw(new PasswordResolver(List.of(new DotEnvPasswordSource(dir.resolve("none"), "K", false),
                new PasswordFileSource(file)), "hint"))).isEqualTo("from-file");
        assertThatThrownBy(() -> pw(new PasswordResolver(List.of(
                new DotEnvPasswordSource(dir.resolve("none"), "K", true)), "hint")))
                .hasMessage("env file " + dir.resolve("none") + " does not exist");
        assertThatThrownBy(() -> pw(new PasswordResolver(List.of(new PasswordFileSource(dir.resolve("nope"))), "h")))
                .hasMessageContaining("password file").hasMessageContaining("does not exist");
        Files.writeString(file, " \n");
        assertThatThrownBy(() -> pw(new PasswordResolver(List.of(new PasswordFileSource(file)), "h")))
                .hasMessageContaining("is empty");
    }

    @Test
    void noSourceNamesTheOptions() {
        PasswordResolver r = new PasswordResolver(List.of(new ConsolePasswordSource(null)),
                "use A, B or C");
        assertThatThrownBy(() -> r.resolve(KF, PasswordPurpose.UNLOCK))
                .isInstanceOf(WalletException.class)
                .hasMessage("no password for " + KF + ": use A, B or C");
    }

    @Test
    void passwordNeverPrinted() {
        Password p = Password.of("s3cret", "somewhere");
        assertThat(p.toString()).isEqualTo("Password[from somewhere]");
        p.close();
        assertThat(new String(p.chars())).doesNotContain("s3cret");
    }
}
