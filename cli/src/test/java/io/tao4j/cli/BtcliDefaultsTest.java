package io.tao4j.cli;

import io.tao4j.chain.Network;
import io.tao4j.cli.config.BtcliConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** btcli's option names and the precedence flag > environment > btcli config file > default. */
class BtcliDefaultsTest {
    @TempDir
    Path tmp;
    BtcliConfigPath configPath;

    @BeforeEach
    void config() throws Exception {
        Path file = tmp.resolve("config.yml");
        Files.writeString(file, "network: test\nwallet_name: cfgname\nwallet_hotkey: cfghot\nwallet_path: " + tmp.resolve("cfgwallets")
                + "\nuse_cache: true\n");
        configPath = new BtcliConfigPath(file);
    }

    @AfterEach
    void restore() {
        configPath.restore();
    }

    static WalletOptions wallet(Map<String, String> env, String... args) {
        WalletOptions o = new WalletOptions();
        new CommandLine(o).parseArgs(args);
        o.env = env::get;
        return o;
    }

    static SubtensorOptions subtensor(Map<String, String> env, String... args) {
        SubtensorOptions o = new SubtensorOptions();
        new CommandLine(o).parseArgs(args);
        o.env = env::get;
        return o;
    }

    @Test
    void walletFlagThenEnvThenConfigThenDefault() {
        WalletOptions fromConfig = wallet(Map.of());
        assertThat(fromConfig.name()).isEqualTo("cfgname");
        assertThat(fromConfig.hotkey()).isEqualTo("cfghot");
        assertThat(fromConfig.path()).isEqualTo(tmp.resolve("cfgwallets"));
        WalletOptions fromEnv = wallet(Map.of("BT_WALLET_NAME", "envname", "BT_WALLET_HOTKEY", "envhot"));
        assertThat(fromEnv.name()).isEqualTo("envname");
        assertThat(fromEnv.hotkey()).isEqualTo("envhot");
        WalletOptions flags = wallet(Map.of("BT_WALLET_NAME", "envname"), "--name", "flag", "-H", "hk", "-p", "/tmp/x");
        assertThat(flags.name()).isEqualTo("flag");
        assertThat(flags.hotkey()).isEqualTo("hk");
        assertThat(flags.path()).isEqualTo(Path.of("/tmp/x"));
        for (String[] alias : new String[][]{{"--wallet-name", "a"}, {"--wallet.name", "a"}, {"--wallet_name", "a"}}) {
            assertThat(wallet(Map.of(), alias).name()).isEqualTo("a");
        }
        assertThat(wallet(Map.of(), "--wallet-hotkey", "b").hotkey()).isEqualTo("b");
        assertThat(wallet(Map.of(), "--hotkey", "b").hotkey()).isEqualTo("b");
        assertThat(wallet(Map.of(), "--wallet-path", "default").path().toString()).endsWith(".bittensor/wallets");

        System.setProperty(BtcliConfig.PATH_PROPERTY, tmp.resolve("absent.yml").toString());
        WalletOptions defaults = wallet(Map.of());
        assertThat(defaults.name()).isEqualTo("default");
        assertThat(defaults.hotkey()).isEqualTo("default");
        assertThat(defaults.hotkeyGiven()).isFalse();
        assertThat(wallet(Map.of(), "-H", "x").hotkeyGiven()).isTrue();
    }

    @Test
    void networkFlagThenEnvThenConfigThenFinney() {
        assertThat(subtensor(Map.of()).network()).isEqualTo(Network.TEST); // config
        assertThat(subtensor(Map.of("BT_NETWORK", "latent-lite")).network()).isEqualTo(Network.LATENT_LITE);
        assertThat(subtensor(Map.of("BT_SUBTENSOR_NETWORK", "archive", "BT_NETWORK", "dev")).network()).isEqualTo(Network.ARCHIVE);
        assertThat(subtensor(Map.of("BT_CHAIN_ENDPOINT", "ws://10.1.2.3:9944", "BT_NETWORK", "dev")).network().endpoint())
                .hasToString("ws://10.1.2.3:9944");
        assertThat(subtensor(Map.of("BT_NETWORK", "dev"), "--network", "rao").network()).isEqualTo(Network.RAO);
        assertThat(subtensor(Map.of("BT_NETWORK", "dev"), "--chain", "ws://127.0.0.1:1234").network().endpoint())
                .hasToString("ws://127.0.0.1:1234");
        assertThat(subtensor(Map.of(), "--subtensor.network", "finney").network()).isEqualTo(Network.FINNEY);
        // the SDK's local override still applies
        assertThat(subtensor(Map.of("BT_SUBTENSOR_CHAIN_ENDPOINT", "ws://127.0.0.1:9999"), "--network", "local").network().endpoint())
                .hasToString("ws://127.0.0.1:9999");
        assertThatThrownBy(() -> subtensor(Map.of("BT_NETWORK", "mainnet")).network())
                .isInstanceOf(CliException.class).hasMessageContaining("unknown network 'mainnet'")
                .hasMessageContaining("$BT_NETWORK");

        System.setProperty(BtcliConfig.PATH_PROPERTY, tmp.resolve("absent.yml").toString());
        assertThat(subtensor(Map.of()).network()).isEqualTo(Network.FINNEY);
    }

    @Test
    void aBadNetworkInTheConfigNamesTheFile() throws Exception {
        Path file = tmp.resolve("bad.yml");
        Files.writeString(file, "network: mainnet\n");
        System.setProperty(BtcliConfig.PATH_PROPERTY, file.toString());
        assertThatThrownBy(() -> subtensor(Map.of()).network()).isInstanceOf(CliException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("tao4j config set --network");
    }
}
