package io.tao4j.chain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.MetadataLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Shared test data: metadata blobs from the shared fixtures (cached), vectors from test resources. */
public final class Fixtures {
    private static final Map<String, Metadata> CACHE = new ConcurrentHashMap<>();
    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static Path shared(String... parts) {
        return Path.of(System.getProperty("tao4j.shared"), parts);
    }

    public static Metadata metadata(String file) {
        return CACHE.computeIfAbsent(file, f -> MetadataLoader.load(shared("fixtures", "metadata", f)));
    }

    public static Metadata spec233() {
        return metadata("testnet-spec233.v14.json");
    }

    public static Metadata spec343v15() {
        return metadata("finney-spec343.v15.hex");
    }

    public static Metadata spec393() {
        return metadata("finney-spec393.v16.scale");
    }

    public static JsonNode resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
