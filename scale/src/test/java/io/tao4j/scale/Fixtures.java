package io.tao4j.scale;

import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.MetadataLoader;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Locates shared fixtures and caches decoded metadata per test JVM. */
public final class Fixtures {
    /** fixture file → key in subtensor_metadata_summary.json */
    public static final Map<String, String> BLOBS = Map.of(
            "mainnet-spec219.v14.json", "bitgo-mainnet",
            "testnet-spec233.v14.json", "bitgo-testnet",
            "finney-spec343.v14.hex", "bittensor-tests-v14",
            "finney-spec343.v15.hex", "bittensor-tests-v14",
            "finney-spec365.v16.scale", "one-covenant-v16",
            "finney-spec393.v16.scale", "cortexlm-v16");

    private static final Map<String, Metadata> CACHE = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    public static Path shared() {
        String p = System.getProperty("tao4j.shared");
        if (p == null) {
            throw new IllegalStateException("system property tao4j.shared is not set");
        }
        return Path.of(p);
    }

    public static Path metadataFile(String name) {
        return shared().resolve("fixtures").resolve("metadata").resolve(name);
    }

    public static Path vectors(String name) {
        return shared().resolve("fixtures").resolve("vectors").resolve(name);
    }

    public static Metadata metadata(String name) {
        return CACHE.computeIfAbsent(name, n -> MetadataLoader.load(metadataFile(n)));
    }
}
