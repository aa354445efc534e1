package io.tao4j.mantis.miner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * Runs a cycle every {@code interval} (measured start to start; a cycle that overruns is followed at
 * once). A failed cycle is logged and the next one runs: the loop only ends after {@code maxCycles}
 * cycles (0 = never), when its thread is interrupted or when its stop condition holds.
 */
public final class MinerLoop {
    private static final Logger log = LoggerFactory.getLogger(MinerLoop.class);

    /** Waits; {@link Thread#sleep} in production. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Cycles run, succeeded and failed. */
    public record Stats(long cycles, long succeeded, long failed) {
    }

    private final Callable<MinerCycle.Result> cycle;
    private final Duration interval;
    private final Sleeper sleeper;

    public MinerLoop(Callable<MinerCycle.Result> cycle, Duration interval, Sleeper sleeper) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.cycle = cycle;
        this.interval = interval;
        this.sleeper = sleeper;
    }

    public Stats run(long maxCycles) {
        return run(maxCycles, () -> false);
    }

    /** The same, also ending (before the next cycle) once {@code stop} says so. */
    public Stats run(long maxCycles, BooleanSupplier stop) {
        long n = 0;
        long ok = 0;
        long failed = 0;
        while ((maxCycles <= 0 || n < maxCycles) && !stop.getAsBoolean()) {
            long start = System.nanoTime();
            n++;
            try {
                MinerCycle.Result r = cycle.call();
                ok++;
                log.info("cycle {}: sealed to drand round {}, {} bytes, uploaded in {} ms (cycle {} ms)", n, r.round(), r.bytes(),
                        r.uploadMillis(), r.totalMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed++;
                break;
            } catch (Exception | LinkageError e) {
                failed++;
                log.warn("cycle {} failed: {}", n, String.valueOf(e.getMessage() == null ? e.toString() : e.getMessage()));
                log.debug("cycle failure", e);
            }
            if (Thread.currentThread().isInterrupted() || (maxCycles > 0 && n >= maxCycles) || stop.getAsBoolean()) {
                break;
            }
            long left = interval.toNanos() - (System.nanoTime() - start);
            if (left > 0) {
                try {
                    sleeper.sleep(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return new Stats(n, ok, failed);
    }
}
