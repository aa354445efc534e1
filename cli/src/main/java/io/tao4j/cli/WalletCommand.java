package io.tao4j.cli;

import picocli.CommandLine.Command;

/** `tao4j wallet`: Create, restore, inspect and use btcli-compatible wallets. */
@Command(name = "wallet",
        mixinStandardHelpOptions = true,
        description = "Create, restore, inspect and use btcli-compatible wallets.",
        subcommands = {})
public final class WalletCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
