package io.tao4j.chain.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * JSON-RPC 2.0 over one WebSocket (JDK {@code java.net.http}), as Substrate nodes serve it.
 *
 * <ul>
 *   <li>Requests carry increasing numeric ids; responses are matched by id, so any number of threads
 *       may call concurrently.</li>
 *   <li>Every call has a timeout ({@link Options#callTimeout()}, 30 s by default, or per call).</li>
 *   <li>When the connection drops the client reconnects with capped exponential backoff plus jitter.
 *       Calls that were waiting for a response fail with {@link RpcConnectionException}; calls made while
 *       reconnecting wait (within their timeout) and go out on the new connection. Live subscriptions are
 *       subscribed again and the new subscription ids feed the same consumer. Subscriptions that end
 *       themselves ({@code author_submitAndWatchExtrinsic}) are not re-submitted: their error consumer
 *       is told that the connection was lost.</li>
 *   <li>Notifications that arrive before the subscribe response are buffered and delivered once the id is
 *       known. Malformed frames are logged at debug with the reason and ignored.</li>
 *   <li>Callbacks never run on the socket's reader thread: results complete on a callback pool and
 *       notifications are delivered in order on one dispatcher thread per client.</li>
 * </ul>
 */
public final class WsRpcClient implements RpcClient {
    private static final Logger log = LoggerFactory.getLogger(WsRpcClient.class);
    static final ObjectMapper JSON = new ObjectMapper();

    /** Subscriptions the node ends on its own; they cannot be resumed on a new connection. */
    private static final Set<String> ONE_SHOT = Set.of("author_submitAndWatchExtrinsic", "transactionWatch_v1_submitAndWatch");
    private static final int EARLY_IDS = 64;
    private static final int EARLY_PER_ID = 1024;

    private final URI endpoint;
    private final Options options;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService callbacks;
    private final ExecutorService dispatcher;

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Set<Sub> subs = ConcurrentHashMap.newKeySet();
    private final Map<String, Sub> active = new ConcurrentHashMap<>();
    /** Subscribe requests that timed out: if the node still answers, the subscription it made is cancelled. */
    private final Map<Long, Sub> abandoned = new ConcurrentHashMap<>();
    private final LinkedHashMap<String, Deque<JsonNode>> early = new LinkedHashMap<>();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicInteger reconnects = new AtomicInteger();

    private final Object lock = new Object();
    /** Completes with the open connection; replaced by an incomplete future while reconnecting. */
    private CompletableFuture<Conn> connection = new CompletableFuture<>();
    private Conn current;
    private int generation;
    private int attempts;
    private boolean closed;

    private WsRpcClient(URI endpoint, Options options) {
        this.endpoint = endpoint;
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
        String tag = endpoint.getHost() + ":" + endpoint.getPort();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("tao4j-rpc-timer " + tag));
        this.callbacks = Executors.newCachedThreadPool(daemon("tao4j-rpc-callback " + tag));
        this.dispatcher = Executors.newSingleThreadExecutor(daemon("tao4j-rpc-notify " + tag));
    }

    /** Connects with default {@link Options}. */
    public static WsRpcClient connect(String endpoint) {
        return connect(parseEndpoint(endpoint), Options.defaults());
    }

    /**
     * Opens the connection and returns once it is up.
     *
     * @throws RpcConnectionException if the endpoint cannot be reached (the message says why and what to do)
     * @throws IllegalArgumentException if the URI is not ws:// or wss://
     */
    public static WsRpcClient connect(URI endpoint, Options options) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(options, "options");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase();
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("endpoint must be a ws:// or wss:// URL, got '" + endpoint + "'");
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint has no host: '" + endpoint + "'");
        }
        WsRpcClient client = new WsRpcClient(endpoint, options);
        Conn conn;
        try {
            conn = client.open(0).get(options.connectTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.shutdownExecutors();
            throw new RpcConnectionException("interrupted while connecting to " + endpoint, e);
        } catch (ExecutionException | TimeoutException e) {
            client.shutdownExecutors();
            throw new RpcConnectionException(connectFailure(endpoint, e, options.connectTimeout()), unwrap(e));
        }
        synchronized (client.lock) {
            client.current = conn;
            client.connection.complete(conn);
        }
        if (!options.keepAlive().isZero()) {
            long period = Math.max(5, options.keepAlive().toMillis() / 2);
            client.scheduler.scheduleWithFixedDelay(client::keepAlive, period, period, TimeUnit.MILLISECONDS);
        }
        log.debug("connected to {}", endpoint);
        return client;
    }

    static URI parseEndpoint(String endpoint) {
        try {
            return URI.create(endpoint.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint is not a valid URL: '" + endpoint + "'");
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public Options options() {
        return options;
    }

    /** True while a connection is open (false while reconnecting and after {@link #close()}). */
    public boolean isConnected() {
        synchronized (lock) {
            return current != null && !closed;
        }
    }

    /** How many frames from the server were ignored as malformed. */
    public long malformedFrameCount() {
        return malformed.get();
    }

    /** How many times the connection was re-established after a loss. */
    public int reconnectCount() {
        return reconnects.get();
    }

    @Override
    public CompletableFuture<JsonNode> call(String method, List<?> params) {
        return call(method, params, options.callTimeout());
    }

    @Override
    public CompletableFuture<JsonNode> call(String method, List<?> params, Duration timeout) {
        return request(method, params, timeout, null);
    }

    @Override
    public Subscription subscribe(String subscribeMethod, List<?> params, String unsubscribeMethod,
                                  Consumer<JsonNode> onItem) {
        return subscribe(subscribeMethod, params, unsubscribeMethod, onItem,
                e -> log.warn("subscription {} ended: {}", subscribeMethod, e.getMessage()));
    }

    /**
     * Subscribes and waits (up to the call timeout) for the node to accept the subscription.
     *
     * @param onError told when the subscription ends abnormally: the connection was lost under a
     *                subscription that cannot be resumed, or re-subscribing after a reconnect was refused
     * @throws RpcException if the node refuses the subscription (e.g. 1010 for an invalid extrinsic)
     */
    public Subscription subscribe(String subscribeMethod, List<?> params, String unsubscribeMethod,
                                  Consumer<JsonNode> onItem, Consumer<RpcException> onError) {
        return await(subscribeAsync(subscribeMethod, params, unsubscribeMethod, onItem, onError));
    }

    /** As {@link #subscribe(String, List, String, Consumer, Consumer)} without blocking. */
    public CompletableFuture<Subscription> subscribeAsync(String subscribeMethod, List<?> params, String unsubscribeMethod,
                                                          Consumer<JsonNode> onItem, Consumer<RpcException> onError) {
        Objects.requireNonNull(onItem, "onItem");
        Objects.requireNonNull(onError, "onError");
        Sub s = new Sub(subscribeMethod, params == null ? List.of() : List.copyOf(params), unsubscribeMethod, onItem, onError,
                !ONE_SHOT.contains(subscribeMethod));
        subs.add(s);
        return request(subscribeMethod, s.params, options.callTimeout(), s).<Subscription>handle((r, e) -> {
            if (e != null) {
                s.closed = true;
                subs.remove(s);
                throw new CompletionException(unwrap(e));
            }
            return s;
        });
    }

    /** Waits for {@code future} and rethrows an {@link RpcException} unwrapped. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Throwable c = unwrap(e);
            if (c instanceof RpcException re) {
                throw re;
            }
            throw new RpcException("RPC failed: " + c, c);
        }
    }

    @Override
    public void close() {
        Conn conn;
        List<Pending> left;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            conn = current;
            current = null;
            connection.completeExceptionally(new RpcConnectionException("client for " + endpoint + " is closed"));
        }
        left = new ArrayList<>(pending.values());
        for (Pending p : left) {
            fail(p, new RpcConnectionException("client for " + endpoint + " was closed before " + p.method + " completed"));
        }
        for (Sub s : subs) {
            s.closed = true;
        }
        subs.clear();
        active.clear();
        if (conn != null) {
            conn.dead = true;
            try {
                conn.ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").get(500, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.debug("close handshake with {} did not complete: {}", endpoint, e.toString());
            }
            conn.ws.abort();
        }
        shutdownExecutors();
    }

    private void shutdownExecutors() {
        scheduler.shutdownNow();
        dispatcher.shutdown();
        callbacks.shutdown();
    }

    // ------------------------------------------------------------------------------------------------ requests

    private CompletableFuture<JsonNode> request(String method, List<?> params, Duration timeout, Sub sub) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(timeout, "timeout");
        long id = ids.incrementAndGet();
        String text;
        try {
            ObjectNode req = JSON.createObjectNode();
            req.put("jsonrpc", "2.0");
            req.put("id", id);
            req.put("method", method);
            req.set("params", JSON.valueToTree(params == null ? List.of() : params));
            text = JSON.writeValueAsString(req);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return CompletableFuture.failedFuture(new RpcException(method + ": parameters cannot be written as JSON: " + e.getMessage(), e));
        }
        Pending p = new Pending(id, method, sub);
        CompletableFuture<Conn> conn;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new RpcConnectionException("client for " + endpoint + " is closed"));
            }
            conn = connection;
            pending.put(id, p);
            p.timer = scheduler.schedule(() -> {
                        if (p.sub != null && !p.future.isDone() && abandoned.size() < 1024) {
                            abandoned.put(p.id, p.sub);
                        }
                        fail(p, new RpcTimeoutException(method + ": no response from " + endpoint + " within " + human(timeout)));
                    },
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        conn.whenComplete((c, err) -> {
            if (err != null) {
                fail(p, unwrap(err) instanceof RpcException re ? re
                        : new RpcConnectionException("not connected to " + endpoint, unwrap(err)));
            } else {
                send(c, p, text);
            }
        });
        return p.future;
    }

    private void send(Conn c, Pending p, String text) {
        if (p.future.isDone()) {
            return;
        }
        p.generation = c.generation;
        if (c.dead) {
            fail(p, lost(c, p.method, null));
            return;
        }
        if (log.isTraceEnabled()) {
            log.trace("→ {}", RpcHex.abbreviate(text));
        }
        c.send(text).whenComplete((ws, err) -> {
            if (err != null) {
                fail(p, new RpcConnectionException("could not send " + p.method + " to " + endpoint + ": " + describe(unwrap(err)), unwrap(err)));
            }
        });
    }

    private void fail(Pending p, Throwable ex) {
        pending.remove(p.id, p);
        if (p.timer != null) {
            p.timer.cancel(false);
        }
        completeLater(() -> p.future.completeExceptionally(ex));
    }

    private void succeed(Pending p, JsonNode result) {
        if (p.timer != null) {
            p.timer.cancel(false);
        }
        completeLater(() -> p.future.complete(result));
    }

    private void completeLater(Runnable r) {
        try {
            callbacks.execute(r);
        } catch (RejectedExecutionException e) {
            r.run();
        }
    }

    private RpcConnectionException lost(Conn c, String method, Throwable cause) {
        return new RpcConnectionException("connection to " + endpoint + " lost" + (c.reason == null ? "" : " (" + c.reason + ")")
                + " while waiting for the response to " + method + "; the node may or may not have executed it", cause);
    }

    // ------------------------------------------------------------------------------------------------ reading

    private void onMessage(String text) {
        if (log.isTraceEnabled()) {
            log.trace("← {}", RpcHex.abbreviate(text));
        }
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            malformed("not JSON (" + e.getOriginalMessage() + ")", text);
            return;
        }
        if (msg == null || !msg.isObject()) {
            malformed("not a JSON object", text);
            return;
        }
        JsonNode id = msg.get("id");
        if (id != null && !id.isNull()) {
            onResponse(id, msg, text);
            return;
        }
        JsonNode method = msg.get("method");
        JsonNode params = msg.get("params");
        if (method != null && method.isTextual() && params != null && params.isObject()) {
            String subId = subscriptionKey(params.get("subscription"));
            if (subId == null) {
                malformed("notification without a subscription id", text);
                return;
            }
            onNotification(subId, params.get("result"));
            return;
        }
        if (msg.has("error")) {
            malformed("error without an id: " + msg.get("error"), text);
            return;
        }
        malformed("neither a response nor a subscription notification", text);
    }

    private void onResponse(JsonNode id, JsonNode msg, String text) {
        if (!id.isIntegralNumber() || !id.canConvertToLong()) {
            malformed("response id " + id + " is not one of ours", text);
            return;
        }
        Pending p = pending.remove(id.asLong());
        Sub gaveUp = p == null ? abandoned.remove(id.asLong()) : null;
        if (gaveUp != null) {
            String subId = subscriptionKey(msg.get("result"));
            if (subId != null) {
                log.debug("{} answered after its timeout; cancelling subscription {}", gaveUp.method, subId);
                unsubscribe(gaveUp, subId);
            }
            return;
        }
        if (p == null) {
            malformed("response to unknown or expired id " + id, text);
            return;
        }
        JsonNode error = msg.get("error");
        if (error != null && !error.isNull()) {
            fail(p, rpcError(p.method, error));
            return;
        }
        if (!msg.has("result")) {
            malformed("response without result or error", text);
            fail(p, new RpcException(p.method + ": malformed response from " + endpoint + " (neither result nor error)", 0, null));
            return;
        }
        JsonNode result = msg.get("result");
        if (p.sub != null) {
            subscribed(p, result);
        } else {
            succeed(p, result);
        }
    }

    private static RpcException rpcError(String method, JsonNode error) {
        int code = error.path("code").asInt(0);
        String message = error.path("message").asText("");
        JsonNode d = error.get("data");
        String data = d == null || d.isNull() ? null : d.isTextual() ? d.asText() : d.toString();
        if (!error.isObject()) {
            message = error.toString();
        }
        return new RpcException(method + ": " + message + " (code " + code + ")" + (data == null ? "" : ": " + data), code, data);
    }

    private void subscribed(Pending p, JsonNode result) {
        Sub s = p.sub;
        String subId = subscriptionKey(result);
        if (subId == null) {
            fail(p, new RpcException(p.method + ": node returned no subscription id (" + result + ")", 0, null));
            return;
        }
        if (s.closed) {
            // closed while the subscribe request was in flight
            unsubscribe(s, subId);
            succeed(p, result);
            return;
        }
        s.serverId = subId;
        s.generation = p.generation;
        s.established = true;
        active.put(subId, s);
        Deque<JsonNode> buffered;
        synchronized (early) {
            buffered = early.remove(subId);
        }
        if (buffered != null) {
            log.debug("delivering {} notification(s) that arrived before subscription {} was confirmed", buffered.size(), subId);
            for (JsonNode item : buffered) {
                s.deliver(item);
            }
        }
        succeed(p, result);
    }

    private void onNotification(String subId, JsonNode result) {
        Sub s = active.get(subId);
        if (s != null) {
            s.deliver(result);
            return;
        }
        synchronized (early) {
            Deque<JsonNode> q = early.get(subId);
            if (q == null) {
                if (early.size() >= EARLY_IDS) {
                    Iterator<Map.Entry<String, Deque<JsonNode>>> it = early.entrySet().iterator();
                    Map.Entry<String, Deque<JsonNode>> oldest = it.next();
                    it.remove();
                    log.debug("dropping {} notification(s) for unknown subscription {}", oldest.getValue().size(), oldest.getKey());
                }
                q = new ArrayDeque<>();
                early.put(subId, q);
            }
            if (q.size() >= EARLY_PER_ID) {
                q.removeFirst();
            }
            q.addLast(result == null ? JSON.nullNode() : result);
        }
    }

    private static String subscriptionKey(JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isTextual()) {
            return id.asText();
        }
        if (id.isIntegralNumber()) {
            return id.asText();
        }
        return null;
    }

    private void malformed(String reason, String frame) {
        malformed.incrementAndGet();
        log.debug("ignoring malformed frame from {}: {}: {}", endpoint, reason, RpcHex.abbreviate(frame));
    }

    private void unsubscribe(Sub s, String serverId) {
        if (s.unsubscribeMethod == null) {
            return;
        }
        request(s.unsubscribeMethod, List.of(serverId), options.callTimeout(), null).whenComplete((r, e) -> {
            if (e != null) {
                log.debug("{}({}) failed: {}", s.unsubscribeMethod, serverId, unwrap(e).getMessage());
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ connection

    private CompletableFuture<Conn> open(int gen) {
        Reader reader = new Reader(gen);
        return http.newWebSocketBuilder()
                .connectTimeout(options.connectTimeout())
                .buildAsync(endpoint, reader)
                .thenApply(reader::conn);
    }

    private void dropped(Conn c, String reason, Throwable cause) {
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
        for (Pending p : new ArrayList<>(pending.values())) {
            if (p.generation == c.generation) {
                fail(p, lost(c, p.method, cause));
            }
        }
        synchronized (early) {
            early.clear();
        }
        abandoned.clear();
        for (Sub s : subs) {
            String id = s.serverId;
            if (id == null || s.generation != c.generation) {
                continue;
            }
            active.remove(id, s);
            s.serverId = null;
            if (s.closed || s.ended) {
                subs.remove(s);
                continue;
            }
            if (!s.resumable) {
                s.ended = true;
                subs.remove(s);
                RpcConnectionException e = new RpcConnectionException("connection to " + endpoint + " lost (" + reason + ") while watching "
                        + s.method + "; this subscription cannot be resumed, check the outcome on chain", cause);
                dispatch(() -> s.onError.accept(e));
            }
        }
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
            dropped(c, "no frame and no answer to a ping for " + human(Duration.ofNanos(idle).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)), null);
        } else if (idle > limit && !c.pinged) {
            c.pinged = true;
            c.ws.sendPing(ByteBuffer.allocate(0)).whenComplete((w, e) -> {
                if (e != null) {
                    // the transport knows the connection is gone even if no close was signalled
                    dropped(c, "ping failed: " + describe(unwrap(e)), unwrap(e));
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
    static long backoffMillis(int attempt, Options options, double random) {
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
                log.debug("reconnect to {} failed: {}", endpoint, describe(unwrap(err)));
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
            resubscribe();
        });
    }

    private void resubscribe() {
        for (Sub s : subs) {
            if (!s.resumable || !s.established || s.closed || s.ended || s.serverId != null) {
                continue;
            }
            request(s.method, s.params, options.callTimeout(), s).whenComplete((r, e) -> {
                if (e == null) {
                    log.debug("re-subscribed {} as {}", s.method, s.serverId);
                    return;
                }
                Throwable c = unwrap(e);
                if (c instanceof RpcConnectionException || c instanceof RpcTimeoutException) {
                    log.debug("re-subscribing {} failed ({}); will retry after the next reconnect", s.method, c.getMessage());
                    return;
                }
                s.ended = true;
                subs.remove(s);
                RpcException re = c instanceof RpcException x ? x : new RpcException("re-subscribing " + s.method + " failed: " + c, c);
                dispatch(() -> s.onError.accept(re));
            });
        }
    }

    private void dispatch(Runnable r) {
        try {
            dispatcher.execute(r);
        } catch (RejectedExecutionException e) {
            log.debug("client closed; dropping a subscription callback");
        }
    }

    static String connectFailure(URI uri, Throwable t, Duration connectTimeout) {
        Throwable root = unwrap(t);
        while (root.getCause() != null && root.getCause() != root && !(root instanceof WebSocketHandshakeException)
                && !(root instanceof ConnectException) && !(root instanceof UnknownHostException)) {
            root = root.getCause();
        }
        String why;
        if (root instanceof ConnectException) {
            why = "connection refused";
        } else if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            why = "unknown host '" + uri.getHost() + "'";
        } else if (root instanceof HttpTimeoutException || root instanceof TimeoutException || t instanceof TimeoutException) {
            why = "no answer within " + human(connectTimeout);
        } else if (root instanceof WebSocketHandshakeException h) {
            why = "the server refused the WebSocket upgrade (HTTP " + h.getResponse().statusCode() + "); is this a node's RPC port?";
        } else if (root instanceof SSLException) {
            why = "TLS failed (" + root.getMessage() + ")";
        } else {
            why = describe(root);
        }
        return "cannot connect to " + uri + ": " + why + " — is the node running? use --subtensor.chain_endpoint <ws://host:port> "
                + "or --subtensor.network <finney|test|archive|local> to choose another endpoint";
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ------------------------------------------------------------------------------------------------ parts

    /** One open WebSocket; sends are serialized because the JDK allows one outstanding send at a time. */
    private static final class Conn {
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
                        malformed("message longer than " + options.maxMessageChars() + " characters", "");
                        tooLarge = false;
                    } else {
                        String msg = text.toString();
                        text.setLength(0);
                        if (text.capacity() > 1 << 20) {
                            text.trimToSize();
                        }
                        onMessage(msg);
                    }
                }
            } catch (RuntimeException e) {
                malformed("could not process (" + e + ")", text.toString());
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
                malformed("binary frame (JSON-RPC uses text frames)", "");
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
            dropped(conn(ws), describe(error), error);
        }
    }

    private static final class Pending {
        final long id;
        final String method;
        final Sub sub;
        final CompletableFuture<JsonNode> future = new CompletableFuture<>();
        volatile int generation = -1;
        volatile ScheduledFuture<?> timer;

        Pending(long id, String method, Sub sub) {
            this.id = id;
            this.method = method;
            this.sub = sub;
        }
    }

    private final class Sub implements Subscription {
        final String method;
        final List<?> params;
        final String unsubscribeMethod;
        final Consumer<JsonNode> onItem;
        final Consumer<RpcException> onError;
        final boolean resumable;
        volatile String serverId;
        volatile int generation = -1;
        volatile boolean established;
        volatile boolean closed;
        volatile boolean ended;

        Sub(String method, List<?> params, String unsubscribeMethod, Consumer<JsonNode> onItem,
            Consumer<RpcException> onError, boolean resumable) {
            this.method = method;
            this.params = params;
            this.unsubscribeMethod = unsubscribeMethod;
            this.onItem = onItem;
            this.onError = onError;
            this.resumable = resumable;
        }

        void deliver(JsonNode item) {
            if (!resumable && TransactionStatus.isFinal(item)) {
                // the node ends this subscription itself after a final status
                ended = true;
                String id = serverId;
                if (id != null) {
                    active.remove(id, this);
                }
                subs.remove(this);
            }
            dispatch(() -> {
                if (closed) {
                    return;
                }
                try {
                    onItem.accept(item);
                } catch (RuntimeException e) {
                    log.warn("consumer of {} threw {}", method, e.toString(), e);
                }
            });
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            subs.remove(this);
            String id = serverId;
            if (id != null) {
                active.remove(id, this);
                if (!ended) {
                    boolean open;
                    synchronized (lock) {
                        open = !WsRpcClient.this.closed;
                    }
                    if (open) {
                        unsubscribe(this, id);
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "Subscription[" + method + " " + serverId + "]";
        }
    }

    /**
     * Tuning; immutable, {@code with…} methods return a copy.
     *
     * @param keepAlive when nothing has arrived for this long a WebSocket ping is sent; after twice this long
     *                  without any frame the connection counts as lost (a half-open TCP connection would
     *                  otherwise stall subscriptions forever). {@link Duration#ZERO} turns it off.
     */
    public record Options(Duration callTimeout, Duration connectTimeout, Duration initialBackoff, Duration maxBackoff,
                          double jitter, int maxMessageChars, Duration keepAlive) {
        public Options {
            requirePositive(callTimeout, "callTimeout");
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(initialBackoff, "initialBackoff");
            requirePositive(maxBackoff, "maxBackoff");
            if (jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
            }
            if (maxMessageChars < 1024) {
                throw new IllegalArgumentException("maxMessageChars must be at least 1024, got " + maxMessageChars);
            }
            if (keepAlive == null || keepAlive.isNegative() || (!keepAlive.isZero() && keepAlive.toMillis() < 10)) {
                throw new IllegalArgumentException("keepAlive must be zero (off) or at least 10 ms, got " + keepAlive);
            }
        }

        /**
         * 30 s calls, 10 s connect, backoff 250 ms doubling up to 30 s with ±20 % jitter, 128 Mi-char messages,
         * keep-alive ping after 30 s of silence.
         */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofSeconds(30),
                    0.2, 128 << 20, Duration.ofSeconds(30));
        }

        public Options withCallTimeout(Duration d) {
            return new Options(d, connectTimeout, initialBackoff, maxBackoff, jitter, maxMessageChars, keepAlive);
        }

        public Options withConnectTimeout(Duration d) {
            return new Options(callTimeout, d, initialBackoff, maxBackoff, jitter, maxMessageChars, keepAlive);
        }

        public Options withBackoff(Duration initial, Duration max) {
            return new Options(callTimeout, connectTimeout, initial, max, jitter, maxMessageChars, keepAlive);
        }

        public Options withJitter(double j) {
            return new Options(callTimeout, connectTimeout, initialBackoff, maxBackoff, j, maxMessageChars, keepAlive);
        }

        public Options withMaxMessageChars(int n) {
            return new Options(callTimeout, connectTimeout, initialBackoff, maxBackoff, jitter, n, keepAlive);
        }

        public Options withKeepAlive(Duration d) {
            return new Options(callTimeout, connectTimeout, initialBackoff, maxBackoff, jitter, maxMessageChars, d);
        }

        private static void requirePositive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
        }
    }
}
