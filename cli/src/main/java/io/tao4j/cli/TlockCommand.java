package io.tao4j.cli;

import io.tao4j.cli.drand.TlockDecryptCommand;
import io.tao4j.cli.drand.TlockEncryptCommand;
import picocli.CommandLine.Command;

/** `tao4j tlock`: Time-lock encrypt and decrypt (ideal-labs timelock format). */
@Command(name = "tlock",
        mixinStandardHelpOptions = true,
        description = "Time-lock encrypt and decrypt (ideal-labs timelock format).",
        subcommands = {TlockEncryptCommand.class, TlockDecryptCommand.class})
public final class TlockCommand extends GroupCommand {
}
