package io.tao4j.cli;

import picocli.CommandLine.Command;

/** `tao4j drand`: Verify drand beacons and convert rounds and times. */
@Command(name = "drand",
        mixinStandardHelpOptions = true,
        description = "Verify drand beacons and convert rounds and times.",
        subcommands = {})
public final class DrandCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
