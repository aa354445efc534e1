package io.tao4j.cli.drand;

import io.tao4j.drand.ChainInfo;
import picocli.CommandLine.Option;

/** The {@code --public-key} option shared by the commands that check or lock to a drand chain key. */
final class ChainKeyOption {
    @Option(names = "--public-key", description = "Chain public key (96-byte G2 hex); default quicknet.")
    String publicKey;

    /** Quicknet, or quicknet's parameters with the given key; a malformed key is a usage error (exit 2). */
    ChainInfo chain() {
        return Args.chain(publicKey);
    }
}
