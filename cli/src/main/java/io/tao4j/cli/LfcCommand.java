package io.tao4j.cli;

import io.tao4j.cli.lfc.SweeperCommand;
import io.tao4j.cli.lfc.ValidatorCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code tao4j lfc}: the Liquidity Flow Controller neurons (weight-burn validator and stake sweeper). */
@Command(name = "lfc", mixinStandardHelpOptions = true,
        description = "Liquidity Flow Controller: the weight-burn validator and the stake sweeper.",
        subcommands = {ValidatorCommand.class, SweeperCommand.class})
public final class LfcCommand extends GroupCommand {
}
