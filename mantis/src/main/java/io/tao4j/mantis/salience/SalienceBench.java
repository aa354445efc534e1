package io.tao4j.mantis.salience;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark of the whole {@code multi_salience} at mainnet shape: generated data ({@link SyntheticData})
 * for all 8 challenges, {@code hotkeys} miners, {@code days * 1440} samples. Reports wall time per scorer
 * and the peak heap use (sum of heap memory pools' peak usage since the run started).
 */
public final class SalienceBench {
    private SalienceBench() {}

    public record Report(int hotkeys, int rows, double generateSeconds, Map<String, Double> seconds,
                         long peakHeapBytes, String topHotkey, int availableProcessors) {}

    /** Roles: a few informed miners (signal, weak, copy, late), every 8th miner never submits, rest noise. */
    public static List<String> roles(int hotkeys) {
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < hotkeys; i++) {
            String r;
            if (i == 0) r = "signal";
            else if (i == 1) r = "weak";
            else if (i == 2 && hotkeys > 3) r = "copy";
            else if (i == 3) r = "late";
            else if (i % 8 == 4) r = "zero";
            else r = "noise";
            roles.add(r);
        }
        return roles;
    }

    public static Report run(int hotkeys, int days, long seed) {
        if (hotkeys < 1) throw new IllegalArgumentException("hotkeys must be >= 1");
        if (days < 1) throw new IllegalArgumentException("days must be >= 1");
        int rows = days * MantisConfig.INDICES_PER_DAY;
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
                pools.add(p);
            }
        }
        long g0 = System.nanoTime();
        TrainingData data = SyntheticData.generate(seed, rows, roles(hotkeys), MantisConfig.CHALLENGES);
        double gen = (System.nanoTime() - g0) / 1e9;
        SalienceResult r = new SalienceEngine().multiSalience(data);
        long peak = 0;
        for (MemoryPoolMXBean p : pools) peak += p.getPeakUsage().getUsed();
        String top = r.total().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        return new Report(hotkeys, rows, gen, r.seconds(), peak, top, Runtime.getRuntime().availableProcessors());
    }

    public static void main(String[] args) {
        int hk = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Report rep = run(hk, days, 1);
        System.out.println(rep);
    }
}
