package io.tao4j.cli.mantis;

import io.tao4j.cli.GroupCommand;

import io.tao4j.cli.drand.MantisPayloadOpenCommand;
import io.tao4j.cli.drand.MantisPayloadSealCommand;
import picocli.CommandLine.Command;

/** `tao4j mantis payload`: MANTIS v2 payload crypto (seal as a miner, open as a validator). */
@Command(name = "payload",
        mixinStandardHelpOptions = true,
        description = "MANTIS v2 payloads: seal (miner) and open (validator).",
        subcommands = {MantisPayloadSealCommand.class, MantisPayloadOpenCommand.class})
public final class MantisPayloadCommand extends GroupCommand {
}
