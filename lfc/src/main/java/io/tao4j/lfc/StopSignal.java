package io.tao4j.lfc;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A stop request shared by a loop and whoever stops it (a signal handler, a test). Sleeping wakes on stop. As a
 * {@link BooleanSupplier} it answers "stopped?", so it also stops the MANTIS neurons' {@code run(stop)}.
 */
public final class StopSignal implements BooleanSupplier {
    private final CountDownLatch latch = new CountDownLatch(1);

    public void stop() {
        latch.countDown();
    }

    public boolean isStopped() {
        return latch.getCount() == 0;
    }

    @Override
    public boolean getAsBoolean() {
        return isStopped();
    }

    /** Sleeps up to {@code d}; returns false when stopped (before or during the sleep). */
    public boolean sleep(Duration d) {
        try {
            return !latch.await(Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            return false;
        }
    }
}
