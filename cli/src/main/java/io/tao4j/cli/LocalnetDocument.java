package io.tao4j.cli;

import io.tao4j.chain.Network;
import io.tao4j.mantis.miner.LocalnetDiscovery;

import java.io.IOException;
import java.net.URI;

/** Finding and reading a local network's discovery document ({@code /localnet.json}), with the CLI's errors. */
public final class LocalnetDocument {
    private LocalnetDocument() {
    }

    /** Parses a fetched document into what a command needs. */
    @FunctionalInterface
    public interface Reader<T> {
        T fetch(URI document) throws IOException;
    }

    /**
     * The document of {@code --discovery URL} if given, else of the node when the network is local, else null.
     *
     * @throws CliException (exit 2) when {@code --discovery} is not a URL
     */
    public static URI of(Network network, String discoveryUrl) {
        if (discoveryUrl == null && !network.name().equals(Network.LOCAL.name())) {
            return null;
        }
        try {
            return discoveryUrl != null ? URI.create(discoveryUrl) : LocalnetDiscovery.documentFor(network.endpoint());
        } catch (IllegalArgumentException e) {
            throw new CliException("--discovery is not a URL: " + discoveryUrl, 2);
        }
    }

    /**
     * Reads {@code document} with {@code reader}; null when there is no document.
     *
     * @throws CliException (exit 1) naming the document when it cannot be read
     */
    public static <T> T read(URI document, Reader<T> reader) {
        if (document == null) {
            return null;
        }
        try {
            return reader.fetch(document);
        } catch (IOException e) {
            throw new CliException("cannot read the local network's discovery document " + document + ": " + e.getMessage()
                    + " (is `tao4j localnet` running?)", 1);
        }
    }

    /**
     * A 32-byte hex option value (with or without 0x).
     *
     * @throws CliException (exit 2) naming the option
     */
    public static byte[] hex32(String option, String value) {
        try {
            byte[] b = io.tao4j.crypto.Hex.decode(value.startsWith("0x") ? value.substring(2) : value);
            if (b.length != 32) {
                throw new IllegalArgumentException("expected 32 bytes, got " + b.length);
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new CliException(option + " must be 64 hex characters: " + e.getMessage(), 2);
        }
    }
}
