package io.tao4j.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * JSON-RPC 2.0 over one WebSocket (JDK {@code java.net.http}), as Substrate nodes serve it.
 *
 * <p>Contract:
 * <ul>
 *   <li>Requests carry increasing numeric ids; responses are matched by id, so any number of threads
 *       may call concurrently.</li>
 *   <li>Every call has a timeout ({@link Options#callTimeout()}, 30 s by default, or per call).</li>
 *   <li>When the connection drops the client reconnects with capped exponential backoff plus jitter.
 *       Calls that were waiting for a response fail with {@link RpcConnectionException}; calls made while
 *       reconnecting wait (within their timeout) and go out on the new connection. Live subscriptions are
 *       subscribed again and the new subscription ids feed the same consumer. Subscriptions that end
 *       themselves ({@code author_submitAndWatchExtrinsic}) are not re-submitted: their error consumer
 *       (the {@code onError} of {@link RpcClient#subscribe(String, List, String, Consumer, Consumer)}) is told
 *       that the connection was lost.</li>
 *   <li>A silent connection is pinged after {@link Options#keepAlive()}; with no frame for twice that, or a ping
 *       that cannot be sent, it counts as lost.</li>
 *   <li>Notifications that arrive before the subscribe response are buffered and delivered once the id is
 *       known. Malformed frames are logged at debug with the reason, counted and ignored.</li>
 *   <li>Callbacks never run on the socket's reader thread: results complete on a callback pool and
 *       notifications are delivered in order on one dispatcher thread per client.</li>
 *   <li>An unreachable endpoint fails {@link #connect} with an {@link RpcConnectionException} naming the endpoint
 *       and the cause (no front-end advice: callers add their own).</li>
 * </ul>
 *
 * <p>The jobs are split: {@link WsConnector} (the socket, keep-alive, reconnect with backoff), {@link PendingCalls}
 * (ids, timers, completion), {@link WsSubscriptions} (live subscriptions, early notifications, re-subscribing),
 * {@link JsonRpcCodec} (the JSON-RPC text, shared with {@link HttpRpcClient}); this class routes between them.
 */
public final class WsRpcClient implements RpcClient {
    private static final Logger log = LoggerFactory.getLogger(WsRpcClient.class);

    private final URI endpoint;
    private final Options options;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService callbacks;
    private final ExecutorService dispatcher;
    private final AtomicLong malformed = new AtomicLong();
    private final PendingCalls pending;
    private final WsSubscriptions subs;
    private final WsConnector connector;

    private WsRpcClient(URI endpoint, Options options) {
        this.endpoint = endpoint;
        this.options = options;
        String tag = endpoint.getHost() + ":" + endpoint.getPort();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("tao4j-rpc-timer " + tag));
        this.callbacks = Executors.newCachedThreadPool(daemon("tao4j-rpc-callback " + tag));
        this.dispatcher = Executors.newSingleThreadExecutor(daemon("tao4j-rpc-notify " + tag));
        this.pending = new PendingCalls(scheduler, callbacks);
        this.subs = new WsSubscriptions(endpoint, dispatcher, new WsSubscriptions.Owner() {
            @Override
            public CompletableFuture<JsonNode> request(WsSubscriptions.Sub s) {
                return WsRpcClient.this.request(s.method, s.params, options.callTimeout(), s);
            }

            @Override
            public void unsubscribe(WsSubscriptions.Sub s, String serverId) {
                WsRpcClient.this.unsubscribe(s, serverId);
            }

            @Override
            public boolean isClosed() {
                return connector.isClosed();
            }
        });
        this.connector = new WsConnector(endpoint, options, scheduler, new WsConnector.Listener() {
            @Override
            public void onText(String text) {
                onMessage(text);
            }

            @Override
            public void onMalformed(String reason, String frame) {
                WsRpcClient.this.malformed(reason, frame);
            }

            @Override
            public void onLost(WsConnector.Conn lost, String reason, Throwable cause) {
                pending.failAll(p -> p.generation == lost.generation, p -> lost(lost, p.method, cause));
                pending.forgetAbandoned();
                subs.lost(lost.generation, reason, cause);
            }

            @Override
            public void onReconnected() {
                subs.resubscribe();
            }
        });
    }

    /** Connects with default {@link Options}. */
    public static WsRpcClient connect(String endpoint) {
        return connect(parseEndpoint(endpoint), Options.defaults());
    }

    /**
     * Opens the connection and returns once it is up.
     *
     * @throws RpcConnectionException if the endpoint cannot be reached (the message names the endpoint and why)
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
        try {
            client.connector.connectNow();
        } catch (RuntimeException e) {
            client.shutdownExecutors();
            throw e;
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
        return connector.isConnected();
    }

    /** How many frames from the server were ignored as malformed. */
    public long malformedFrameCount() {
        return malformed.get();
    }

    /** How many times the connection was re-established after a loss. */
    public int reconnectCount() {
        return connector.reconnectCount();
    }

    @Override
    public CompletableFuture<JsonNode> call(String method, List<?> params) {
        return call(method, params, options.callTimeout());
    }

    @Override
    public CompletableFuture<JsonNode> call(String method, List<?> params, Duration timeout) {
        return request(method, params, timeout, null);
    }

    /**
     * Subscribes and waits (up to the call timeout) for the node to accept the subscription.
     *
     * @param onError told when the subscription ends abnormally: the connection was lost under a
     *                subscription that cannot be resumed, or re-subscribing after a reconnect was refused
     * @throws RpcException if the node refuses the subscription (e.g. 1010 for an invalid extrinsic)
     */
    @Override
    public Subscription subscribe(String subscribeMethod, List<?> params, String unsubscribeMethod,
                                  Consumer<JsonNode> onItem, Consumer<RpcException> onError) {
        return await(subscribeAsync(subscribeMethod, params, unsubscribeMethod, onItem, onError));
    }

    /** As {@link #subscribe(String, List, String, Consumer, Consumer)} without blocking. */
    public CompletableFuture<Subscription> subscribeAsync(String subscribeMethod, List<?> params, String unsubscribeMethod,
                                                          Consumer<JsonNode> onItem, Consumer<RpcException> onError) {
        Objects.requireNonNull(onItem, "onItem");
        Objects.requireNonNull(onError, "onError");
        WsSubscriptions.Sub s = subs.create(subscribeMethod, params, unsubscribeMethod, onItem, onError);
        return request(subscribeMethod, s.params, options.callTimeout(), s).<Subscription>handle((r, e) -> {
            if (e != null) {
                subs.refused(s);
                throw new CompletionException(JsonRpcCodec.unwrap(e));
            }
            return s;
        });
    }

    /** Waits for {@code future} and rethrows an {@link RpcException} unwrapped. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException | CancellationException e) {
            Throwable c = JsonRpcCodec.unwrap(e);
            if (c instanceof RpcException re) {
                throw re;
            }
            throw new RpcException("RPC failed: " + c, c);
        }
    }

    @Override
    public void close() {
        if (connector.isClosed()) {
            return;
        }
        connector.close();
        pending.failAll(p -> true,
                p -> new RpcConnectionException("client for " + endpoint + " was closed before " + p.method + " completed"));
        subs.closeAll();
        shutdownExecutors();
    }

    private void shutdownExecutors() {
        scheduler.shutdownNow();
        dispatcher.shutdown();
        callbacks.shutdown();
    }

    /** The wait before reconnect attempt {@code attempt}; see {@link WsConnector#backoffMillis}. */
    static long backoffMillis(int attempt, Options options, double random) {
        return WsConnector.backoffMillis(attempt, options, random);
    }

    // ------------------------------------------------------------------------------------------------ requests

    private CompletableFuture<JsonNode> request(String method, List<?> params, Duration timeout, WsSubscriptions.Sub sub) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(timeout, "timeout");
        long id = pending.nextId();
        String text;
        try {
            text = JsonRpcCodec.request(id, method, params);
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<WsConnector.Conn> conn = connector.connection();
        if (conn == null) {
            return CompletableFuture.failedFuture(new RpcConnectionException("client for " + endpoint + " is closed"));
        }
        PendingCalls.Pending p = new PendingCalls.Pending(id, method, sub);
        pending.register(p, timeout,
                () -> new RpcTimeoutException(method + ": no response from " + endpoint + " within " + JsonRpcCodec.human(timeout)));
        conn.whenComplete((c, err) -> {
            if (err != null) {
                Throwable u = JsonRpcCodec.unwrap(err);
                pending.fail(p, u instanceof RpcException re ? re : new RpcConnectionException("not connected to " + endpoint, u));
            } else {
                send(c, p, text);
            }
        });
        return p.future;
    }

    private void send(WsConnector.Conn c, PendingCalls.Pending p, String text) {
        if (p.future.isDone()) {
            return;
        }
        p.generation = c.generation;
        if (c.dead) {
            pending.fail(p, lost(c, p.method, null));
            return;
        }
        if (log.isTraceEnabled()) {
            log.trace("→ {}", RpcHex.abbreviate(text));
        }
        c.send(text).whenComplete((ws, err) -> {
            if (err != null) {
                Throwable u = JsonRpcCodec.unwrap(err);
                pending.fail(p, new RpcConnectionException("could not send " + p.method + " to " + endpoint + ": "
                        + JsonRpcCodec.describe(u), u));
            }
        });
    }

    private RpcConnectionException lost(WsConnector.Conn c, String method, Throwable cause) {
        return new RpcConnectionException("connection to " + endpoint + " lost" + (c.reason == null ? "" : " (" + c.reason + ")")
                + " while waiting for the response to " + method + "; the node may or may not have executed it", cause);
    }

    private void unsubscribe(WsSubscriptions.Sub s, String serverId) {
        if (s.unsubscribeMethod == null) {
            return;
        }
        request(s.unsubscribeMethod, List.of(serverId), options.callTimeout(), null).whenComplete((r, e) -> {
            if (e != null) {
                log.debug("{}({}) failed: {}", s.unsubscribeMethod, serverId, JsonRpcCodec.unwrap(e).getMessage());
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ reading

    private void onMessage(String text) {
        if (log.isTraceEnabled()) {
            log.trace("← {}", RpcHex.abbreviate(text));
        }
        JsonRpcCodec.Message m = JsonRpcCodec.parse(text);
        if (m instanceof JsonRpcCodec.Notification n) {
            subs.notification(n.subscription(), n.result());
        } else if (m instanceof JsonRpcCodec.Response r) {
            onResponse(r, text);
        } else if (m instanceof JsonRpcCodec.Malformed bad) {
            malformed(bad.reason(), text);
        }
    }

    private void onResponse(JsonRpcCodec.Response r, String text) {
        PendingCalls.Pending p = pending.take(r.id());
        WsSubscriptions.Sub gaveUp = p == null ? pending.takeAbandoned(r.id()) : null;
        if (gaveUp != null) {
            String subId = r.result() == null ? null : JsonRpcCodec.subscriptionKey(r.result());
            if (subId != null) {
                log.debug("{} answered after its timeout; cancelling subscription {}", gaveUp.method, subId);
                unsubscribe(gaveUp, subId);
            }
            return;
        }
        if (p == null) {
            malformed("response to unknown or expired id " + r.id(), text);
            return;
        }
        if (r.error() != null) {
            pending.fail(p, JsonRpcCodec.error(p.method, r.error()));
            return;
        }
        if (r.result() == null) {
            malformed("response without result or error", text);
            pending.fail(p, new RpcException(p.method + ": malformed response from " + endpoint + " (neither result nor error)", 0, null));
            return;
        }
        if (p.sub != null) {
            String subId = JsonRpcCodec.subscriptionKey(r.result());
            if (subId == null) {
                pending.fail(p, new RpcException(p.method + ": node returned no subscription id (" + r.result() + ")", 0, null));
                return;
            }
            subs.confirmed(p.sub, subId, p.generation);
        }
        pending.succeed(p, r.result());
    }

    private void malformed(String reason, String frame) {
        malformed.incrementAndGet();
        log.debug("ignoring malformed frame from {}: {}: {}", endpoint, reason, RpcHex.abbreviate(frame));
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
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
