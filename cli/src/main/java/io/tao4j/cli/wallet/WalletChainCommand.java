package io.tao4j.cli.wallet;

import io.tao4j.cli.SubtensorOptions;
import io.tao4j.cli.WalletOptions;
import io.tao4j.cli.config.OutputOptions;
import picocli.CommandLine.Mixin;

/** The commands that read a wallet's state from the chain (balance, overview): wallet, chain, output format. */
abstract class WalletChainCommand extends WalletSubcommand {
    @Mixin
    WalletOptions wallet;
    @Mixin
    SubtensorOptions subtensor;
    @Mixin
    OutputOptions output;
}
