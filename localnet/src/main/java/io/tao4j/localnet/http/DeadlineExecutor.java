package io.tao4j.localnet.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The executor of a JDK {@code HttpServer} service (drand beacon, payload store, price feed) with a deadline per
 * exchange. The JDK server reads a request's line, headers and body on the executor's thread with blocking reads
 * and no timeout, so a client that sends part of a request and stops held a thread for ever (a handful of them froze
 * a service). Here every exchange — reading the request, handling it, writing the response — must finish within
 * {@link Limits#requestDeadline()}: past it, its thread is interrupted, which closes the connection (a blocking
 * socket-channel read or write ends with {@code ClosedByInterruptException}); the cut is logged at WARN with the
 * service name. There are {@link Limits#threads()} threads; further exchanges wait their turn, at most a deadline.
 */
public final class DeadlineExecutor implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeadlineExecutor.class);

    /**
     * Limits of one HTTP service.
     *
     * @param threads         exchanges served at once
     * @param requestDeadline time one exchange may take, from the first byte read to the last byte written
     */
    public record Limits(int threads, Duration requestDeadline) {
        public static final int DEFAULT_THREADS = 16;
        public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(20);

        public Limits {
            if (threads < 1 || requestDeadline.isNegative() || requestDeadline.isZero()) {
                throw new IllegalArgumentException("an HTTP service needs at least one thread and a positive deadline");
            }
        }

        public static Limits defaults() {
            return new Limits(DEFAULT_THREADS, DEFAULT_REQUEST_DEADLINE);
        }
    }

    /** One exchange in progress; {@code done} is guarded by the object's lock so an interrupt never outlives it. */
    private static final class Running {
        final Thread thread = Thread.currentThread();
        final long startNanos = System.nanoTime();
        boolean done;
    }

    private final String name;
    private final Limits limits;
    private final ExecutorService pool;
    private final ScheduledExecutorService watchdog;
    private final Set<Running> running = ConcurrentHashMap.newKeySet();

    public DeadlineExecutor(String name, Limits limits) {
        this.name = name;
        this.limits = limits;
        this.pool = Executors.newFixedThreadPool(limits.threads(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-deadline");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(50, Math.min(1000, limits.requestDeadline().toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::enforce, tick, tick, TimeUnit.MILLISECONDS);
    }

    public Limits limits() {
        return limits;
    }

    @Override
    public void execute(Runnable exchange) {
        pool.execute(() -> {
            Running r = new Running();
            running.add(r);
            try {
                exchange.run();
            } finally {
                running.remove(r);
                synchronized (r) {
                    r.done = true;
                }
                Thread.interrupted(); // the deadline's interrupt must not reach the next exchange on this thread
            }
        });
    }

    private void enforce() {
        long deadline = limits.requestDeadline().toNanos();
        long now = System.nanoTime();
        for (Running r : running) {
            if (now - r.startNanos > deadline && running.remove(r)) {
                log.warn("{}: an exchange took longer than its {} ms deadline (a request not fully sent, or a response "
                        + "not read): closing its connection", name, limits.requestDeadline().toMillis());
                synchronized (r) {
                    if (!r.done) {
                        r.thread.interrupt();
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        pool.shutdownNow();
    }
}
