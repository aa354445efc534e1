package io.tao4j.chain.rpc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebSocket connection of a {@link WsRpcClient}: opening it, reading (fragment reassembly, size cap), the
 * keep-alive ping, noticing a loss, and reconnecting with capped exponential backoff plus jitter until closed.
 * What the frames mean is the client's business: text goes to the {@link Listener}.
 */
final class WsConnector {
    private static final Logger log = LoggerFactory.getLogger(WsRpcClient.class);

    /** What the connector tells its client. Called on the socket reader or the timer thread; must not block. */
    interface Listener {
        void onText(String text);

        void onMalformed(String reason, String frame);

        /** {@code lost} is dead; calls that went out on its generation will not be answered. */
        void onLost(Conn lost, String reason, Throwable cause);

        /** A new connection is up (after a loss). */
        void onReconnected();
    }

    private final URI endpoint;
    private final WsRpcClient.Options options;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private final AtomicInteger reconnects = new AtomicInteger();

    private final Object lock = new Object();
    /** Completes with the open connection; replaced by an incomplete future while reconnecting. */
    private CompletableFuture<Conn> connection = new CompletableFuture<>();
    private Conn current;
    private int generation;
    private int attempts;
    private boolean closed;

    WsConnector(URI endpoint, WsRpcClient.Options options, ScheduledExecutorService scheduler, Listener listener) {
        this.endpoint = endpoint;
        this.options = options;
        this.scheduler = scheduler;
        this.listener = listener;
        this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
    }

