package io.tao4j.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.RuntimeVersion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Typed, blocking wrappers over the Substrate JSON-RPC methods the neurons use (method names and
 * shapes: shared spec subtensor.md §8). Data ("0x" hex) comes back as bytes; block hashes stay
 * "0x…" strings because they are passed back into later calls. A {@code null} block hash means "best
 * block". Every method throws {@link RpcException} (node error, timeout, connection loss, or a result
 * whose shape is not what the method returns).
 */
public final class SubstrateRpc {
    /** state_getKeysPaged refuses more than this many keys per page. */
    public static final int MAX_KEYS_PER_PAGE = 1000;

    private final RpcClient rpc;
    private final Duration timeout;

    /** Uses the client's own default timeout for every call. */
    public SubstrateRpc(RpcClient rpc) {
        this(rpc, null);
    }

    /** @param timeout per-call timeout, or null for the client's default */
    public SubstrateRpc(RpcClient rpc, Duration timeout) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.timeout = timeout;
    }

    public RpcClient client() {
        return rpc;
    }

    /** One raw call, blocking. */
    public JsonNode call(String method, Object... params) {
        List<Object> p = Collections.unmodifiableList(Arrays.asList(params));
        return WsRpcClient.await(timeout == null ? rpc.call(method, p) : rpc.call(method, p, timeout));
    }

    // ------------------------------------------------------------------------------------------------ chain

    /** {@code chain_getHeader}; null if the node does not know the block. */
    public Header chainGetHeader(String blockHash) {
        JsonNode r = call("chain_getHeader", blockHash);
        return r == null || r.isNull() ? null : Header.parse(r);
    }

    /** {@code chain_getBlockHash}; the best block for null, null for an unknown height. */
    public String chainGetBlockHash(Long number) {
        JsonNode r = number == null ? call("chain_getBlockHash") : call("chain_getBlockHash", number);
        return r == null || r.isNull() ? null : hash(r, "chain_getBlockHash");
    }

    /** {@code chain_getFinalizedHead}. */
    public String chainGetFinalizedHead() {
        return hash(call("chain_getFinalizedHead"), "chain_getFinalizedHead");
    }

    /** {@code chain_getBlock}; null if unknown. Extrinsics keep their length prefix, as the node sends them. */
    public Block chainGetBlock(String blockHash) {
        JsonNode r = call("chain_getBlock", blockHash);
        if (r == null || r.isNull()) {
            return null;
        }
        JsonNode block = r.get("block");
        if (block == null || !block.isObject() || !block.path("extrinsics").isArray()) {
            throw shape("chain_getBlock", "{block: {header, extrinsics}}", r);
        }
        List<byte[]> xts = new ArrayList<>();
        for (JsonNode x : block.get("extrinsics")) {
            xts.add(RpcHex.decode(x.asText(null), "chain_getBlock extrinsic"));
        }
        return new Block(Header.parse(block.get("header")), List.copyOf(xts));
    }

    /** The best block's number (chain_getHeader with no hash). */
    public long bestBlockNumber() {
        Header h = chainGetHeader(null);
        if (h == null) {
            throw new RpcException("chain_getHeader: node returned no best header", 0, null);
        }
        return h.number();
    }

    /** {@code chain_subscribeNewHeads}; survives reconnects when the client is a {@link WsRpcClient}. */
    public RpcClient.Subscription subscribeNewHeads(Consumer<Header> onHeader) {
        return rpc.subscribe("chain_subscribeNewHeads", List.of(), "chain_unsubscribeNewHeads", n -> onHeader.accept(Header.parse(n)));
    }

    /** {@code chain_subscribeFinalizedHeads}. */
    public RpcClient.Subscription subscribeFinalizedHeads(Consumer<Header> onHeader) {
        return rpc.subscribe("chain_subscribeFinalizedHeads", List.of(), "chain_unsubscribeFinalizedHeads", n -> onHeader.accept(Header.parse(n)));
    }

    // ------------------------------------------------------------------------------------------------ state

    /** {@code state_getStorage}: the raw value, or null if the key has no value. */
    public byte[] stateGetStorage(String keyHex, String atHash) {
        JsonNode r = call("state_getStorage", keyHex, atHash);
        return r == null || r.isNull() ? null : RpcHex.decode(text(r, "state_getStorage"), "state_getStorage result");
    }

    public byte[] stateGetStorage(byte[] key, String atHash) {
        return stateGetStorage(RpcHex.encode(key), atHash);
    }

    /**
     * {@code state_queryStorageAt}: the values of {@code keys} at one block. The map has one entry per key
     * in request order ("0x" lower-case key → value, null when absent).
     */
    public StorageAt stateQueryStorageAt(List<String> keys, String atHash) {
        JsonNode r = call("state_queryStorageAt", keys, atHash);
        if (r == null || !r.isArray()) {
            throw shape("state_queryStorageAt", "[{block, changes}]", r);
        }
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (String k : keys) {
            values.put(k.toLowerCase(), null);
        }
        String block = atHash;
        for (JsonNode set : r) {
            if (!set.path("changes").isArray()) {
                throw shape("state_queryStorageAt", "[{block, changes}]", r);
            }
            if (set.hasNonNull("block")) {
                block = set.get("block").asText();
            }
            for (JsonNode change : set.get("changes")) {
                if (!change.isArray() || change.size() != 2) {
                    throw shape("state_queryStorageAt", "changes as [key, value] pairs", change);
                }
                String key = change.get(0).asText().toLowerCase();
                JsonNode v = change.get(1);
                values.put(key, v.isNull() ? null : RpcHex.decode(v.asText(), "state_queryStorageAt value of " + key));
            }
        }
        return new StorageAt(block, Collections.unmodifiableMap(values));
    }

    /** {@code state_getKeysPaged}: up to {@code count} (1..1000) keys under {@code prefix} after {@code startKey}. */
    public List<String> stateGetKeysPaged(String prefixHex, int count, String startKey, String atHash) {
        if (count < 1 || count > MAX_KEYS_PER_PAGE) {
            throw new IllegalArgumentException("count must be 1.." + MAX_KEYS_PER_PAGE + ", got " + count);
        }
        JsonNode r = call("state_getKeysPaged", prefixHex, count, startKey, atHash);
        if (r == null || !r.isArray()) {
            throw shape("state_getKeysPaged", "[keys]", r);
        }
        List<String> keys = new ArrayList<>(r.size());
        r.forEach(k -> keys.add(text(k, "state_getKeysPaged key")));
        return List.copyOf(keys);
    }

    /** {@code state_getMetadata}: the SCALE metadata blob ("meta" magic + version + …). */
    public byte[] stateGetMetadata(String atHash) {
        return RpcHex.decode(text(call("state_getMetadata", atHash), "state_getMetadata"), "state_getMetadata result");
    }

    /** {@code state_getRuntimeVersion} at a block (null = best). */
    public RuntimeVersion stateGetRuntimeVersion(String atHash) {
        return RuntimeVersion.parse(call("state_getRuntimeVersion", atHash));
    }

    /**
     * {@code state_subscribeRuntimeVersion}: the node sends the current version at once and again after every runtime
     * upgrade. Over a transport without subscriptions (HTTP) this throws {@link RpcException}.
     */
    public RpcClient.Subscription subscribeRuntimeVersion(Consumer<RuntimeVersion> onVersion, Consumer<RpcException> onError) {
        return rpc.subscribe("state_subscribeRuntimeVersion", List.of(), "state_unsubscribeRuntimeVersion", n -> {
            RuntimeVersion v;
            try {
                v = RuntimeVersion.parse(n);
            } catch (RuntimeException e) {
                onError.accept(e instanceof RpcException re ? re : new RpcException("state_subscribeRuntimeVersion: " + e.getMessage(), e));
                return;
            }
            onVersion.accept(v);
        }, onError);
    }

    public RuntimeVersion stateGetRuntimeVersion() {
        return stateGetRuntimeVersion(null);
    }

    /** {@code state_call}: runs a runtime API ({@code "Api_method"}) with SCALE input; returns the SCALE output. */
    public byte[] stateCall(String method, byte[] data, String atHash) {
        return stateCall(method, RpcHex.encode(data), atHash);
    }

    public byte[] stateCall(String method, String dataHex, String atHash) {
        return RpcHex.decode(text(call("state_call", method, dataHex, atHash), "state_call " + method), "state_call " + method + " result");
    }

    // ------------------------------------------------------------------------------------------------ system, author

    /** {@code system_accountNextIndex}: the next nonce, counting transactions in the pool. */
    public long systemAccountNextIndex(String ss58) {
        JsonNode r = call("system_accountNextIndex", ss58);
        if (r == null || !r.canConvertToLong() || !r.isIntegralNumber()) {
            throw shape("system_accountNextIndex", "a number", r);
        }
        return r.asLong();
    }

    /** {@code system_chain}, e.g. "Bittensor". */
    public String systemChain() {
        return text(call("system_chain"), "system_chain");
    }

    /** {@code system_properties}. */
    public SystemProperties systemProperties() {
        return SystemProperties.parse(call("system_properties"));
    }

    /** {@code author_submitExtrinsic}: returns the extrinsic hash. Pool rejections come back as RpcException 1010 etc. */
    public String authorSubmitExtrinsic(String extrinsicHex) {
        return hash(call("author_submitExtrinsic", extrinsicHex), "author_submitExtrinsic");
    }

    public String authorSubmitExtrinsic(byte[] extrinsic) {
        return authorSubmitExtrinsic(RpcHex.encode(extrinsic));
    }

    /**
     * {@code author_submitAndWatchExtrinsic}: status updates go to {@code listener} until a final one.
     * A pool rejection throws here (RpcException 1010 …). If the connection drops while watching, the
     * listener's {@link ExtrinsicListener#onError} is called (the extrinsic is not submitted again).
     */
    public RpcClient.Subscription authorSubmitAndWatchExtrinsic(String extrinsicHex, ExtrinsicListener listener) {
        Consumer<JsonNode> onItem = n -> {
            TransactionStatus s;
            try {
                s = TransactionStatus.parse(n);
            } catch (RpcException e) {
                listener.onError(e);
                return;
            }
            listener.onStatus(s);
        };
        return rpc.subscribe("author_submitAndWatchExtrinsic", List.of(extrinsicHex), "author_unwatchExtrinsic", onItem, listener::onError);
    }

    public RpcClient.Subscription authorSubmitAndWatchExtrinsic(byte[] extrinsic, ExtrinsicListener listener) {
        return authorSubmitAndWatchExtrinsic(RpcHex.encode(extrinsic), listener);
    }

    /** Receives the status updates of a watched extrinsic (on the client's notification thread). */
    public interface ExtrinsicListener {
        void onStatus(TransactionStatus status);

        /** The watch ended without a final status (connection lost) or an update could not be parsed. */
        default void onError(RpcException error) {
        }
    }

    // ------------------------------------------------------------------------------------------------ shapes

    private static String text(JsonNode r, String what) {
        if (r == null || !r.isTextual()) {
            throw shape(what, "a string", r);
        }
        return r.asText();
    }

    private static String hash(JsonNode r, String what) {
        String h = text(r, what);
        if (!h.startsWith("0x") || h.length() != 66) {
            throw new RpcException(what + ": expected a 32-byte 0x hash, got " + RpcHex.abbreviate(h), 0, null);
        }
        RpcHex.decode(h, what);
        return h;
    }

    private static RpcException shape(String what, String expected, JsonNode got) {
        return new RpcException(what + ": expected " + expected + ", got " + (got == null ? "nothing" : RpcHex.abbreviate(got.toString())), 0, null);
    }

    /** A block header as the node writes it; {@code number} is parsed from its hex string. */
    public record Header(String parentHash, long number, String stateRoot, String extrinsicsRoot, List<String> digestLogs) {
        public static Header parse(JsonNode h) {
            if (h == null || !h.isObject() || !h.hasNonNull("number") || !h.hasNonNull("parentHash")) {
                throw shape("header", "{parentHash, number, stateRoot, extrinsicsRoot, digest}", h);
            }
            JsonNode n = h.get("number");
            long number = n.isIntegralNumber() ? n.asLong() : RpcHex.parseNumber(n.asText(), "header number");
            List<String> logs = new ArrayList<>();
            h.path("digest").path("logs").forEach(l -> logs.add(l.asText()));
            return new Header(h.get("parentHash").asText(), number, h.path("stateRoot").asText(null),
                    h.path("extrinsicsRoot").asText(null), List.copyOf(logs));
        }
    }

    /** A block from chain_getBlock. */
    public record Block(Header header, List<byte[]> extrinsics) {
    }

    /** The values of a state_queryStorageAt at {@code block}. */
    public record StorageAt(String block, Map<String, byte[]> values) {
        public byte[] get(String keyHex) {
            return values.get(keyHex.toLowerCase());
        }
    }

    /** system_properties. Fields are null when the chain spec does not set them. */
    public record SystemProperties(Integer ss58Format, Integer tokenDecimals, String tokenSymbol, JsonNode raw) {
        public static SystemProperties parse(JsonNode r) {
            if (r == null || !r.isObject()) {
                throw shape("system_properties", "an object", r);
            }
            return new SystemProperties(intOrFirst(r.get("ss58Format")), intOrFirst(r.get("tokenDecimals")),
                    r.hasNonNull("tokenSymbol") ? textOrFirst(r.get("tokenSymbol")) : null, r);
        }

        private static Integer intOrFirst(JsonNode n) {
            if (n == null || n.isNull()) {
                return null;
            }
            JsonNode v = n.isArray() ? n.path(0) : n;
            return v.isIntegralNumber() ? v.asInt() : null;
        }

        private static String textOrFirst(JsonNode n) {
            return n.isArray() ? n.path(0).asText(null) : n.asText();
        }
    }
}
