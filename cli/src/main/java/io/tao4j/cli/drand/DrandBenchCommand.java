package io.tao4j.cli.drand;

import io.tao4j.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** `tao4j drand bench`: time opening MANTIS v2 payloads (one pairing each). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark opening MANTIS v2 payloads for one drand round (target: 256 in < 1 s on 2 cores).")
public final class DrandBenchCommand implements Callable<Integer> {
    @Option(names = "--payloads", defaultValue = "256", description = "Payloads per batch (default ${DEFAULT-VALUE}).")
    int payloads;

    @Option(names = "--runs", defaultValue = "5", description = "Timed batches (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        if (payloads < 1 || runs < 1) {
            throw new CliException("--payloads and --runs must be positive", 2);
        }
        OpenBench.run(payloads, runs, System.out);
        return 0;
    }
}
