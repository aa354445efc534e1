package io.tao4j.chain.rpc;

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
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC 2.0 node for tests: Jetty 12 WebSocket (and HTTP POST) on 127.0.0.1, random port. By
 * default it replays the responses recorded from finney by the Bittensor SDK's integration tests
 * ({@code fixtures/rpc/recorded_rpc_bittensor_tests.json}); tests install {@link Handler}s per method
 * to answer differently (errors, silence, subscriptions, raw frames, out-of-order replies).
 */
public final class FakeNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Answers one request. */
    @FunctionalInterface
    public interface MethodHandler {
        void handle(Exchange ex) throws Exception;
    }

    private final Server server;
    private final ServerConnector connector;
    private final Map<String, List<JsonNode[]>> recorded;
    private final Map<String, MethodHandler> handlers = new ConcurrentHashMap<>();
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final Set<Conn> open = ConcurrentHashMap.newKeySet();
    final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger subIds = new AtomicInteger();

    public FakeNode() throws Exception {
        this.recorded = loadRecorded();
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(16 << 20);
            container.addMapping("/", (rq, rs, cb) -> new Conn(this));
        });
        ws.setHandler(new HttpPost());
        server.setHandler(ws);
        server.start();
    }

    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort());
    }

    public URI httpUri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    public int port() {
        return connector.getLocalPort();
    }

    public void on(String method, MethodHandler handler) {
        handlers.put(method, handler);
    }

    /** Requests received so far for {@code method}. */
    public List<JsonNode> requests(String method) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : requests) {
            if (method.equals(r.path("method").asText())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Sends a raw text frame to every open connection. */
    public void broadcast(String text) {
        for (Conn c : open) {
            c.send(text);
        }
    }

    /** Sends a subscription notification to every open connection. */
    public void notifyAll(String method, String subscription, JsonNode result) {
        broadcast(notification(method, subscription, result));
    }

    /** Drops every connection without a close handshake, as a crashed node or a cut network would. */
    public void dropAll() {
        for (Conn c : open) {
            c.session.disconnect();
        }
    }

    public String newSubscriptionId() {
        // jsonrpsee writes random alphanumeric ids; any unique string will do
        return "sub" + subIds.incrementAndGet() + "x" + Integer.toHexString(System.identityHashCode(this));
    }

    static String notification(String method, String subscription, JsonNode result) {
        ObjectNode n = JSON.createObjectNode();
        n.put("jsonrpc", "2.0");
        n.put("method", method);
        ObjectNode p = n.putObject("params");
        p.put("subscription", subscription);
        p.set("result", result);
        return n.toString();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    // ---------------------------------------------------------------------------------------------- recorded data

    static JsonNode fixture() throws IOException {
        Path p = Path.of(System.getProperty("tao4j.shared"), "fixtures", "rpc", "recorded_rpc_bittensor_tests.json");
        return JSON.readTree(p.toFile());
    }

    /** The recorded result of {@code method(params)} in {@code seed}. */
    static JsonNode recordedResult(String seed, String method, String paramsJson) throws IOException {
        JsonNode want = JSON.readTree(paramsJson);
        for (Iterator<Map.Entry<String, JsonNode>> it = fixture().path(seed).path(method).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (JSON.readTree(e.getKey()).equals(want)) {
                return e.getValue().get("result");
            }
        }
        throw new IllegalArgumentException("no recording of " + method + paramsJson + " in " + seed);
    }

    private static Map<String, List<JsonNode[]>> loadRecorded() throws IOException {
        Map<String, List<JsonNode[]>> out = new ConcurrentHashMap<>();
        JsonNode all = fixture();
        for (Iterator<JsonNode> seeds = all.elements(); seeds.hasNext(); ) {
            JsonNode seed = seeds.next();
            for (Iterator<Map.Entry<String, JsonNode>> ms = seed.fields(); ms.hasNext(); ) {
                Map.Entry<String, JsonNode> m = ms.next();
                for (Iterator<Map.Entry<String, JsonNode>> ps = m.getValue().fields(); ps.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = ps.next();
                    out.computeIfAbsent(m.getKey(), k -> new CopyOnWriteArrayList<>())
                            .add(new JsonNode[]{JSON.readTree(p.getKey()), p.getValue().get("result")});
                }
            }
        }
        return out;
    }

    /** Finds a recorded answer, treating the aliases a real node accepts as the same method. */
    JsonNode replay(String method, JsonNode params) {
        String m = switch (method) {
            case "state_getStorage" -> "state_getStorageAt";
            case "chain_getBlockHash" -> params.isEmpty() ? "chain_getHead" : method;
            default -> method;
        };
        for (JsonNode[] r : recorded.getOrDefault(m, List.of())) {
            if (sameParams(r[0], params)) {
                return r[1];
            }
        }
        return null;
    }

    /** Equal, except that a hex string matches with or without its 0x prefix (a node accepts both for bytes). */
    private static boolean sameParams(JsonNode a, JsonNode b) {
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!sameParams(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isTextual() && b.isTextual()) {
            return strip0x(a.asText()).equals(strip0x(b.asText()));
        }
        return a.equals(b);
    }

    private static String strip0x(String s) {
        return s.startsWith("0x") ? s.substring(2) : s;
    }

    // ---------------------------------------------------------------------------------------------- protocol

    /** One request and the ways to answer it. */
    public final class Exchange {
        final Conn conn;
        final JsonNode request;

        Exchange(Conn conn, JsonNode request) {
            this.conn = conn;
            this.request = request;
        }

        public JsonNode id() {
            return request.get("id");
        }

        public JsonNode params() {
            return request.path("params");
        }

        public String method() {
            return request.path("method").asText();
        }

        public void result(JsonNode result) {
            ObjectNode r = JSON.createObjectNode();
            r.put("jsonrpc", "2.0");
            r.set("result", result == null ? JsonNodeFactory.instance.nullNode() : result);
            r.set("id", id());
            conn.send(r.toString());
        }

        public void result(String text) {
            result(JsonNodeFactory.instance.textNode(text));
        }

        public void error(int code, String message, String data) {
            ObjectNode r = JSON.createObjectNode();
            r.put("jsonrpc", "2.0");
            ObjectNode e = r.putObject("error");
            e.put("code", code);
            e.put("message", message);
            if (data != null) {
                e.put("data", data);
            }
            r.set("id", id());
            conn.send(r.toString());
        }

        public void raw(String frame) {
            conn.send(frame);
        }

        /** The response as {@code n} text fragments of one message. */
        public void resultFragmented(JsonNode result, int fragmentChars) {
            ObjectNode r = JSON.createObjectNode();
            r.put("jsonrpc", "2.0");
            r.set("result", result);
            r.set("id", id());
            conn.sendFragmented(r.toString(), fragmentChars);
        }

        public void replay() {
            JsonNode r = FakeNode.this.replay(method(), params());
            if (r == null && !FakeNode.this.recorded.containsKey(method())) {
                error(-32601, "Method not found", null);
            } else if (r == null) {
                error(-32602, "Invalid params", "no recording for " + params());
            } else {
                result(r);
            }
        }

        public Session session() {
            return conn.session;
        }
    }

    void onRequest(Conn conn, String text) {
        JsonNode req;
        try {
            req = JSON.readTree(text);
        } catch (IOException e) {
            conn.send("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null}");
            return;
        }
        requests.add(req);
        Exchange ex = new Exchange(conn, req);
        MethodHandler h = handlers.get(ex.method());
        try {
            if (h != null) {
                h.handle(ex);
            } else {
                ex.replay();
            }
        } catch (Exception e) {
            ex.error(-32603, "Internal error", e.toString());
        }
    }

    /** One server-side WebSocket connection. Jetty requires the endpoint class to be public. */
    public static final class Conn implements Session.Listener.AutoDemanding {
        private final FakeNode node;
        volatile Session session;

        public Conn(FakeNode node) {
            this.node = node;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            node.open.add(this);
            node.connections.incrementAndGet();
        }

        @Override
        public void onWebSocketText(String message) {
            node.onRequest(this, message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            node.open.remove(this);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            node.open.remove(this);
        }

        synchronized void send(String text) {
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            session.sendText(text, org.eclipse.jetty.websocket.api.Callback.from(() -> done.complete(null), done::completeExceptionally));
            join(done);
        }

        synchronized void sendBinary(byte[] bytes) {
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            session.sendBinary(ByteBuffer.wrap(bytes), org.eclipse.jetty.websocket.api.Callback.from(() -> done.complete(null), done::completeExceptionally));
            join(done);
        }

        synchronized void sendFragmented(String text, int fragmentChars) {
            for (int i = 0; i < text.length(); i += fragmentChars) {
                int end = Math.min(text.length(), i + fragmentChars);
                java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
                session.sendPartialText(text.substring(i, end), end == text.length(),
                        org.eclipse.jetty.websocket.api.Callback.from(() -> done.complete(null), done::completeExceptionally));
                join(done);
            }
        }

        private static void join(java.util.concurrent.CompletableFuture<Void> f) {
            try {
                f.get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // the peer went away; tests observe that on the client side
            }
        }
    }

    /** JSON-RPC over HTTP POST on the same port, answered from the recordings. */
    private final class HttpPost extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!"POST".equals(request.getMethod())) {
                return false;
            }
            JsonNode req = JSON.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
            requests.add(req);
            ObjectNode r = JSON.createObjectNode();
            r.put("jsonrpc", "2.0");
            JsonNode result = replay(req.path("method").asText(), req.path("params"));
            if (result == null) {
                ObjectNode e = r.putObject("error");
                e.put("code", -32601);
                e.put("message", "Method not found");
            } else {
                r.set("result", result);
            }
            r.set("id", req.get("id"));
            response.getHeaders().put("Content-Type", "application/json");
            response.write(true, ByteBuffer.wrap(r.toString().getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    static ArrayNode array(Object... items) {
        return JSON.valueToTree(List.of(items));
    }
}
