package io.tao4j.cli;

import picocli.CommandLine.Command;

/** `tao4j wallet`: Create, restore, inspect and use btcli-compatible wallets. */
@Command(name = "wallet",
        mixinStandardHelpOptions = true,
        description = "Create, restore, inspect and use btcli-compatible wallets.",
        subcommands = {
                io.tao4j.cli.wallet.NewKeyCommand.NewColdkey.class,
                io.tao4j.cli.wallet.NewKeyCommand.NewHotkey.class,
                io.tao4j.cli.wallet.RegenKeyCommand.RegenColdkey.class,
                io.tao4j.cli.wallet.RegenKeyCommand.RegenHotkey.class,
                io.tao4j.cli.wallet.CreateCommand.class,
                io.tao4j.cli.wallet.RegenPubCommand.RegenColdkeypub.class,
                io.tao4j.cli.wallet.RegenPubCommand.RegenHotkeypub.class,
                io.tao4j.cli.wallet.BalanceCommand.class,
                io.tao4j.cli.wallet.OverviewCommand.class,
                io.tao4j.cli.wallet.ListCommand.class,
                io.tao4j.cli.wallet.ShowCommand.class,
                io.tao4j.cli.wallet.SignCommand.class,
                io.tao4j.cli.wallet.TransferCommand.class,
                io.tao4j.cli.wallet.VerifyCommand.class
        })
public final class WalletCommand extends GroupCommand {
}
