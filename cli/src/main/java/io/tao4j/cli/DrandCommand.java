package io.tao4j.cli;

import io.tao4j.cli.drand.DrandBeaconCommand;
import io.tao4j.cli.drand.DrandBenchCommand;
import io.tao4j.cli.drand.DrandRoundCommand;
import io.tao4j.cli.drand.DrandVerifyCommand;
import picocli.CommandLine.Command;

/** `tao4j drand`: Verify drand beacons and convert rounds and times. */
@Command(name = "drand",
        mixinStandardHelpOptions = true,
        description = "Verify drand beacons and convert rounds and times.",
        subcommands = {DrandVerifyCommand.class, DrandRoundCommand.class, DrandBeaconCommand.class, DrandBenchCommand.class})
public final class DrandCommand extends GroupCommand {
}
