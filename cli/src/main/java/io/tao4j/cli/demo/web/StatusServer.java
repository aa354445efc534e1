package io.tao4j.cli.demo.web;

import io.tao4j.cli.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The demo's status page on 127.0.0.1 (JDK {@code com.sun.net.httpserver}). Serves
 * <ul>
 *   <li>{@code /} the page (plain HTML, {@code /static/status.js}, {@code /static/status.css});</li>
 *   <li>{@code /static/chart.umd.min.js} Chart.js from the {@code org.webjars.npm:chart.js} webjar on the
 *       classpath, so the page works offline;</li>
 *   <li>{@code /api/status} the current {@link DemoStatus} as JSON;</li>
 *   <li>{@code /metrics} the same numbers in the Prometheus text format ({@link PrometheusText}).</li>
 * </ul>
 * Anything else is 404; methods other than GET and HEAD are 405. Every response carries a
 * Content-Security-Policy that allows loading from this server only.
 *
 * <p>The orchestrator replaces the snapshot with {@link #publish} or {@link #update}; requests read
 * whichever snapshot is current (snapshots are immutable).
 */
public final class StatusServer implements AutoCloseable {
    /** Where the page's own files are on the classpath. */
    static final String RESOURCES = "/io/tao4j/cli/demo/web/";
    static final String CHART_JS_PATH = "/static/chart.umd.min.js";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final ObjectMapper JSON = Json.MAPPER;

    private record Asset(String contentType, byte[] body) {
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final AtomicReference<DemoStatus> current;
    private final Map<String, Asset> assets;
    private final String chartJsVersion;

    private StatusServer(HttpServer http, ExecutorService executor, DemoStatus initial, Map<String, Asset> assets, String chartJsVersion) {
        this.http = http;
        this.executor = executor;
        this.current = new AtomicReference<>(initial);
        this.assets = assets;
        this.chartJsVersion = chartJsVersion;
    }

    /**
     * Binds 127.0.0.1:{@code port} (0 = a free port) and starts serving {@code initial}.
     *
     * @throws IOException           if the port cannot be bound
     * @throws IllegalStateException if the page or the Chart.js webjar is missing from the classpath
     */
    public static StatusServer start(int port, DemoStatus initial) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("status page port must be 0..65535, got " + port);
        }
        Objects.requireNonNull(initial, "initial status");
        String chartVersion = chartJsVersion();
        Map<String, Asset> assets = Map.of(
                "/", new Asset("text/html; charset=utf-8", resource(RESOURCES + "index.html")),
                "/index.html", new Asset("text/html; charset=utf-8", resource(RESOURCES + "index.html")),
                "/static/status.js", new Asset("text/javascript; charset=utf-8", resource(RESOURCES + "status.js")),
                "/static/status.css", new Asset("text/css; charset=utf-8", resource(RESOURCES + "status.css")),
                CHART_JS_PATH, new Asset("text/javascript; charset=utf-8",
                        resource("/META-INF/resources/webjars/chart.js/" + chartVersion + "/dist/chart.umd.min.js")));
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 16);
        } catch (IOException e) {
            throw new IOException("cannot bind the status page to 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "demo-status-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        StatusServer server = new StatusServer(http, executor, initial, assets, chartVersion);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        return server;
    }

    /** The bound port. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI url() {
        return URI.create("http://" + http.getAddress().getAddress().getHostAddress() + ":" + port() + "/");
    }

    /** The Chart.js version served (from the webjar). */
    public String chartJsVersionServed() {
        return chartJsVersion;
    }

    /** Replaces the snapshot. */
    public void publish(DemoStatus status) {
        current.set(Objects.requireNonNull(status, "status"));
    }

    /** Atomically replaces the snapshot with {@code f(current)} (f may run more than once under contention). */
    public DemoStatus update(UnaryOperator<DemoStatus> f) {
        return current.updateAndGet(s -> Objects.requireNonNull(f.apply(s), "updated status"));
    }

    public DemoStatus current() {
        return current.get();
    }

    /** The snapshot as served at /api/status. */
    public static String json(DemoStatus s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status snapshot could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            boolean head = "HEAD".equals(method);
            ex.getResponseHeaders().set("Content-Security-Policy", CSP);
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            if (!head && !"GET".equals(method)) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", ("method " + method + " not allowed; use GET or HEAD\n")
                        .getBytes(StandardCharsets.UTF_8), false);
                return;
            }
            String path = ex.getRequestURI().getPath();
            switch (path == null ? "" : path) {
                case "/api/status" -> {
                    ex.getResponseHeaders().set("Cache-Control", "no-store");
                    send(ex, 200, "application/json; charset=utf-8", json(current.get()).getBytes(StandardCharsets.UTF_8), head);
                }
                case "/metrics" -> {
                    ex.getResponseHeaders().set("Cache-Control", "no-store");
                    send(ex, 200, PrometheusText.CONTENT_TYPE, PrometheusText.render(current.get()).getBytes(StandardCharsets.UTF_8), head);
                }
                default -> {
                    Asset a = assets.get(path);
                    if (a == null) {
                        send(ex, 404, "text/plain; charset=utf-8", ("not found: " + path + "\n").getBytes(StandardCharsets.UTF_8), head);
                    } else {
                        ex.getResponseHeaders().set("Cache-Control", "no-cache");
                        send(ex, 200, a.contentType(), a.body(), head);
                    }
                }
            }
        } catch (RuntimeException e) {
            // the exchange is closed below; the client sees a dropped connection
            throw new IOException("status page request failed: " + e.getMessage(), e);
        } finally {
            ex.close();
        }
    }

    private static void send(HttpExchange ex, int code, String type, byte[] body, boolean head) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (head) {
            ex.sendResponseHeaders(code, -1);
            return;
        }
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private static String chartJsVersion() {
        String props = "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";
        try (InputStream in = StatusServer.class.getResourceAsStream(props)) {
            if (in == null) {
                throw new IllegalStateException("Chart.js webjar (org.webjars.npm:chart.js) is not on the classpath: " + props + " missing");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || !v.matches("[0-9A-Za-z.+-]+")) {
                throw new IllegalStateException("Chart.js webjar's " + props + " has no usable version: " + v);
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + props, e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = StatusServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("status page resource missing from the classpath: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read status page resource " + name, e);
        }
    }
}
