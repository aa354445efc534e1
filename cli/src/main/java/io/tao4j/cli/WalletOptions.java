package io.tao4j.cli;

import io.tao4j.cli.config.BtcliConfig;
import io.tao4j.wallet.Wallet;
import io.tao4j.wallet.WalletException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The btcli wallet options, as a picocli mixin: {@code --wallet.name} ({@code --wallet-name}, {@code --name}),
 * {@code --wallet.hotkey} ({@code --wallet-hotkey}, {@code --hotkey}, {@code -H}), {@code --wallet.path}
 * ({@code --wallet-path}, {@code -p}). A value absent from the command line comes from btwallet's
 * {@code BT_WALLET_NAME}, {@code BT_WALLET_HOTKEY}, {@code BT_WALLET_PATH}, else from btcli's config file
 * ({@code wallet_name}, {@code wallet_hotkey}, {@code wallet_path}; see {@code tao4j config}), else
 * {@code default}, {@code default}, {@code ~/.bittensor/wallets}.
 *
 * <pre>{@code @Mixin WalletOptions wallet;  ...  Wallet w = wallet.wallet();}</pre>
 */
public final class WalletOptions {

    @Option(names = {"--wallet.name", "--wallet-name", "--name", "--wallet_name"}, paramLabel = "NAME",
            description = "Wallet name (default: $BT_WALLET_NAME, else wallet_name in the btcli config, else 'default').")
    String name;

    @Option(names = {"--wallet.hotkey", "--wallet-hotkey", "--hotkey", "-H", "--wallet_hotkey"}, paramLabel = "HOTKEY",
            description = "Hotkey name (default: $BT_WALLET_HOTKEY, else wallet_hotkey in the btcli config, else 'default').")
    String hotkey;

    @Option(names = {"--wallet.path", "--wallet-path", "-p", "--wallet_path"}, paramLabel = "DIR",
            description = "Directory holding the wallets (default: $BT_WALLET_PATH, else wallet_path in the btcli config,"
                    + " else ~/.bittensor/wallets).")
    String path;

    /** Reads the environment; tests replace it. */
    Function<String, String> env = System::getenv;
    private BtcliConfig config;

    private Optional<String> fallback(String envVar, String configKey) {
        String e = env.apply(envVar);
        if (e != null && !e.isBlank()) {
            return Optional.of(e);
        }
        if (config == null) {
            config = BtcliConfig.load();
        }
        return config.string(configKey);
    }

    /** The wallet name: as given, else {@code BT_WALLET_NAME}, else the config's {@code wallet_name}, else {@code default}. */
    public String name() {
        return name != null ? name : fallback("BT_WALLET_NAME", "wallet_name").orElse(Wallet.DEFAULT_NAME);
    }

    /** The hotkey name: as given, else {@code BT_WALLET_HOTKEY}, else the config's {@code wallet_hotkey}, else {@code default}. */
    public String hotkey() {
        return hotkey != null ? hotkey : fallback("BT_WALLET_HOTKEY", "wallet_hotkey").orElse(Wallet.DEFAULT_HOTKEY);
    }

    /** Whether a hotkey option was given on the command line. */
    public boolean hotkeyGiven() {
        return hotkey != null;
    }

    /** The wallets directory with {@code ~} expanded ({@code default} means btcli's default, as in btcli). */
    public Path path() {
        String p = path != null ? path : fallback("BT_WALLET_PATH", "wallet_path").orElse(Wallet.DEFAULT_PATH);
        return Wallet.expandPath(p.equals("default") ? Wallet.DEFAULT_PATH : p);
    }

    /** The selected wallet. @throws CliException for an unusable name */
    public Wallet wallet() {
        try {
            return new Wallet(path(), name(), hotkey());
        } catch (WalletException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }
}
