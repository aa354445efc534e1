package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.crypto.Hex;
import io.tao4j.localnet.runtime.AccountId;
import io.tao4j.localnet.node.RpcServer.Client;
import io.tao4j.localnet.node.RpcServer.RpcError;
import io.tao4j.scale.ScaleException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static io.tao4j.localnet.node.RpcServer.JSON;

/**
 * The JSON-RPC method table: method name → handler, registered by namespace ({@code rpc}, {@code system},
 * {@code chain}, {@code state}, {@code author}), each method under its Substrate name and every alias a
 * Substrate node serves for it (polkadot-sdk's {@code sc-rpc-api}: {@code chain_getHead},
 * {@code chain_subscribeNewHead} / {@code subscribe_newHead}, {@code chain_getFinalisedHead}, {@code state_callAt},
 * {@code chain_getRuntimeVersion}, {@code account_nextIndex}, …). Subscription notifications use Substrate's
 * names ({@code chain_newHead}, {@code chain_allHead}, {@code chain_finalizedHead}, {@code state_runtimeVersion},
 * {@code state_storage}, {@code author_extrinsicUpdate}).
 */
final class RpcMethods {
    /** One method: its result for the given params, or an {@link RpcError}. */
    @FunctionalInterface
    interface Handler {
        JsonNode call(ArrayNode params, Client client);
    }

    /** jsonrpsee's code for a refused subscription when the connection already has the maximum. */
    static final int TOO_MANY_SUBSCRIPTIONS = -32006;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final DevNode node;
    private final RuntimeApis apis;
    private final int maxSubscriptionsPerConnection;
    private final AtomicLong subIds = new AtomicLong(1);
    private final Map<String, Handler> table = new LinkedHashMap<>();

    RpcMethods(DevNode node, RuntimeApis apis, int maxSubscriptionsPerConnection) {
        this.node = node;
        this.apis = apis;
        this.maxSubscriptionsPerConnection = maxSubscriptionsPerConnection;
        registerRpc();
        registerSystem();
        registerChain();
        registerState();
        registerAuthor();
        registerPayment();
    }

    /** The handler of {@code method} (a name or an alias), or null. */
    Handler get(String method) {
        return table.get(method);
    }

    /** Every name served, aliases included, sorted (what {@code rpc_methods} lists). */
    List<String> names() {
        return List.copyOf(new TreeSet<>(table.keySet()));
    }

    private void register(String name, Handler h, String... aliases) {
        for (String n : concat(name, aliases)) {
            if (table.putIfAbsent(n, h) != null) {
                throw new IllegalStateException("RPC method registered twice: " + n);
            }
        }
    }

    private static List<String> concat(String first, String... rest) {
        List<String> out = new ArrayList<>(rest.length + 1);
        out.add(first);
        out.addAll(Arrays.asList(rest));
        return out;
    }

    // ------------------------------------------------------------------------------- rpc, system

    private void registerRpc() {
        register("rpc_methods", (p, c) -> {
            ObjectNode o = F.objectNode();
            o.put("version", 1);
            ArrayNode m = o.putArray("methods");
            names().forEach(m::add);
            return o;
        });
    }

    private void registerSystem() {
        register("system_chain", (p, c) -> F.textNode("tao4j localnet"));
        register("system_name", (p, c) -> F.textNode("tao4j-localnet"));
        register("system_version", (p, c) -> F.textNode("0.1.0"));
        register("system_properties", (p, c) -> {
            ObjectNode o = F.objectNode();
            o.put("ss58Format", 42);
            o.put("tokenDecimals", 9);
            o.put("tokenSymbol", "TAO");
            return o;
        });
        register("system_health", (p, c) -> {
            ObjectNode o = F.objectNode();
            o.put("peers", 0);
            o.put("isSyncing", false);
            o.put("shouldHavePeers", false);
            return o;
        });
        register("system_accountNextIndex", (p, c) -> F.numberNode(node.nextIndex(account(p, 0))), "account_nextIndex");
    }

    // ------------------------------------------------------------------------------- chain

    private void registerChain() {
        register("chain_getBlockHash", (p, c) -> blockHash(p), "chain_getHead");
        register("chain_getHeader", (p, c) -> blockAt(p, 0).map(RpcMethods::headerJson).orElse(null));
        register("chain_getBlock", (p, c) -> blockAt(p, 0).map(b -> {
            ObjectNode o = F.objectNode();
            ObjectNode block = o.putObject("block");
            block.set("header", headerJson(b));
            ArrayNode xs = block.putArray("extrinsics");
            b.extrinsics().forEach(x -> xs.add("0x" + Hex.encode(x)));
            o.putNull("justifications");
            return (JsonNode) o;
        }).orElse(null));
        register("chain_getFinalizedHead", (p, c) -> hex(node.finalizedBlock().hash()), "chain_getFinalisedHead");
        register("chain_subscribeNewHeads", (p, c) -> subscribeHeads(c, "chain_newHead", node::onNewHead, node.best()),
                "chain_subscribeNewHead", "subscribe_newHead");
        register("chain_unsubscribeNewHeads", RpcMethods::unsubscribe, "chain_unsubscribeNewHead", "unsubscribe_newHead");
        register("chain_subscribeAllHeads", (p, c) -> subscribeHeads(c, "chain_allHead", node::onNewHead, node.best()));
        register("chain_unsubscribeAllHeads", RpcMethods::unsubscribe);
        register("chain_subscribeFinalizedHeads",
                (p, c) -> subscribeHeads(c, "chain_finalizedHead", node::onFinalized, node.finalizedBlock()),
                "chain_subscribeFinalisedHeads");
        register("chain_unsubscribeFinalizedHeads", RpcMethods::unsubscribe, "chain_unsubscribeFinalisedHeads");
    }

