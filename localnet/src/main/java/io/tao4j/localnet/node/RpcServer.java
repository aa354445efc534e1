package io.tao4j.localnet.node;

import io.tao4j.localnet.internal.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Substrate JSON-RPC for the {@link DevNode}, over WebSocket and HTTP POST on one port (as a
 * Substrate node serves 9944), plus {@code GET /localnet.json} for the discovery document. The methods are
 * the table of {@link RpcMethods}. Errors use Substrate's codes; malformed requests get JSON-RPC errors, never a
 * dropped connection.
 *
 * <p>A WebSocket client cannot slow the node down: every message to it (responses and subscription
 * notifications) goes through its own bounded send queue ({@link RpcConnection}), so the block-producing thread
 * only enqueues. A client whose queue exceeds {@link Limits#maxQueuedBytesPerConnection()} (it stopped reading)
 * is dropped with close code {@link RpcConnection#CLOSE_SLOW_CONSUMER}; a connection holds at most
 * {@link Limits#maxSubscriptionsPerConnection()} subscriptions (more are refused with error -32006).
 */
public final class RpcServer implements AutoCloseable {
    private final java.util.concurrent.atomic.AtomicLong slowConsumersDropped = new java.util.concurrent.atomic.AtomicLong();

    /** WebSocket clients dropped so far for not reading (close code {@link RpcConnection#CLOSE_SLOW_CONSUMER}). */
    public long slowConsumersDropped() {
        return slowConsumersDropped.get();
    }

    void countSlowConsumerDropped() {
        slowConsumersDropped.incrementAndGet();
    }

    static final Logger log = LoggerFactory.getLogger(RpcServer.class);
    static final ObjectMapper JSON = Json.MAPPER;

    /**
     * Per-connection limits of the WebSocket transport.
     *
     * @param maxSubscriptionsPerConnection subscriptions one connection may hold (Substrate's
     *                                      {@code --rpc-max-subscriptions-per-connection}, default 1024)
     * @param maxQueuedBytesPerConnection   bytes of responses and notifications waiting for a client that does
     *                                      not read; past it the client is dropped
     * @param closeGrace                    how long a dropped client gets to receive the close frame before the
     *                                      connection is cut
     */
    public record Limits(int maxSubscriptionsPerConnection, long maxQueuedBytesPerConnection, Duration closeGrace) {
        /** Largest JSON-RPC request body over HTTP POST (Substrate's {@code --rpc-max-request-size} default, 15 MiB). */
        public static final int MAX_HTTP_REQUEST_BYTES = 15 << 20;
        public static final int DEFAULT_MAX_SUBSCRIPTIONS = 1024;
        public static final long DEFAULT_MAX_QUEUED_BYTES = 16L << 20;

        public Limits {
            if (maxSubscriptionsPerConnection < 1 || maxQueuedBytesPerConnection < 1 || closeGrace.isNegative()) {
                throw new IllegalArgumentException("RPC limits must be positive");
            }
        }

        public static Limits defaults() {
            return new Limits(DEFAULT_MAX_SUBSCRIPTIONS, DEFAULT_MAX_QUEUED_BYTES, Duration.ofSeconds(10));
        }
    }

    private final RpcMethods methods;
    private final Limits limits;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService timers;
    private volatile Supplier<JsonNode> discovery = () -> JsonNodeFactory.instance.objectNode();

    public RpcServer(DevNode node, String host, int port) throws Exception {
        this(node, host, port, Limits.defaults());
    }

    public RpcServer(DevNode node, String host, int port, Limits limits) throws Exception {
        this.limits = limits;
        this.methods = new RpcMethods(node, new RuntimeApis(node.metadata()), limits.maxSubscriptionsPerConnection());
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "localnet-rpc-timer");
            t.setDaemon(true);
            return t;
        });
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("localnet-rpc");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, c -> {
            c.setMaxTextMessageSize(64 << 20);
            c.setIdleTimeout(Duration.ofHours(1));
            c.addMapping("/", (rq, rs, cb) -> new RpcConnection(this));
        });
        ws.setHandler(new Http());
        server.setHandler(ws);
        server.start();
        log.info("localnet RPC listening on ws://{}:{} (and HTTP POST)", host, port());
    }

    public int port() {
        return connector.getLocalPort();
    }

    Limits limits() {
        return limits;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** Every method name served, aliases included. */
    public List<String> methodNames() {
        return methods.names();
    }

    /** The document served at {@code GET /localnet.json}. */
    public void setDiscovery(Supplier<JsonNode> doc) {
        this.discovery = doc;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.debug("rpc server stop: {}", e.toString());
        }
        timers.shutdownNow();
    }

    // ------------------------------------------------------------------------------- dispatch

    /** A JSON-RPC error to send back. */
    static final class RpcError extends RuntimeException {
        final int code;
        final String data;

        RpcError(int code, String message, String data) {
            super(message);
            this.code = code;
            this.data = data;
        }

        static RpcError invalidParams(String why) {
            return new RpcError(-32602, "Invalid params", why);
        }
    }

    /** The transport a request came over: subscriptions are only possible on WebSocket. */
    interface Client {
        boolean canSubscribe();

        void notify(String method, String subscription, JsonNode result);

        Map<String, Runnable> subscriptions();

        /** Runs {@code action} after the current response has been sent (Substrate sends the id first). */
        void later(Runnable action);
    }

    String handle(String text, Client client) {
        JsonNode req;
        try {
            req = JSON.readTree(text);
        } catch (Exception e) {
            return error(null, -32700, "Parse error", "the request is not JSON: " + e.getMessage());
        }
        if (req == null || !req.isObject()) {
            return error(null, -32600, "Invalid Request", "a JSON-RPC request must be an object (batches are not supported)");
        }
        JsonNode id = req.get("id");
        String method = req.path("method").asText("");
        JsonNode params = req.has("params") ? req.get("params") : JsonNodeFactory.instance.arrayNode();
        if (!params.isArray()) {
            return error(id, -32602, "Invalid params", "params must be an array");
        }
        try {
            RpcMethods.Handler h = methods.get(method);
            if (h == null) {
                throw new RpcError(-32601, "Method not found", method);
            }
            JsonNode result = h.call((ArrayNode) params, client);
            ObjectNode r = JSON.createObjectNode();
            r.put("jsonrpc", "2.0");
            r.set("result", result);
            r.set("id", id);
            return r.toString();
        } catch (RpcError e) {
            return error(id, e.code, e.getMessage(), e.data);
        } catch (TxRejection e) {
            return error(id, e.code(), e.rpcMessage(), e.data());
        } catch (IllegalArgumentException e) {
            return error(id, -32602, "Invalid params", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("rpc {} failed: {}", method, e.toString());
            return error(id, -32603, "Internal error", e.toString());
        }
    }

    private static String error(JsonNode id, int code, String message, String data) {
        ObjectNode r = JSON.createObjectNode();
        r.put("jsonrpc", "2.0");
        ObjectNode e = r.putObject("error");
        e.put("code", code);
        e.put("message", message);
        if (data != null) {
            e.put("data", data);
        }
        r.set("id", id);
        return r.toString();
    }

    // ------------------------------------------------------------------------------- HTTP

    /** jsonrpsee's code for a request over the size limit. */
    static final int OVERSIZED_REQUEST = -32007;

    /**
     * The request body as text, or null when it is larger than {@link Limits#MAX_HTTP_REQUEST_BYTES} (refused by
     * its Content-Length before reading, or once that many bytes have arrived). A body that cannot be read is "".
     */
    private static String readCapped(Request request) {
        int cap = Limits.MAX_HTTP_REQUEST_BYTES;
        long declared = request.getLength();
        if (declared > cap) {
            log.warn("rpc: refused an HTTP request of {} bytes (limit {})", declared, cap);
            return null;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] b = in.readNBytes(cap + 1);
            if (b.length > cap) {
                log.warn("rpc: refused an HTTP request body over {} bytes", cap);
                return null;
            }
            return new String(b, StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "";
        }
    }

    private final class Http extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String body;
            int status = 200;
            if (request.getMethod().equals("GET") && path.equals("/localnet.json")) {
                body = discovery.get().toPrettyString();
            } else if (request.getMethod().equals("POST")) {
                String text = readCapped(request);
                if (text == null) {
                    status = 413;
                    body = error(null, OVERSIZED_REQUEST, "Request is too big",
                            "Exceeded max limit of " + Limits.MAX_HTTP_REQUEST_BYTES);
                } else {
                    body = RpcServer.this.handle(text, new Client() {
                        final Map<String, Runnable> none = new ConcurrentHashMap<>();

                        public boolean canSubscribe() {
                            return false;
                        }

                        public void notify(String m, String s, JsonNode r) {
                        }

                        public Map<String, Runnable> subscriptions() {
                            return none;
                        }

                        public void later(Runnable action) {
                        }
                    });
                }
            } else {
                status = 404;
                body = "{\"error\":\"use JSON-RPC over WebSocket or HTTP POST, or GET /localnet.json\"}";
            }
            response.setStatus(status);
            response.getHeaders().put("Content-Type", "application/json");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
