package io.tao4j.cli;

import io.tao4j.wallet.Wallet;
import io.tao4j.wallet.WalletException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The btcli wallet options, as a picocli mixin: {@code --wallet.name}, {@code --wallet.hotkey},
 * {@code --wallet.path}. Defaults follow btwallet: {@code BT_WALLET_NAME}, {@code BT_WALLET_HOTKEY},
 * {@code BT_WALLET_PATH} when set, else {@code default}, {@code default}, {@code ~/.bittensor/wallets}.
 *
 * <pre>{@code @Mixin WalletOptions wallet;  ...  Wallet w = wallet.wallet();}</pre>
 */
public final class WalletOptions {

    @Option(names = "--wallet.name", paramLabel = "NAME", defaultValue = "${env:BT_WALLET_NAME:-default}",
            description = "Wallet name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--wallet.hotkey", paramLabel = "HOTKEY",
            description = "Hotkey name (default: $BT_WALLET_HOTKEY or 'default').")
    String hotkey;

    @Option(names = "--wallet.path", paramLabel = "DIR", defaultValue = "${env:BT_WALLET_PATH:-~/.bittensor/wallets}",
            description = "Directory holding the wallets (default: ${DEFAULT-VALUE}).")
    String path;

    public String name() {
        return name;
    }

    /** The hotkey name: as given, else {@code BT_WALLET_HOTKEY}, else {@code default}. */
    public String hotkey() {
        if (hotkey != null) {
            return hotkey;
        }
        String env = System.getenv("BT_WALLET_HOTKEY");
        return env == null || env.isBlank() ? Wallet.DEFAULT_HOTKEY : env;
    }

    /** Whether {@code --wallet.hotkey} was given on the command line. */
    public boolean hotkeyGiven() {
        return hotkey != null;
    }

    /** The wallets directory with {@code ~} expanded. */
    public Path path() {
        return Wallet.expandPath(path);
    }

    /** The selected wallet. @throws CliException for an unusable name */
    public Wallet wallet() {
        try {
            return new Wallet(path(), name, hotkey());
        } catch (WalletException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }
}
