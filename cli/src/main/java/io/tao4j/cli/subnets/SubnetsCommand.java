package io.tao4j.cli.subnets;

import io.tao4j.cli.GroupCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** `tao4j subnets`: btcli's subnets verbs (list, show, metagraph, hyperparameters, register). */
@Command(name = "subnets", mixinStandardHelpOptions = true,
        description = "List and inspect subnets, read a metagraph, register a hotkey (btcli subnets).",
        subcommands = {SubnetsListCommand.class, SubnetsShowCommand.class, SubnetsMetagraphCommand.class,
                SubnetsHyperparametersCommand.class, SubnetsRegisterCommand.class})
public final class SubnetsCommand extends GroupCommand {
}
