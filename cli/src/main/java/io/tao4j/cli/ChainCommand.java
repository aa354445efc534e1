package io.tao4j.cli;

import picocli.CommandLine.Command;

/** `tao4j chain`: Talk to a Subtensor chain; encode calls and storage keys offline. */
@Command(name = "chain",
        mixinStandardHelpOptions = true,
        description = "Talk to a Subtensor chain; encode calls and storage keys offline.",
        subcommands = {ChainEncodeCallCommand.class, ChainInfoCommand.class, ChainStorageKeyCommand.class})
public final class ChainCommand extends GroupCommand {
}
