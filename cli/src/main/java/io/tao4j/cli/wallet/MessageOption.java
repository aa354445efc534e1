package io.tao4j.cli.wallet;

import picocli.CommandLine.Option;

/** {@code --message-hex}: the raw message bytes that sign signs and verify checks. */
final class MessageOption {
    @Option(names = "--message-hex", required = true, paramLabel = "HEX", description = "The message bytes as hex.")
    String hex;

    /** The bytes; malformed hex is a usage error (exit 2) naming the option. */
    byte[] bytes() {
        return WalletSubcommand.hex(hex, "--message-hex");
    }
}
