package io.tao4j.cli.wallet;

import picocli.CommandLine.Option;

/** Options of the commands that write a key. */
final class WriteOptions {
    @Option(names = {"--no-password", "--no-use-password"}, description = "Write the key unencrypted (default: encrypt with a password).")
    boolean noPassword;

    @Option(names = "--overwrite", description = "Replace an existing key (default: refuse).")
    boolean overwrite;
}
