package io.tao4j.mantis.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/** Reads the shared vector files and drand's Java vectors (test data only). */
final class PayloadFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The real quicknet signature of round 1000. */
    static final String SIG_1000 =
            "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39";

    private PayloadFixtures() {
    }

    static JsonNode vector(String name) throws IOException {
        return JSON.readTree(Path.of(System.getProperty("tao4j.shared"), "fixtures", "vectors", name).toFile());
    }

    /** drand's {@code java_tlock_r1000.json} (tests run in the module directory). */
    static JsonNode javaVectors() throws IOException {
        return JSON.readTree(Path.of("..", "drand", "src", "test", "resources", "vectors", "java_tlock_r1000.json").toFile());
    }
}
