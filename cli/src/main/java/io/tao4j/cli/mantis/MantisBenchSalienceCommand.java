package io.tao4j.cli.mantis;

import io.tao4j.cli.CliException;
import io.tao4j.mantis.protocol.Protocol;
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
        description = "Benchmark MANTIS multi_salience on generated data of mainnet shape (every challenge of the protocol, "
                + "one sample per minute; at bcff57b the HEAD engine, challenges without a scorer reported as such).")
public final class MantisBenchSalienceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--hotkeys", defaultValue = "256", description = "Number of miners (default: ${DEFAULT-VALUE}).")
    int hotkeys;

    @Option(names = "--days", defaultValue = "30", description = "Days of samples at 1440 per day (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "<n>",
            description = "Challenges scored in parallel (default: the available processors). The result does not depend on it.")
    Integer threads;

    @Option(names = "--challenges", paramLabel = "<ticker,...>", split = ",",
            description = "bcff57b: run only these challenges (default: all).")
    java.util.List<String> only;

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
        if (threads != null && (threads < 1 || threads > 256)) throw new CliException("--threads must be in 1..256, got " + threads);
        if (plan.protocol() != Protocol.P2E9BC5B) {
            head(plan.protocol(), out);
            return 0;
        }
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

    /** The HEAD engine on all the protocol's challenges. */
    private void head(Protocol p, PrintWriter out) {
        int n = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
        out.printf("HEAD engine (protocol %s): %d hotkeys x %d rows, %d challenges, %d threads; each challenge's data is "
                + "generated when it is scored%n", p.id(), hotkeys, days * p.constants().indicesPerDay(),
                p.challenges().size(), n);
        out.flush();
        java.util.Set<String> sel = null;
        if (only != null) {
            sel = new java.util.LinkedHashSet<>();
            for (String t : only) {
                String u = t.trim().toUpperCase(java.util.Locale.ROOT);
                if (p.byTicker(u).isEmpty()) {
                    throw new CliException("--challenges: " + t + " is not a challenge of protocol " + p.id() + " " + p.tickers());
                }
                sel.add(u);
            }
        }
        HeadSalienceBench.Report r = HeadSalienceBench.run(p, hotkeys, days, seed, n, sel);
        out.printf("processors %d, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf("%-14s %10s %10s %10s  %s%n", "challenge", "score s", "generate s", "data MiB", "hotkeys out");
        for (HeadSalienceBench.Line l : r.lines()) {
            switch (l.status()) {
                case SCORED -> out.printf("%-14s %10.2f %10.2f %10.1f  %d%n", l.ticker(), l.scoreSeconds(),
                        l.generateSeconds(), l.dataBytes() / 1048576.0, l.hotkeysOut());
                case NO_SCORER -> out.printf("%-14s %10s %10.2f %10.1f  no scorer%n", l.ticker(), "-",
                        l.generateSeconds(), l.dataBytes() / 1048576.0);
                default -> out.printf("%-14s %10s %10s %10s  not selected%n", l.ticker(), "-", "-", "-");
            }
        }
        out.printf("breakout samples  %d%n", r.breakoutSamples());
        out.printf("total             %.2f s (generation and scoring, all challenges)%n", r.totalSeconds());
        out.printf("cpu (all threads) %.2f s%n", r.cpuSeconds());
        out.printf("peak heap         %d MiB (sampled every 10 ms)%n", r.peakHeapBytes() >> 20);
        if (r.peakRssKb() >= 0) {
            out.printf("peak RSS          %d MiB (VmHWM of /proc/self/status: the whole JVM)%n", r.peakRssKb() >> 10);
        } else {
            out.println("peak RSS          n/a (no /proc/self/status)");
        }
        out.printf("top hotkey        %s%n", r.topHotkey());
        out.flush();
    }
}
