package io.tao4j.cli;

import picocli.CommandLine.Command;

/** `tao4j tlock`: Time-lock encrypt and decrypt (ideal-labs timelock format). */
@Command(name = "tlock",
        mixinStandardHelpOptions = true,
        description = "Time-lock encrypt and decrypt (ideal-labs timelock format).",
        subcommands = {})
public final class TlockCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
