package io.tao4j.cli.wallet;

import picocli.CommandLine.Option;

/** The {@code --n-words} option of the commands that generate a new mnemonic. */
final class MnemonicLengthOption {
    @Option(names = "--n-words", paramLabel = "N", defaultValue = "12",
            description = "Mnemonic length: 12, 15, 18, 21 or 24 words (default: ${DEFAULT-VALUE}).")
    int nWords;

    /** The word count, checked: anything but 12, 15, 18, 21 or 24 is a usage error (exit 2). */
    int words() {
        if (nWords != 12 && nWords != 15 && nWords != 18 && nWords != 21 && nWords != 24) {
            throw WalletSubcommand.usage("--n-words must be 12, 15, 18, 21 or 24, not " + nWords);
        }
        return nWords;
    }
}