    private JsonNode subscribeHeads(Client client, String notifyMethod, Consumer<Consumer<DevNode.Block>> register,
                                    DevNode.Block current) {
        String id = newSubscription(client);
        Consumer<DevNode.Block> listener = b -> client.notify(notifyMethod, id, headerJson(b));
        client.subscriptions().put(id, () -> node.removeListener(listener));
        register.accept(listener);
        client.later(() -> client.notify(notifyMethod, id, headerJson(current)));
        return F.textNode(id);
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
        return node.block(number).map(b -> hex(b.hash())).orElse(F.nullNode());
    }

    // ------------------------------------------------------------------------------- state

    private void registerState() {
        register("state_getMetadata", (p, c) -> {
            requireState(p, 0);
            return hex(node.metadata().v14Bytes());
        });
        register("state_getRuntimeVersion", (p, c) -> JSON.valueToTree(apis.runtimeVersionJson()), "chain_getRuntimeVersion");
        register("state_subscribeRuntimeVersion", (p, c) -> {
            String id = newSubscription(c);
            c.subscriptions().put(id, () -> { });
            c.later(() -> c.notify("state_runtimeVersion", id, JSON.valueToTree(apis.runtimeVersionJson())));
            return F.textNode(id);
        }, "chain_subscribeRuntimeVersion");
        register("state_unsubscribeRuntimeVersion", RpcMethods::unsubscribe, "chain_unsubscribeRuntimeVersion");
        register("state_getStorage", (p, c) -> {
            NavigableMap<ByteKey, byte[]> st = requireState(p, 1);
            byte[] v = st.get(new ByteKey(bytes(p, 0, "storage key")));
            return v == null ? F.nullNode() : hex(v);
        }, "state_getStorageAt");
        register("state_queryStorageAt", (p, c) -> queryStorageAt(p));
        register("state_getKeysPaged", (p, c) -> keysPaged(p), "state_getKeysPagedAt");
        register("state_call", (p, c) -> call(p), "state_callAt");
        register("state_subscribeStorage", this::subscribeStorage);
        register("state_unsubscribeStorage", RpcMethods::unsubscribe);
    }

