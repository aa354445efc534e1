package io.tao4j.scale.bench;

import io.tao4j.scale.metadata.CallEncoder;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.MetadataDecoder;
import io.tao4j.scale.metadata.MetadataLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark: metadata decoding time (target: spec-393 V16 blob well under one second, cold and warm) and
 * call encoding throughput. It lives in the test sources (not in the library jar); run it with
 * {@code mvn -q -pl scale -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.tao4j.scale.bench.MetadataBench -Dexec.args="<metadata file> [iterations]"}.
 */
public final class MetadataBench {
    private MetadataBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.out.println("usage: MetadataBench <metadata file> [iterations]");
            System.exit(2);
        }
        byte[] scale = MetadataLoader.unwrap(Files.readAllBytes(Path.of(args[0])));
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 50;

        long t0 = System.nanoTime();
        Metadata first = MetadataDecoder.decode(scale);
        long coldNs = System.nanoTime() - t0;

        long[] ns = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long s = System.nanoTime();
            MetadataDecoder.decode(scale);
            ns[i] = System.nanoTime() - s;
        }
        Arrays.sort(ns);
        System.out.printf("metadata V%d spec %d, %d bytes, %d types, %d pallets%n", first.version(),
                first.specVersion(), scale.length, first.types().size(), first.pallets().size());
        System.out.printf("decode cold: %.1f ms; warm median %.1f ms, p90 %.1f ms over %d runs%n", coldNs / 1e6,
                ns[iterations / 2] / 1e6, ns[(int) (iterations * 0.9)] / 1e6, iterations);

        Map<String, Object> args4 = Map.of("netuid", 1, "dests", List.of(0, 1, 2, 3, 4, 5, 6, 7),
                "weights", List.of(65535, 1, 2, 3, 4, 5, 6, 7), "version_key", 0);
        int calls = 200_000;
        for (int i = 0; i < calls / 10; i++) {
            CallEncoder.callData(first, "SubtensorModule", "set_weights", args4);
        }
        long s = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            CallEncoder.callData(first, "SubtensorModule", "set_weights", args4);
        }
        double secs = (System.nanoTime() - s) / 1e9;
        System.out.printf("set_weights call encoding: %.0f calls/s%n", calls / secs);
    }
}
