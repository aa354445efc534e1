package io.tao4j.lfc;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A stop request shared by a loop and whoever stops it (a signal handler, a test). Sleeping wakes on stop. */
public final class StopSignal {
    private final CountDownLatch latch = new CountDownLatch(1);

    public void stop() {
        latch.countDown();
    }

    public boolean isStopped() {
        return latch.getCount() == 0;
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
