package io.tao4j.cli.mantis;

import io.tao4j.cli.GroupCommand;

import picocli.CommandLine.Command;

/** `tao4j mantis`: MANTIS (subnet 123): payloads, salience, validator and miner. */
@Command(name = "mantis",
        mixinStandardHelpOptions = true,
        description = "MANTIS (subnet 123): payloads, salience, validator and miner.",
        subcommands = {MantisPayloadCommand.class, MantisSalienceCommand.class, MantisBenchSalienceCommand.class,
                MantisMinerCommand.class, MantisEmbeddingsCommand.class, MantisLedgerCommand.class,
                MantisValidatorCommand.class})
public final class MantisCommand extends GroupCommand {
}
