package io.tao4j.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Loads the shared bittensor keyfile vectors and this module's node-made NaCl vectors. */
public final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode shared;
    private static JsonNode node;

    private Vectors() {
    }

    public static synchronized JsonNode keyfiles() {
        if (shared == null) {
            try {
                shared = JSON.readTree(Path.of(System.getProperty("tao4j.shared"), "fixtures", "vectors",
                        "bittensor_keyfiles.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public static synchronized JsonNode nodeNacl() {
        if (node == null) {
            try (InputStream in = Vectors.class.getResourceAsStream("/vectors/node_nacl_vectors.json")) {
                node = JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return node;
    }
}
