package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.crypto.Hex;
import io.tao4j.localnet.runtime.AccountId;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Substrate JSON-RPC for the {@link DevNode}, over WebSocket and HTTP POST on one port (as a
 * Substrate node serves 9944), plus {@code GET /localnet.json} for the discovery document. Methods:
 * rpc_methods; system_chain|name|version|properties|health|accountNextIndex; chain_getBlockHash|
 * getHeader|getBlock|getFinalizedHead and the head/runtime-version subscriptions; state_getMetadata|
 * getRuntimeVersion|getStorage|queryStorageAt|getKeysPaged|call and state_subscribeRuntimeVersion;
 * author_submitExtrinsic|submitAndWatchExtrinsic|unwatchExtrinsic|pendingExtrinsics. Errors use
 * Substrate's codes; malformed requests get JSON-RPC errors, never a dropped connection.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcServer.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final DevNode node;
    private final RuntimeApis apis;
    private final Server server;
    private final ServerConnector connector;
    private final AtomicLong subIds = new AtomicLong(1);
    private volatile Supplier<JsonNode> discovery = () -> JsonNodeFactory.instance.objectNode();

    private static final List<String> METHODS = List.of("rpc_methods", "system_chain", "system_name", "system_version",
            "system_properties", "system_health", "system_accountNextIndex", "chain_getBlockHash", "chain_getHeader",
            "chain_getBlock", "chain_getFinalizedHead", "chain_getFinalisedHead", "chain_subscribeNewHeads",
            "chain_unsubscribeNewHeads", "chain_subscribeAllHeads", "chain_unsubscribeAllHeads",
            "chain_subscribeFinalizedHeads", "chain_unsubscribeFinalizedHeads", "chain_subscribeFinalisedHeads",
            "chain_unsubscribeFinalisedHeads", "chain_subscribeRuntimeVersion", "chain_unsubscribeRuntimeVersion",
            "state_getMetadata", "state_getRuntimeVersion", "state_getStorage", "state_getStorageAt",
            "state_queryStorageAt", "state_getKeysPaged", "state_getKeysPagedAt", "state_call", "state_callAt",
            "state_subscribeRuntimeVersion", "state_unsubscribeRuntimeVersion", "state_subscribeStorage",
            "state_unsubscribeStorage", "author_submitExtrinsic",
            "author_submitAndWatchExtrinsic", "author_unwatchExtrinsic", "author_pendingExtrinsics");

    public RpcServer(DevNode node, String host, int port) throws Exception {
        this.node = node;
        this.apis = new RuntimeApis(node.metadata());
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
            c.setIdleTimeout(java.time.Duration.ofHours(1));
            c.addMapping("/", (rq, rs, cb) -> new Connection(this));
        });
        ws.setHandler(new Http());
        server.setHandler(ws);
        server.start();
        log.info("localnet RPC listening on ws://{}:{} (and HTTP POST)", host, port());
    }

    public int port() {
        return connector.getLocalPort();
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
            JsonNode result = dispatch(method, (ArrayNode) params, client);
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

    private JsonNode dispatch(String method, ArrayNode p, Client client) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (method) {
            case "rpc_methods": {
                ObjectNode o = f.objectNode();
                o.put("version", 1);
                ArrayNode m = o.putArray("methods");
                METHODS.forEach(m::add);
                return o;
            }
            case "system_chain":
                return f.textNode("tao4j localnet");
            case "system_name":
                return f.textNode("tao4j-localnet");
            case "system_version":
                return f.textNode("0.1.0");
            case "system_properties": {
                ObjectNode o = f.objectNode();
                o.put("ss58Format", 42);
                o.put("tokenDecimals", 9);
                o.put("tokenSymbol", "TAO");
                return o;
            }
            case "system_health": {
                ObjectNode o = f.objectNode();
                o.put("peers", 0);
                o.put("isSyncing", false);
                o.put("shouldHavePeers", false);
                return o;
            }
            case "system_accountNextIndex":
                return f.numberNode(node.nextIndex(account(p, 0)));
            case "chain_getBlockHash":
                return blockHash(p);
            case "chain_getHeader":
                return blockAt(p, 0).map(this::headerJson).orElse(null);
            case "chain_getBlock":
                return blockAt(p, 0).map(b -> {
                    ObjectNode o = f.objectNode();
                    ObjectNode block = o.putObject("block");
                    block.set("header", headerJson(b));
                    ArrayNode xs = block.putArray("extrinsics");
                    b.extrinsics().forEach(x -> xs.add("0x" + Hex.encode(x)));
                    o.putNull("justifications");
                    return (JsonNode) o;
                }).orElse(null);
            case "chain_getFinalizedHead":
            case "chain_getFinalisedHead":
                return hex(node.finalizedBlock().hash());
            case "chain_subscribeNewHeads":
            case "chain_subscribeAllHeads":
                return subscribe(client, method.equals("chain_subscribeAllHeads") ? "chain_allHead" : "chain_newHead",
                        node::onNewHead, node.best());
            case "chain_subscribeFinalizedHeads":
            case "chain_subscribeFinalisedHeads":
                return subscribe(client, "chain_finalizedHead", node::onFinalized, node.finalizedBlock());
            case "chain_subscribeRuntimeVersion":
            case "state_subscribeRuntimeVersion": {
                String id = newSubscription(client, () -> { });
                client.later(() -> client.notify("state_runtimeVersion", id, JSON.valueToTree(apis.runtimeVersionJson())));
                return f.textNode(id);
            }
            case "state_subscribeStorage":
                return subscribeStorage(client, p);
            case "state_unsubscribeStorage":
            case "chain_unsubscribeNewHeads":
            case "chain_unsubscribeAllHeads":
            case "chain_unsubscribeFinalizedHeads":
            case "chain_unsubscribeFinalisedHeads":
            case "chain_unsubscribeRuntimeVersion":
            case "state_unsubscribeRuntimeVersion":
            case "author_unwatchExtrinsic":
                return f.booleanNode(unsubscribe(client, p));
            case "state_getMetadata":
                requireState(p, 0);
                return hex(node.metadata().v14Bytes());
            case "state_getRuntimeVersion":
            case "chain_getRuntimeVersion":
                return JSON.valueToTree(apis.runtimeVersionJson());
            case "state_getStorage":
            case "state_getStorageAt": {
                NavigableMap<ByteKey, byte[]> st = requireState(p, 1);
                byte[] v = st.get(new ByteKey(bytes(p, 0, "storage key")));
                return v == null ? f.nullNode() : hex(v);
            }
            case "state_queryStorageAt": {
                if (!p.path(0).isArray()) {
                    throw RpcError.invalidParams("the first parameter must be an array of storage keys");
                }
                DevNode.Block b = blockAt(p, 1).orElseThrow(() -> RpcError.invalidParams("unknown block hash"));
                NavigableMap<ByteKey, byte[]> st = state(b);
                ArrayNode out = f.arrayNode();
                ObjectNode set = out.addObject();
                set.set("block", hex(b.hash()));
                ArrayNode changes = set.putArray("changes");
                for (JsonNode k : p.get(0)) {
                    byte[] key = Hex.decode(k.asText());
                    byte[] v = st.get(new ByteKey(key));
                    ArrayNode pair = changes.addArray();
                    pair.add("0x" + Hex.encode(key));
                    if (v == null) {
                        pair.addNull();
                    } else {
                        pair.add("0x" + Hex.encode(v));
                    }
                }
                return out;
            }
            case "state_getKeysPaged":
            case "state_getKeysPagedAt": {
                byte[] prefix = p.path(0).isNull() || p.path(0).isMissingNode() ? new byte[0] : bytes(p, 0, "prefix");
                int count = p.path(1).asInt(-1);
                if (count < 1 || count > 1000) {
                    throw RpcError.invalidParams("count must be 1..1000");
                }
                byte[] start = p.path(2).isTextual() ? Hex.decode(p.get(2).asText()) : null;
                NavigableMap<ByteKey, byte[]> st = requireState(p, 3);
                ArrayNode out = f.arrayNode();
                NavigableMap<ByteKey, byte[]> tail = start == null ? st.tailMap(new ByteKey(prefix), true)
                        : st.tailMap(new ByteKey(start), false);
                for (ByteKey k : tail.keySet()) {
                    if (!k.startsWith(prefix) || out.size() >= count) {
                        break;
                    }
                    out.add(k.hex());
                }
                return out;
            }
            case "state_call":
            case "state_callAt": {
                String m = p.path(0).asText("");
                byte[] data = p.path(1).isTextual() ? Hex.decode(p.get(1).asText()) : new byte[0];
                DevNode.Block b = blockAt(p, 2).orElseThrow(() -> RpcError.invalidParams("unknown block hash"));
                if (b.number() != node.best().number()) {
                    state(b); // past blocks: runtime APIs answer from the current state only if the block is still kept
                }
                try {
                    return hex(node.withRuntime(rt -> apis.call(m, data, rt, node)));
                } catch (IllegalArgumentException | io.tao4j.scale.ScaleException e) {
                    throw new RpcError(4003, "Client error: Execution failed", e.getMessage());
                }
            }
            case "author_submitExtrinsic":
                return hex(node.submit(bytes(p, 0, "extrinsic"), null));
            case "author_submitAndWatchExtrinsic": {
                if (!client.canSubscribe()) {
                    throw new RpcError(-32601, "Method not found", "subscriptions need a WebSocket connection");
                }
                String id = String.valueOf(subIds.getAndIncrement());
                client.subscriptions().put(id, () -> { });
                node.submit(bytes(p, 0, "extrinsic"), new DevNode.TxWatcher() {
                    public void ready() {
                        client.notify("author_extrinsicUpdate", id, f.textNode("ready"));
                    }

                    public void inBlock(byte[] h) {
                        client.notify("author_extrinsicUpdate", id, f.objectNode().put("inBlock", "0x" + Hex.encode(h)));
                    }

                    public void finalized(byte[] h) {
                        client.notify("author_extrinsicUpdate", id, f.objectNode().put("finalized", "0x" + Hex.encode(h)));
                        client.subscriptions().remove(id);
                    }

                    public void invalid(String reason) {
                        client.notify("author_extrinsicUpdate", id, f.textNode("invalid"));
                        client.subscriptions().remove(id);
                    }
                });
                return f.textNode(id);
            }
            case "author_pendingExtrinsics":
                return f.arrayNode();
            default:
                throw new RpcError(-32601, "Method not found", method);
        }
    }

    private JsonNode subscribe(Client client, String notifyMethod, Consumer<Consumer<DevNode.Block>> register,
                               DevNode.Block current) {
        if (!client.canSubscribe()) {
            throw new RpcError(-32601, "Method not found", "subscriptions need a WebSocket connection");
        }
        String id = String.valueOf(subIds.getAndIncrement());
        Consumer<DevNode.Block> listener = b -> client.notify(notifyMethod, id, headerJson(b));
        client.subscriptions().put(id, () -> node.removeListener(listener));
        register.accept(listener);
        client.later(() -> client.notify(notifyMethod, id, headerJson(current)));
        return JsonNodeFactory.instance.textNode(id);
    }

    /**
     * {@code state_subscribeStorage(keys)}: the current values at once, then after every block the
     * keys whose value changed ({@code state_storage} notifications with {@code block} and {@code changes}).
     */
    private JsonNode subscribeStorage(Client client, ArrayNode p) {
        if (!client.canSubscribe()) {
            throw new RpcError(-32601, "Method not found", "subscriptions need a WebSocket connection");
        }
        if (!p.path(0).isArray() || p.get(0).isEmpty()) {
            throw RpcError.invalidParams("state_subscribeStorage needs a non-empty array of storage keys");
        }
        List<ByteKey> keys = new ArrayList<>();
        for (JsonNode k : p.get(0)) {
            keys.add(new ByteKey(Hex.decode(k.asText())));
        }
        String id = String.valueOf(subIds.getAndIncrement());
        Map<ByteKey, byte[]> last = new ConcurrentHashMap<>();
        Consumer<DevNode.Block> listener = b -> {
            JsonNode changes = storageChanges(b, keys, last, false);
            if (changes != null) {
                client.notify("state_storage", id, changes);
            }
        };
        client.subscriptions().put(id, () -> node.removeListener(listener));
        DevNode.Block now = node.best();
        JsonNode initial = storageChanges(now, keys, last, true);
        node.onNewHead(listener);
        client.later(() -> client.notify("state_storage", id, initial));
        return JsonNodeFactory.instance.textNode(id);
    }

    private static JsonNode storageChanges(DevNode.Block b, List<ByteKey> keys, Map<ByteKey, byte[]> last, boolean all) {
        NavigableMap<ByteKey, byte[]> st = b.storage().orElse(null);
        if (st == null) {
            return null;
        }
        ObjectNode set = JSON.createObjectNode();
        set.put("block", "0x" + Hex.encode(b.hash()));
        ArrayNode changes = set.putArray("changes");
        byte[] absent = new byte[0];
        for (ByteKey k : keys) {
            byte[] v = st.get(k);
            byte[] prev = last.get(k);
            byte[] cur = v == null ? absent : v;
            if (all || prev == null || !java.util.Arrays.equals(prev, cur)) {
                ArrayNode pair = changes.addArray();
                pair.add(k.hex());
                if (v == null) {
                    pair.addNull();
                } else {
                    pair.add("0x" + Hex.encode(v));
                }
            }
            last.put(k, cur);
        }
        return changes.isEmpty() ? null : set;
    }

    private String newSubscription(Client client, Runnable cancel) {
        String id = String.valueOf(subIds.getAndIncrement());
        client.subscriptions().put(id, cancel);
        return id;
    }

    private static boolean unsubscribe(Client client, ArrayNode p) {
        Runnable r = client.subscriptions().remove(p.path(0).asText());
        if (r != null) {
            r.run();
        }
        return r != null;
    }

    private JsonNode blockHash(ArrayNode p) {
        JsonNode n = p.path(0);
        if (n.isMissingNode() || n.isNull()) {
            return hex(node.best().hash());
        }
        long number;
        if (n.isNumber()) {
            number = n.asLong();
        } else if (n.isTextual() && n.asText().startsWith("0x")) {
            number = Long.parseLong(n.asText().substring(2), 16);
        } else if (n.isTextual()) {
            number = Long.parseLong(n.asText());
        } else {
            throw RpcError.invalidParams("block number must be a number");
        }
        return node.block(number).map(b -> hex(b.hash())).orElse(JsonNodeFactory.instance.nullNode());
    }

    /** The block named by the hash at {@code index} (best if absent or null). */
    private java.util.Optional<DevNode.Block> blockAt(ArrayNode p, int index) {
        JsonNode n = p.path(index);
        if (n.isMissingNode() || n.isNull()) {
            return java.util.Optional.of(node.best());
        }
        return node.block(Hex.decode(n.asText()));
    }

    private NavigableMap<ByteKey, byte[]> requireState(ArrayNode p, int hashIndex) {
        DevNode.Block b = blockAt(p, hashIndex).orElseThrow(() -> new RpcError(4003, "Client error: UnknownBlock",
                "Header was not found in the database: " + p.path(hashIndex).asText()));
        return state(b);
    }

    private static NavigableMap<ByteKey, byte[]> state(DevNode.Block b) {
        return b.storage().orElseThrow(() -> new RpcError(4003, "Client error: State already discarded",
                "State already discarded for 0x" + Hex.encode(b.hash())));
    }

    private ObjectNode headerJson(DevNode.Block b) {
        ObjectNode h = JSON.createObjectNode();
        h.put("parentHash", "0x" + Hex.encode(b.parentHash()));
        h.put("number", "0x" + Long.toHexString(b.number()));
        h.put("stateRoot", "0x" + Hex.encode(b.stateRoot()));
        h.put("extrinsicsRoot", "0x" + Hex.encode(b.extrinsicsRoot()));
        h.putObject("digest").putArray("logs");
        return h;
    }

    private static JsonNode hex(byte[] b) {
        return JsonNodeFactory.instance.textNode("0x" + Hex.encode(b));
    }

    private static byte[] bytes(ArrayNode p, int i, String what) {
        JsonNode n = p.path(i);
        if (!n.isTextual()) {
            throw RpcError.invalidParams(what + " must be a 0x-prefixed hex string");
        }
        try {
            return Hex.decode(n.asText());
        } catch (IllegalArgumentException e) {
            throw RpcError.invalidParams(what + ": " + e.getMessage());
        }
    }

    private static AccountId account(ArrayNode p, int i) {
        try {
            return AccountId.ofSs58(p.path(i).asText());
        } catch (IllegalArgumentException e) {
            throw RpcError.invalidParams("account: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------- transports

    /** One WebSocket connection (Jetty requires the endpoint class to be public). */
    public static final class Connection implements Session.Listener.AutoDemanding, Client {
        private final RpcServer rpc;
        private final Map<String, Runnable> subs = new ConcurrentHashMap<>();
        private final List<Runnable> afterResponse = new ArrayList<>();
        private volatile Session session;

        public Connection(RpcServer rpc) {
            this.rpc = rpc;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String message) {
            send(rpc.handle(message, this));
            List<Runnable> todo = new ArrayList<>(afterResponse);
            afterResponse.clear();
            todo.forEach(Runnable::run);
        }

        @Override
        public void later(Runnable action) {
            afterResponse.add(action);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            subs.values().forEach(Runnable::run);
            subs.clear();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            onWebSocketClose(1011, cause.toString());
        }

        @Override
        public boolean canSubscribe() {
            return true;
        }

        @Override
        public Map<String, Runnable> subscriptions() {
            return subs;
        }

        @Override
        public void notify(String method, String subscription, JsonNode result) {
            if (subscription != null && !subs.containsKey(subscription)) {
                return;
            }
            ObjectNode n = JSON.createObjectNode();
            n.put("jsonrpc", "2.0");
            n.put("method", method);
            ObjectNode params = n.putObject("params");
            params.put("subscription", subscription);
            params.set("result", result);
            send(n.toString());
        }

        private final Object sendLock = new Object();

        private void send(String text) {
            synchronized (sendLock) {
                sendLocked(text);
            }
        }

        private void sendLocked(String text) {
            Session s = session;
            if (s == null || !s.isOpen()) {
                return;
            }
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            s.sendText(text, org.eclipse.jetty.websocket.api.Callback.from(() -> done.complete(null), done::completeExceptionally));
            try {
                done.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("rpc: could not send to a client: {}", e.toString());
            }
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
                String text;
                try {
                    text = Content.Source.asString(request, StandardCharsets.UTF_8);
                } catch (Exception e) {
                    text = "";
                }
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
