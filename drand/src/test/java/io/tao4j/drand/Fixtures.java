package io.tao4j.drand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/** Reads the shared vector files (test data only). */
public final class Fixtures {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static JsonNode vector(String name) throws IOException {
        return JSON.readTree(Path.of(System.getProperty("tao4j.shared"), "fixtures", "vectors", name).toFile());
    }

    public static final String SIG_1000 =
            "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39";
}
