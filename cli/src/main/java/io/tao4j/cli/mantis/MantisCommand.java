package io.tao4j.cli.mantis;

import picocli.CommandLine.Command;

/** `tao4j mantis`: MANTIS (subnet 123): payloads, salience, validator and miner. */
@Command(name = "mantis",
        mixinStandardHelpOptions = true,
        description = "MANTIS (subnet 123): payloads, salience, validator and miner.",
        subcommands = {MantisPayloadCommand.class, MantisSalienceCommand.class, MantisBenchSalienceCommand.class,
                MantisMinerCommand.class, MantisEmbeddingsCommand.class, MantisLedgerCommand.class,
                MantisValidatorCommand.class})
public final class MantisCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
