package io.tao4j.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tao4j.cli.BtcliConfigPath;
import io.tao4j.cli.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tao4j config set|get|clear} on a btcli config file, read back with a separate YAML parser. */
class ConfigCommandTest {
    @TempDir
    Path tmp;
    Path file;
    BtcliConfigPath configPath;

    /** A file as btcli writes it (safe_dump: sorted keys, null for unset, nested metagraph_cols). */
    static final String BTCLI_FILE = """
            allow_partial_stake: false
            dashboard_path: null
            disk_cache: false
            metagraph_cols:
              ACTIVE: true
              AXON: false
              UID: true
            network: null
            rate_tolerance: 0.005
            safe_staking: true
            use_cache: true
            wallet_hotkey: null
            wallet_name: null
            wallet_path: null
            """;

    @BeforeEach
    void point() {
        file = tmp.resolve("bt/config.yml");
        configPath = new BtcliConfigPath(file);
    }

    @AfterEach
    void restore() {
        configPath.restore();
    }

    JsonNode readBack() throws Exception {
        return new YAMLMapper().readTree(file.toFile());
    }

    @Test
    void setKeepsWhatItDoesNotKnowAndWritesAtomically() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, BTCLI_FILE + "custom_key: kept\n");
        CliRun r = CliRun.run("config", "set", "--wallet-name", "miner", "--hotkey", "h7", "-p", "~/w", "--network", "TEST",
                "--no-cache", "--tolerance", "0.1");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode y = readBack();
        assertThat(y.get("wallet_name").asText()).isEqualTo("miner");
        assertThat(y.get("wallet_hotkey").asText()).isEqualTo("h7");
        assertThat(y.get("wallet_path").asText()).isEqualTo("~/w");
        assertThat(y.get("network").asText()).isEqualTo("test"); // a known network is stored by its name
        assertThat(y.get("use_cache").isBoolean()).isTrue();
        assertThat(y.get("use_cache").asBoolean()).isFalse();
        assertThat(y.get("rate_tolerance").asDouble()).isEqualTo(0.1);
        assertThat(y.get("custom_key").asText()).isEqualTo("kept");
        assertThat(y.get("metagraph_cols").get("AXON").asBoolean()).isFalse();
        assertThat(y.get("safe_staking").asBoolean()).isTrue();
        assertThat(y.get("dashboard_path").isNull()).isTrue();
        String text = Files.readString(file);
        assertThat(text).doesNotStartWith("---").contains("dashboard_path: null");
        assertThat(text.indexOf("allow_partial_stake")).isLessThan(text.indexOf("wallet_name")); // sorted, as safe_dump
        try (var s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("config.yml"); // no temp file left
        }
        assertThat(r.out()).contains("wallet_name").contains("miner").contains("test (wss://test.finney.opentensor.ai:443)");

        JsonNode get = new ObjectMapper().readTree(CliRun.run("config", "get", "--json").out());
        assertThat(get.get("wallet_hotkey").asText()).isEqualTo("h7");
        assertThat(get.get("custom_key").asText()).isEqualTo("kept");
    }

    @Test
    void aNumericLookingNameStaysText() throws Exception {
        assertThat(CliRun.run("config", "set", "--wallet-name", "123").code()).isZero();
        assertThat(readBack().get("wallet_name").isTextual()).isTrue();
        assertThat(readBack().get("wallet_name").asText()).isEqualTo("123");
    }

    @Test
    void clearSetsNullAsBtcliDoes() throws Exception {
        assertThat(CliRun.run("config", "set", "--wallet-name", "a", "--network", "ws://10.0.0.5:9944").code()).isZero();
        assertThat(readBack().get("network").asText()).isEqualTo("ws://10.0.0.5:9944");
        CliRun r = CliRun.run("config", "clear", "--network");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(readBack().get("network").isNull()).isTrue();
        assertThat(readBack().get("wallet_name").asText()).isEqualTo("a");
        assertThat(CliRun.run("config", "clear").code()).isZero(); // no flag: every key set is cleared
        assertThat(readBack().get("wallet_name").isNull()).isTrue();
        assertThat(CliRun.run("config", "clear", "--all").code()).isZero();
        assertThat(Files.readString(file).strip()).isEqualTo("{}");
    }

    @Test
    void badValuesAndBadFilesSayWhatToDo() throws Exception {
        CliRun net = CliRun.run("config", "set", "--network", "mainnet");
        assertThat(net.code()).isEqualTo(2);
        assertThat(net.err()).contains("unknown network 'mainnet'").contains("finney");
        assertThat(Files.exists(file)).isFalse();
        CliRun nothing = CliRun.run("config", "set");
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to set").contains("--wallet-name");
        CliRun tol = CliRun.run("config", "set", "--tolerance", "2");
        assertThat(tol.code()).isEqualTo(2);
        assertThat(tol.err()).contains("between 0 and 1");

        Files.createDirectories(file.getParent());
        Files.writeString(file, "wallet_name: [unclosed\n");
        CliRun bad = CliRun.run("config", "get");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains(file.toString()).contains("not valid YAML").contains("remove it");
        assertThat(bad.err().strip().lines().count()).isEqualTo(1);
        // the same file breaks a wallet command with the same advice, not a stack trace
        CliRun show = CliRun.run("wallet", "show", "--wallet-path", tmp.resolve("w").toString());
        assertThat(show.err()).contains("not valid YAML").doesNotContain("Exception");
    }

    @Test
    void walletCommandsUseTheConfigDefaults() throws Exception {
        Path wallets = tmp.resolve("wallets");
        assertThat(CliRun.run("config", "set", "--wallet-name", "fromcfg", "--wallet-path", wallets.toString()).code()).isZero();
        CliRun made = CliRun.run("wallet", "regen-coldkey", "--uri", "//Ferdie", "--no-password");
        assertThat(made.code()).as(made.err()).isZero();
        assertThat(Files.exists(wallets.resolve("fromcfg/coldkeypub.txt"))).isTrue();
        JsonNode show = new ObjectMapper().readTree(CliRun.run("wallet", "show", "--json").out());
        assertThat(show.get("name").asText()).isEqualTo("fromcfg");
        // a flag still wins over the file
        CliRun other = CliRun.run("wallet", "show", "--name", "missing");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("'missing'");
    }
}
