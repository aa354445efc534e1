package io.tao4j.cli.lfc;

import io.tao4j.lfc.StopSignal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT/SIGTERM handling: the JVM's shutdown hook asks the loop to stop and waits (up to a minute) until the loop has
 * finished its current step, so an extrinsic in flight is not cut off.
 */
final class Shutdown implements AutoCloseable {
    final StopSignal stop = new StopSignal();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    Shutdown() {
        hook = new Thread(() -> {
            org.slf4j.LoggerFactory.getLogger(Shutdown.class).info("Received a stop signal; shutting down after the current step.");
            stop.stop();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lfc-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running
        }
    }
}
