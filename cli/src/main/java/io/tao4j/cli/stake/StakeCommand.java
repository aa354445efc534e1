package io.tao4j.cli.stake;

import io.tao4j.cli.GroupCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** `tao4j stake`: btcli's stake verbs (list, add, remove, move, transfer). */
@Command(name = "stake", mixinStandardHelpOptions = true,
        description = "List, add, remove, move and transfer stake (btcli stake).",
        subcommands = {StakeListCommand.class, StakeAddCommand.class, StakeRemoveCommand.class, StakeMoveCommand.class,
                StakeTransferCommand.class})
public final class StakeCommand extends GroupCommand {
}
