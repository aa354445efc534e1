package io.tao4j.cli.wallet;

import io.tao4j.cli.config.OutputOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the commands that make new keys (create, new-coldkey, new-hotkey): the output format (with
 * {@code --json} a new mnemonic goes to stderr), the mnemonic length, or a development account instead.
 */
final class NewKeyOptions {
    @Mixin
    OutputOptions output;

    @Option(names = "--n-words", paramLabel = "N", defaultValue = "12",
            description = "Mnemonic length: 12, 15, 18, 21 or 24 words (default: ${DEFAULT-VALUE}).")
    int nWords;

    @Option(names = "--uri", paramLabel = "NAME",
            description = "A development account instead of a new mnemonic: Alice means //Alice (as btcli); written"
                    + " unencrypted, its secret is public.")
    String uri;

    /** The word count, checked: anything but 12, 15, 18, 21 or 24 is a usage error (exit 2). */
    int words() {
        if (nWords != 12 && nWords != 15 && nWords != 18 && nWords != 21 && nWords != 24) {
            throw WalletSubcommand.usage("--n-words must be 12, 15, 18, 21 or 24, not " + nWords);
        }
        return nWords;
    }

    /** With {@code --uri}: the development account's secret URI ({@code //Alice}); else null. */
    String devUri() {
        return uri == null ? null : KeyWriting.devUri(uri);
    }
}
