package io.tao4j.cli.mantis;

import io.tao4j.cli.CliException;
import io.tao4j.mantis.validator.ProtocolScoring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** `tao4j mantis bench-salience`: time multi_salience on generated data of mainnet shape. */
@Command(name = "bench-salience",
        mixinStandardHelpOptions = true,
        description = "Benchmark MANTIS multi_salience on generated data (the challenges the protocol's scoring engine "
                + "scores, one sample per minute).")
public final class MantisBenchSalienceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--hotkeys", defaultValue = "256", description = "Number of miners (default: ${DEFAULT-VALUE}).")
    int hotkeys;

    @Option(names = "--days", defaultValue = "30", description = "Days of samples at 1440 per day (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ProtocolOption protocol = new ProtocolOption();

    @Override
    public Integer call() {
        if (hotkeys < 1 || hotkeys > 4096) throw new CliException("--hotkeys must be in 1..4096, got " + hotkeys);
        if (days < 1 || days > 60) throw new CliException("--days must be in 1..60, got " + days);
        ProtocolScoring.Plan plan = protocol.scoringPlan();
        if (plan.warning() != null) {
            spec.commandLine().getErr().println("warning: " + plan.warning());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("generating %d hotkeys x %d samples for %d challenges (protocol %s)...%n", hotkeys, days * 1440,
                plan.scored().size(), plan.protocol().id());
        out.flush();
        SalienceBench.Report r = SalienceBench.run(hotkeys, days, seed, plan.scored());
        out.printf("processors        %d, max heap %d MiB%n", r.availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf("generate          %.2f s%n", r.generateSeconds());
        for (Map.Entry<String, Double> e : r.seconds().entrySet()) {
            out.printf("%-22s %.2f s%n", e.getKey(), e.getValue());
        }
        out.printf("cpu (all threads) %.2f s%n", r.cpuSeconds());
        out.printf("peak heap         %d MiB (sampled every 10 ms)%n", r.peakHeapBytes() >> 20);
        out.printf("top hotkey        %s%n", r.topHotkey());
        out.flush();
        return 0;
    }
}
