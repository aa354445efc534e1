package io.tao4j.cli.mantis;

import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.SalienceEngine;
import io.tao4j.mantis.salience.SalienceResult;
import io.tao4j.mantis.salience.SyntheticData;
import io.tao4j.mantis.salience.TrainingData;

import java.util.List;
import java.util.Map;

/**
 * Benchmark of the whole {@code multi_salience} at mainnet shape: generated data ({@link SyntheticData})
 * for all 8 challenges, {@code hotkeys} miners, {@code days * 1440} samples. Reports wall time per scorer
 * and the peak heap use (sum of heap memory pools' peak usage since the run started).
 */
public final class SalienceBench {
    private SalienceBench() {}

    /**
     * @param peakHeapBytes  largest heap occupancy sampled every 10 ms during generation + salience
     *                       (includes not-yet-collected garbage, so an upper bound of the live set)
     * @param cpuSeconds     process CPU time spent in {@code multiSalience} (all threads); independent of
     *                       other load on the machine, unlike wall time
     */
    public record Report(int hotkeys, int rows, double generateSeconds, Map<String, Double> seconds,
                         long peakHeapBytes, double cpuSeconds, String topHotkey, int availableProcessors) {}

    public static Report run(int hotkeys, int days, long seed) {
        return run(hotkeys, days, seed, MantisConfig.CHALLENGES);
    }

    /** The same on {@code challenges} (single-asset, e.g. a protocol's as {@code ProtocolScoring} selects them). */
    public static Report run(int hotkeys, int days, long seed, List<MantisChallenge> challenges) {
        if (hotkeys < 1) throw new IllegalArgumentException("hotkeys must be >= 1");
        if (days < 1) throw new IllegalArgumentException("days must be >= 1");
        int rows = days * MantisConfig.INDICES_PER_DAY;
        BenchProbe probe = BenchProbe.start();
        long g0 = System.nanoTime();
        TrainingData data = SyntheticData.generate(seed, rows, SyntheticData.roles(hotkeys), challenges);
        double gen = (System.nanoTime() - g0) / 1e9;
        double cpu0 = BenchProbe.processCpuSeconds();
        SalienceResult r = new SalienceEngine().multiSalience(data, new SalienceEngine.Options(challenges, MantisConfig.SEED,
                MantisConfig.SAMPLE_EVERY, true));
        double cpu = BenchProbe.processCpuSeconds() - cpu0;
        probe.close();
        long peak = probe.peakUsedBytes();
        String top = r.total().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        return new Report(hotkeys, rows, gen, r.seconds(), peak, cpu, top, Runtime.getRuntime().availableProcessors());
    }

    public static void main(String[] args) {
        int hk = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Report rep = run(hk, days, 1);
        System.out.println(rep);
    }
}
