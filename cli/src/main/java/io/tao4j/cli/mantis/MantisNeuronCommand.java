package io.tao4j.cli.mantis;

import io.tao4j.cli.CliException;
import io.tao4j.cli.PasswordOptions;
import io.tao4j.cli.SubtensorOptions;
import io.tao4j.cli.WalletOptions;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.wallet.WalletException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the MANTIS neuron commands ({@code miner}, {@code validator}) share: the wallet, its passwords, the chain,
 * {@code --netuid} (default 123), {@code --discovery} of a local network and {@code --protocol}.
 */
abstract class MantisNeuronCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    WalletOptions wallet;

    @Mixin
    PasswordOptions passwords;

    @Mixin
    SubtensorOptions subtensor;

    @Option(names = "--netuid", defaultValue = "123", description = "Subnet (default: ${DEFAULT-VALUE}).")
    int netuid;

    @Option(names = "--discovery", paramLabel = "URL",
            description = "Local network discovery document (default for --subtensor.network local: http://<node>/localnet.json).")
    String discoveryUrl;

    @Mixin
    ProtocolOption protocol = new ProtocolOption();

    /** The wallet's hotkey pair. @throws CliException (exit 2) when it cannot be read or decrypted */
    Sr25519KeyPair hotkey() {
        try {
            return wallet.wallet().hotkeyPair(passwords.resolver());
        } catch (WalletException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }
}
