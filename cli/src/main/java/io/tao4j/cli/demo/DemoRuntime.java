package io.tao4j.cli.demo;

import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.lfc.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the demo's pieces share: the stop signal, the neurons' threads, what to close at the end, the
 * connections to the node (one per neuron) and the progress output.
 */
final class DemoRuntime {
    private static final Logger log = LoggerFactory.getLogger(DemoRuntime.class);

    final StopSignal stop = new StopSignal();
    final DemoState state = new DemoState();
    private final PrintWriter out;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    DemoRuntime(PrintWriter out) {
        this.out = out;
    }

    /**
     * A new WebSocket to the node and the {@link Subtensor} on it (the demo's one place that builds one): every
     * neuron talks to the node over its own connection, as it would to finney.
     */
    Subtensor subtensor(String rpcUrl) throws Exception {
        Subtensor st = Subtensor.connect(rpcUrl, Subtensor.Options.defaults());
        closeables.add(st);
        return st.withTimeout(Duration.ofSeconds(30));
    }

    /** Closed at the end, in the order added. */
    <T extends AutoCloseable> T closeLater(T c) {
        closeables.add(c);
        return c;
    }

    /** Closed at the end before everything else (a neuron before the connections it uses). */
    <T extends AutoCloseable> T closeFirst(T c) {
        closeables.add(0, c);
        return c;
    }

    /** Runs {@code r} on a daemon thread named {@code name}; a failure that is not the demo stopping becomes an event. */
    void spawn(String name, Runnable r) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                if (!stop.isStopped()) {
                    log.error("{} stopped: {}", name, e.toString(), e);
                    event(name + " stopped: " + e.getMessage());
                }
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Stops every thread (waiting up to 10 s each) and closes everything, in order. */
    void shutdown() {
        stop.stop();
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("{} did not stop within 10 s", t.getName());
            }
        }
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("closing {} failed: {}", c, e.toString());
            }
        }
    }

    /** Something the status page's event list shows (and the log). */
    void event(String text) {
        state.event(text);
        log.info(text);
    }

    /** Progress: printed and shown as an event. */
    void say(String fmt, Object... args) {
        String s = String.format(Locale.ROOT, fmt, args);
        state.event(s);
        out.println(s);
        out.flush();
    }

    static String stripSlash(String s) {
        String t = s.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
