package io.tao4j.cli.lfc;

import io.tao4j.cli.GroupCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code tao4j lfc validator}: the weight-burn validator. */
@Command(name = "validator", mixinStandardHelpOptions = true,
        description = "The weight-burn validator: keeps 100 %% of the validator's weight on one target UID.",
        subcommands = ValidatorRunCommand.class)
public final class ValidatorCommand extends GroupCommand {
}
