package io.tao4j.cli.mantis;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the salience benchmarks measure besides wall time: the peak used heap, sampled every 10 ms on a daemon thread
 * from {@link #start()} until {@link #close()}, and the process CPU time.
 */
final class BenchProbe implements AutoCloseable {
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicBoolean done = new AtomicBoolean();

    private BenchProbe() {}

    /** Starts sampling the used heap. */
    static BenchProbe start() {
        BenchProbe p = new BenchProbe();
        Runtime rt = Runtime.getRuntime();
        Thread sampler = new Thread(() -> {
            while (!p.done.get()) {
                p.peakUsed.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return p;
    }

    /** The largest used heap seen so far, in bytes. */
    long peakUsedBytes() {
        return peakUsed.get();
    }

    /** CPU seconds of the whole process (all threads); NaN where the JVM does not report it. */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime() / 1e9;
        return Double.NaN;
    }

    /** Stops sampling. */
    @Override
    public void close() {
        done.set(true);
    }
}
