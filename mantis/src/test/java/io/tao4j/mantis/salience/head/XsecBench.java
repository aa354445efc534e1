package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.salience.math.Half;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Not a test: times {@link XsecRankScorer} and {@link FundingXsecScorer} on random data of mainnet shape
 * (default 256 hotkeys × 43 200 rows, 33 / 20 assets; a few informative miners, the rest uniform noise) and prints
 * seconds and peak heap per scorer. Run from the module directory after {@code mvn test-compile}:
 * {@code java -Xmx6g -cp target/classes:target/test-classes io.tao4j.mantis.salience.head.XsecBench [hotkeys] [rows]}.
 */
public final class XsecBench {
    private XsecBench() {}

    public static void main(String[] args) {
        int h = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int t = args.length > 1 ? Integer.parseInt(args[1]) : 43_200;
        System.out.printf("processors %d, max heap %d MiB, %d hotkeys x %d rows%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, h, t);
        run("MULTIXSEC", series("MULTIXSEC", h, t, 33, 1200, false, 1), XsecRankScorer::score);
        run("FUNDINGXSEC", series("FUNDINGXSEC", h, t, 20, 2400, true, 2), FundingXsecScorer::score);
    }

    private static void run(String name, MultiAssetSeries s, java.util.function.Function<MultiAssetSeries, Map<String, Double>> f) {
        System.gc();
        long base = used();
        resetPeaks();
        long t0 = System.nanoTime();
        long c0 = cpu();
        Map<String, Double> out = f.apply(s);
        double sec = (System.nanoTime() - t0) / 1e9;
        double cpuSec = (cpu() - c0) / 1e9;
        long peak = peakHeap();
        String top = out.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("-");
        System.out.printf("%-12s %.2f s (cpu %.2f s), peak heap %d MiB (input+baseline %d MiB, extra %d MiB), %d hotkeys out, top %s%n",
                name, sec, cpuSec, peak >> 20, base >> 20, (peak - base) >> 20, out.size(), top);
    }

    /** Random walk prices or piecewise-constant funding rates; miners 0-3 informative, the rest noise. */
    static MultiAssetSeries series(String ticker, int h, int t, int a, int blocksAhead, boolean funding, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int ahead = blocksAhead / 5;
        double[] v = new double[t * a];
        for (int k = 0; k < a; k++) {
            double x = funding ? 1e-4 : 100.0 * (1 + rnd.nextDouble());
            for (int r = 0; r < t; r++) {
                if (funding) {
                    if (r % 480 == 0) x = 0.7 * x + 3e-5 + 4e-5 * rnd.nextGaussian();
                } else {
                    x *= Math.exp(8e-4 * rnd.nextGaussian());
                }
                v[r * a + k] = x;
            }
        }
        short[] hist = new short[(int) ((long) t * h * a)];
        double[] rel = new double[a];
        for (int r = 0; r < t; r++) {
            int fr = Math.min(t - 1, r + ahead);
            double mean = 0;
            for (int k = 0; k < a; k++) {
                rel[k] = funding ? v[fr * a + k] - v[r * a + k] : Math.log(v[fr * a + k] / v[r * a + k]);
                mean += rel[k] / a;
            }
            for (int k = 0; k < a; k++) rel[k] = (rel[k] - mean) / (funding ? 5e-5 : 1e-2);
            for (int j = 0; j < h; j++) {
                int o = (r * h + j) * a;
                for (int k = 0; k < a; k++) {
                    double e = j < 4 ? Math.tanh(0.5 * ((4 - j) * 0.4 * rel[k] + rnd.nextGaussian())) : 2 * rnd.nextDouble() - 1;
                    hist[o + k] = Half.fromFloat((float) e);
                }
            }
        }
        long[] sidx = new long[t];
        for (int r = 0; r < t; r++) sidx[r] = 1_400_000L + r;
        List<String> hks = new ArrayList<>();
        for (int j = 0; j < h; j++) hks.add(String.format("hk%04d", j));
        return new MultiAssetSeries(ticker, hks, a, hist, v, sidx, blocksAhead);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    private static long peakHeap() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) s += p.getPeakUsage().getUsed();
        return s;
    }
}
