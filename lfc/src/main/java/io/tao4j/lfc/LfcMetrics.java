package io.tao4j.lfc;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The neurons' counters as Prometheus metrics: {@code lfc_weights_set_total}, {@code lfc_weights_failed_total{type}},
 * {@code lfc_sweeps_total{result}}, {@code lfc_transfers_total{result}}, {@code lfc_alpha_moved_rao_total},
 * {@code lfc_alpha_transferred_rao_total}, and the gauge {@code lfc_last_success_timestamp_seconds{neuron}} (the last
 * successful chain read, see {@link ChainHealth}). {@link #serve(String, int)} exposes them on {@code /metrics}.
 */
public final class LfcMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private HttpServer server;

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void weightsSet() {
        registry.counter("lfc.weights.set").increment();
    }

    public void weightsFailed(FailureType type) {
        registry.counter("lfc.weights.failed", "type", type.label()).increment();
    }

    public void sweep(boolean ok, long rao) {
        registry.counter("lfc.sweeps", "result", ok ? "success" : "failure").increment();
        if (ok) {
            registry.counter("lfc.alpha.moved.rao").increment(rao);
        }
    }

    public void transfer(boolean ok, long rao) {
        registry.counter("lfc.transfers", "result", ok ? "success" : "failure").increment();
        if (ok) {
            registry.counter("lfc.alpha.transferred.rao").increment(rao);
        }
    }

    /** Registers {@code lfc_last_success_timestamp_seconds{neuron}} reading {@code seconds}. */
    public void lastSuccessGauge(String neuron, AtomicLong seconds) {
        Gauge.builder("lfc.last.success.timestamp.seconds", seconds, AtomicLong::doubleValue)
                .description("Unix time of the last successful chain read (0 before the first)")
                .tag("neuron", neuron).strongReference(true).register(registry);
    }

    /** The value of a counter (0 when it was never touched); for logs and tests. */
    public double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    /** Serves {@code /metrics} on {@code host:port} (port 0 = a free port); returns the port bound. */
    public synchronized int serve(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/metrics", ex -> {
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        registry.close();
    }
}
