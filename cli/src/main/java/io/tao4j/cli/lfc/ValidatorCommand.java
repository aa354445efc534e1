package io.tao4j.cli.lfc;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tao4j lfc validator}: the weight-burn validator. */
@Command(name = "validator", mixinStandardHelpOptions = true,
        description = "The weight-burn validator: keeps 100 %% of the validator's weight on one target UID.",
        subcommands = ValidatorRunCommand.class)
public final class ValidatorCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