    private JsonNode queryStorageAt(ArrayNode p) {
        if (!p.path(0).isArray()) {
            throw RpcError.invalidParams("the first parameter must be an array of storage keys");
        }
        DevNode.Block b = blockAt(p, 1).orElseThrow(() -> RpcError.invalidParams("unknown block hash"));
        NavigableMap<ByteKey, byte[]> st = state(b);
        ArrayNode out = F.arrayNode();
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

    private JsonNode keysPaged(ArrayNode p) {
        byte[] prefix = p.path(0).isNull() || p.path(0).isMissingNode() ? new byte[0] : bytes(p, 0, "prefix");
        int count = p.path(1).asInt(-1);
        if (count < 1 || count > 1000) {
            throw RpcError.invalidParams("count must be 1..1000");
        }
        byte[] start = p.path(2).isTextual() ? Hex.decode(p.get(2).asText()) : null;
        NavigableMap<ByteKey, byte[]> st = requireState(p, 3);
        ArrayNode out = F.arrayNode();
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

    private JsonNode call(ArrayNode p) {
        String m = p.path(0).asText("");
        byte[] data = p.path(1).isTextual() ? Hex.decode(p.get(1).asText()) : new byte[0];
        DevNode.Block b = blockAt(p, 2).orElseThrow(() -> RpcError.invalidParams("unknown block hash"));
        if (b.number() != node.best().number()) {
            state(b); // past blocks: runtime APIs answer from the current state only if the block is still kept
        }
        try {
            return hex(node.withRuntime(rt -> apis.call(m, data, rt, node)));
        } catch (IllegalArgumentException | ScaleException e) {
            throw new RpcError(4003, "Client error: Execution failed", e.getMessage());
        }
    }

    /**
     * {@code state_subscribeStorage(keys)}: the current values at once, then after every block the
     * keys whose value changed ({@code state_storage} notifications with {@code block} and {@code changes}).
     */
    private JsonNode subscribeStorage(ArrayNode p, Client client) {
        if (!client.canSubscribe()) {
            throw noSubscriptions();
        }
        if (!p.path(0).isArray() || p.get(0).isEmpty()) {
            throw RpcError.invalidParams("state_subscribeStorage needs a non-empty array of storage keys");
        }
        List<ByteKey> keys = new ArrayList<>();
        for (JsonNode k : p.get(0)) {
            keys.add(new ByteKey(Hex.decode(k.asText())));
        }
        String id = newSubscription(client);
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
        return F.textNode(id);
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
            if (all || prev == null || !Arrays.equals(prev, cur)) {
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

    // ------------------------------------------------------------------------------- author

    private void registerAuthor() {
        register("author_submitExtrinsic", (p, c) -> hex(node.submit(bytes(p, 0, "extrinsic"), null)));
        register("author_submitAndWatchExtrinsic", this::submitAndWatch);
        register("author_unwatchExtrinsic", RpcMethods::unsubscribe);
        register("author_pendingExtrinsics", (p, c) -> F.arrayNode());
    }

    /**
     * {@code payment_queryInfo(extrinsic[, at])}: the fee the node charges for these extrinsic bytes (the same rule as
     * {@code TransactionPaymentApi_query_info}), in Substrate's JSON shape ({@code partialFee} as a decimal string).
     */
    private void registerPayment() {
        register("payment_queryInfo", (p, c) -> {
            byte[] xt = bytes(p, 0, "extrinsic");
            blockAt(p, 1).orElseThrow(() -> RpcError.invalidParams("unknown block hash"));
            ObjectNode o = F.objectNode();
            ObjectNode w = o.putObject("weight");
            w.put("ref_time", 100_000_000L);
            w.put("proof_size", 4_000L);
            o.put("class", "normal");
            o.put("partialFee", Long.toString(node.queryFee(xt)));
            return o;
        });
    }

    private JsonNode submitAndWatch(ArrayNode p, Client client) {
        String id = newSubscription(client);
        client.subscriptions().put(id, () -> { });
        node.submit(bytes(p, 0, "extrinsic"), new DevNode.TxWatcher() {
            public void ready() {
                client.notify("author_extrinsicUpdate", id, F.textNode("ready"));
            }

            public void inBlock(byte[] h) {
                client.notify("author_extrinsicUpdate", id, F.objectNode().put("inBlock", "0x" + Hex.encode(h)));
            }

            public void finalized(byte[] h) {
                client.notify("author_extrinsicUpdate", id, F.objectNode().put("finalized", "0x" + Hex.encode(h)));
                client.subscriptions().remove(id);
            }

            public void invalid(String reason) {
                client.notify("author_extrinsicUpdate", id, F.textNode("invalid"));
                client.subscriptions().remove(id);
            }
        });
        return F.textNode(id);
    }

    // ------------------------------------------------------------------------------- subscriptions

    /**
     * A new subscription id for {@code client}: refused on HTTP (-32601, as a Substrate node does) and when the
     * connection already holds {@code maxSubscriptionsPerConnection} (jsonrpsee's -32006).
     */
    private String newSubscription(Client client) {
        if (!client.canSubscribe()) {
            throw noSubscriptions();
        }
        int held = client.subscriptions().size();
        if (held >= maxSubscriptionsPerConnection) {
            RpcServer.log.warn("rpc: refused a subscription: the connection already holds {} (limit {})",
                    held, maxSubscriptionsPerConnection);
            throw new RpcError(TOO_MANY_SUBSCRIPTIONS, "Too many subscriptions on the connection",
                    "Exceeded max limit of " + maxSubscriptionsPerConnection);
        }
        return String.valueOf(subIds.getAndIncrement());
    }

    private static RpcError noSubscriptions() {
        return new RpcError(-32601, "Method not found", "subscriptions need a WebSocket connection");
    }

    private static JsonNode unsubscribe(ArrayNode p, Client client) {
        Runnable r = client.subscriptions().remove(p.path(0).asText());
        if (r != null) {
            r.run();
        }
        return F.booleanNode(r != null);
    }

    // ------------------------------------------------------------------------------- helpers

    /** The block named by the hash at {@code index} (best if absent or null). */
    private Optional<DevNode.Block> blockAt(ArrayNode p, int index) {
        JsonNode n = p.path(index);
        if (n.isMissingNode() || n.isNull()) {
            return Optional.of(node.best());
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

    private static ObjectNode headerJson(DevNode.Block b) {
        ObjectNode h = JSON.createObjectNode();
        h.put("parentHash", "0x" + Hex.encode(b.parentHash()));
        h.put("number", "0x" + Long.toHexString(b.number()));
        h.put("stateRoot", "0x" + Hex.encode(b.stateRoot()));
        h.put("extrinsicsRoot", "0x" + Hex.encode(b.extrinsicsRoot()));
        h.putObject("digest").putArray("logs");
        return h;
    }

    private static JsonNode hex(byte[] b) {
        return F.textNode("0x" + Hex.encode(b));
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
}
