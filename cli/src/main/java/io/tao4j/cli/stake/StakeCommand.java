package io.tao4j.cli.stake;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `tao4j stake`: btcli's stake verbs (list, add, remove, move, transfer). */
@Command(name = "stake", mixinStandardHelpOptions = true,
        description = "List, add, remove, move and transfer stake (btcli stake).",
        subcommands = {StakeListCommand.class, StakeAddCommand.class, StakeRemoveCommand.class, StakeMoveCommand.class,
                StakeTransferCommand.class})
public final class StakeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