    /**
     * Opens the first connection, waiting for it, and starts the keep-alive.
     *
     * @throws RpcConnectionException naming the endpoint and why it cannot be reached
     */
    void connectNow() {
        Conn conn;
        try {
            conn = open(0).get(options.connectTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcConnectionException("interrupted while connecting to " + endpoint, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RpcConnectionException(JsonRpcCodec.connectFailure(endpoint, e, options.connectTimeout()), JsonRpcCodec.unwrap(e));
        }
        synchronized (lock) {
            current = conn;
            connection.complete(conn);
        }
        if (!options.keepAlive().isZero()) {
            long period = Math.max(5, options.keepAlive().toMillis() / 2);
            scheduler.scheduleWithFixedDelay(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** The connection to send on (possibly still reconnecting), or null after {@link #close()}. */
    CompletableFuture<Conn> connection() {
        synchronized (lock) {
            return closed ? null : connection;
        }
    }

    boolean isConnected() {
        synchronized (lock) {
            return current != null && !closed;
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    int reconnectCount() {
        return reconnects.get();
    }

    /** Stops reconnecting and closes the socket (close handshake, then abort); idempotent. */
    void close() {
        Conn conn;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            conn = current;
            current = null;
            connection.completeExceptionally(new RpcConnectionException("client for " + endpoint + " is closed"));
        }
        if (conn != null) {
            conn.dead = true;
            try {
                conn.ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").get(500, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.debug("close handshake with {} did not complete: {}", endpoint, e.toString());
            }
            conn.ws.abort();
        }
    }

    private CompletableFuture<Conn> open(int gen) {
        Reader reader = new Reader(gen);
        return http.newWebSocketBuilder()
                .connectTimeout(options.connectTimeout())
                .buildAsync(endpoint, reader)
                .thenApply(reader::conn);
    }

    /** Gives up {@code c} (once) and, when it was the current connection, starts reconnecting. */
    void dropped(Conn c, String reason, Throwable cause) {
        synchronized (lock) {
            if (c.dead) {
                return;
            }
            c.dead = true;
            c.reason = reason;
            if (closed) {
                return;
            }
            if (current == c) {
                current = null;
                connection = new CompletableFuture<>();
                scheduleReconnect();
            }
        }
        c.ws.abort();
        log.warn("connection to {} lost ({}); reconnecting", endpoint, reason);
        listener.onLost(c, reason, cause);
    }

    /** Pings a silent connection and gives it up when even the ping goes unanswered. */
    private void keepAlive() {
        Conn c;
        synchronized (lock) {
            c = current;
        }
        if (c == null || c.dead) {
            return;
        }
        long idle = System.nanoTime() - c.lastHeard;
        long limit = options.keepAlive().toNanos();
        if (idle > 2 * limit) {
            dropped(c, "no frame and no answer to a ping for " + JsonRpcCodec.human(Duration.ofNanos(idle).truncatedTo(ChronoUnit.MILLIS)), null);
        } else if (idle > limit && !c.pinged) {
            c.pinged = true;
            c.ws.sendPing(ByteBuffer.allocate(0)).whenComplete((w, e) -> {
                if (e != null) {
                    // the transport knows the connection is gone even if no close was signalled
                    Throwable u = JsonRpcCodec.unwrap(e);
                    dropped(c, "ping failed: " + JsonRpcCodec.describe(u), u);
                }
            });
        }
    }

    private void scheduleReconnect() {
        // called with lock held
        long delay = backoffMillis(attempts, options, ThreadLocalRandom.current().nextDouble());
        attempts++;
        if (attempts % 10 == 0) {
            log.warn("still cannot reconnect to {} after {} attempts; retrying every ~{} ms", endpoint, attempts, delay);
        }
        log.debug("reconnect attempt {} to {} in {} ms", attempts, endpoint, delay);
        try {
            scheduler.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("not reconnecting: client closed");
        }
    }

    /**
     * The wait before reconnect attempt {@code attempt} (0-based): {@code initialBackoff · 2^attempt}, capped
     * at {@code maxBackoff}, times a factor in [1 − jitter, 1 + jitter) chosen by {@code random} in [0, 1).
     */
    static long backoffMillis(int attempt, WsRpcClient.Options options, double random) {
        long initial = options.initialBackoff().toMillis();
        long max = options.maxBackoff().toMillis();
        long base = max;
        if (attempt < 62) {
            long doubled = initial << attempt;
            if (doubled > 0 && doubled >>> attempt == initial && doubled < max) {
                base = doubled;
            }
        }
        double factor = 1 + options.jitter() * (2 * random - 1);
        return Math.max(1, Math.round(base * factor));
    }

    private void reconnect() {
        int gen;
        synchronized (lock) {
            if (closed) {
                return;
            }
            gen = ++generation;
        }
        open(gen).whenComplete((conn, err) -> {
            if (err != null) {
                log.debug("reconnect to {} failed: {}", endpoint, JsonRpcCodec.describe(JsonRpcCodec.unwrap(err)));
                synchronized (lock) {
                    if (!closed) {
                        scheduleReconnect();
                    }
                }
                return;
            }
            CompletableFuture<Conn> waiting;
            synchronized (lock) {
                if (closed) {
                    conn.ws.abort();
                    return;
                }
                if (conn.dead) {
                    scheduleReconnect();
                    return;
                }
                attempts = 0;
                current = conn;
                waiting = connection;
            }
            reconnects.incrementAndGet();
            log.info("reconnected to {}", endpoint);
            waiting.complete(conn);
            listener.onReconnected();
        });
    }

    /** One open WebSocket; sends are serialized because the JDK allows one outstanding send at a time. */
    static final class Conn {
        final WebSocket ws;
        final int generation;
        volatile boolean dead;
        volatile String reason;
        volatile long lastHeard = System.nanoTime();
        volatile boolean pinged;
        private CompletableFuture<WebSocket> tail = CompletableFuture.completedFuture(null);

        Conn(WebSocket ws, int generation) {
            this.ws = ws;
            this.generation = generation;
        }

        synchronized CompletableFuture<WebSocket> send(String text) {
            CompletableFuture<WebSocket> next = tail.handle((r, e) -> null).thenCompose(v -> ws.sendText(text, true));
            tail = next;
            return next;
        }
    }

    private final class Reader implements WebSocket.Listener {
        private final int generation;
        private final StringBuilder text = new StringBuilder();
        private boolean tooLarge;
        private Conn conn;

        Reader(int generation) {
            this.generation = generation;
        }

        synchronized Conn conn(WebSocket ws) {
            if (conn == null) {
                conn = new Conn(ws, generation);
            }
            return conn;
        }

        @Override
        public void onOpen(WebSocket ws) {
            conn(ws);
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            heard(ws);
            try {
                if (!tooLarge) {
                    text.append(data);
                    if (text.length() > options.maxMessageChars()) {
                        tooLarge = true;
                        text.setLength(0);
                        text.trimToSize();
                    }
                }
                if (last) {
                    if (tooLarge) {
                        listener.onMalformed("message longer than " + options.maxMessageChars() + " characters", "");
                        tooLarge = false;
                    } else {
                        String msg = text.toString();
                        text.setLength(0);
                        if (text.capacity() > 1 << 20) {
                            text.trimToSize();
                        }
                        listener.onText(msg);
                    }
                }
            } catch (RuntimeException e) {
                listener.onMalformed("could not process (" + e + ")", text.toString());
                text.setLength(0);
            } finally {
                ws.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            heard(ws);
            if (last) {
                listener.onMalformed("binary frame (JSON-RPC uses text frames)", "");
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            heard(ws);
            return WebSocket.Listener.super.onPing(ws, message);
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            heard(ws);
            ws.request(1);
            return null;
        }

        private void heard(WebSocket ws) {
            Conn c = conn(ws);
            c.lastHeard = System.nanoTime();
            c.pinged = false;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            dropped(conn(ws), "closed by the server, status " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason), null);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            dropped(conn(ws), JsonRpcCodec.describe(error), error);
        }
    }
}
