package io.tao4j.chain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.chain.OfflineClient;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.Values;
import io.tao4j.crypto.Hex;
import io.tao4j.scale.metadata.Metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A scripted node for tests of callers: storage is a sorted map of key → value whose entries are written with
 * the real metadata (keys from the storage codec, values encoded by their metadata types); it answers the storage,
 * header, nonce and block calls, and {@code author_submitAndWatchExtrinsic} with scripted statuses, then serves a
 * block containing the submitted extrinsic and the scripted events.
 */
public final class FakeNode extends ScriptedRpcClient {
    public static final String HEAD = "0x" + "11".repeat(32);
    public static final String INCLUDED = "0x" + "22".repeat(32);

    private final Metadata md;
    private final OfflineClient codec;
    private final TreeMap<String, String> storage = new TreeMap<>();
    public long bestBlock = 1000;
    public long nonce = 5;
    public final List<String> submitted = new ArrayList<>();

    public FakeNode(Metadata md, byte[] genesis, long spec) {
        this.md = md;
        this.codec = new OfflineClient(md, genesis, new RuntimeVersion(spec, 1));
        on("chain_getHeader", p -> header(bestBlock));
        on("chain_getFinalizedHead", p -> JSON.getNodeFactory().textNode(HEAD));
        on("chain_getBlockHash", p -> JSON.getNodeFactory().textNode(p.isEmpty() || p.get(0) == null ? HEAD
                : "0x" + String.format("%064x", ((Number) p.get(0)).longValue())));
        on("state_getRuntimeVersion", p -> JSON.createObjectNode().put("specName", "node-subtensor")
                .put("specVersion", spec).put("transactionVersion", 1));
        on("system_accountNextIndex", p -> JSON.getNodeFactory().numberNode(nonce));
        on("state_getStorage", p -> {
            String v = storage.get(((String) p.get(0)).toLowerCase());
            return v == null ? JSON.nullNode() : JSON.getNodeFactory().textNode(v);
        });
        on("state_queryStorageAt", p -> {
            ArrayNode changes = JSON.createArrayNode();
            for (Object k : (List<?>) p.get(0)) {
                String v = storage.get(((String) k).toLowerCase());
                ArrayNode pair = changes.addArray();
                pair.add((String) k);
                if (v == null) {
                    pair.addNull();
                } else {
                    pair.add(v);
                }
            }
            ArrayNode out = JSON.createArrayNode();
            ObjectNode set = out.addObject();
            set.put("block", HEAD);
            set.set("changes", changes);
            return out;
        });
        on("state_getKeysPaged", p -> {
            String prefix = ((String) p.get(0)).toLowerCase();
            int count = ((Number) p.get(1)).intValue();
            String start = p.size() > 2 && p.get(2) != null ? ((String) p.get(2)).toLowerCase() : prefix;
            ArrayNode out = JSON.createArrayNode();
            for (String k : storage.tailMap(start, false).keySet()) {
                if (!k.startsWith(prefix) || out.size() >= count) {
                    break;
                }
                out.add(k);
            }
            return out;
        });
    }

    public OfflineClient codec() {
        return codec;
    }

    /** Stores {@code value} (encoded with the item's value type) under {@code Pallet.Item(keys)}. */
    public FakeNode put(String pallet, String item, List<?> keys, Object value) {
        byte[] key = codec.storageKey(pallet, item, keys);
        int type = codec.storage().entry(pallet, item).valueType();
        storage.put(Hex.encode0x(key), Hex.encode0x(Values.encode(md.types(), type, value, item)));
        return this;
    }

    public JsonNode header(long number) {
        ObjectNode h = JSON.createObjectNode().put("parentHash", "0x" + "00".repeat(32)).put("number", "0x" + Long.toHexString(number))
                .put("stateRoot", "0x" + "00".repeat(32)).put("extrinsicsRoot", "0x" + "00".repeat(32));
        h.putObject("digest").putArray("logs");
        return h;
    }

    /**
     * Accept submissions: statuses to send, and the events the included block will have for extrinsic index 1
     * (built by {@code events.apply(index)} as System.Events records).
     */
    public FakeNode accept(List<String> statusesJson, Function<Integer, List<Object>> events) {
        onSubscribe("author_submitAndWatchExtrinsic", p -> {
            submitted.add((String) p.get(0));
            ObjectNode block = JSON.createObjectNode();
            ObjectNode b = block.putObject("block");
            b.set("header", header(bestBlock));
            b.putArray("extrinsics").add("0x280401000b50e6c4a69201").add((String) p.get(0));
            on("chain_getBlock", q -> block);
            int type = md.storage("System", "Events").valueType();
            String evKey = Hex.encode0x(codec.storageKey("System", "Events", List.of()));
            storage.put(evKey, Hex.encode0x(Values.encode(md.types(), type, events.apply(1), "events")));
            List<JsonNode> out = new ArrayList<>();
            for (String s : statusesJson) {
                try {
                    out.add(JSON.readTree(s));
                } catch (Exception e) {
                    throw new IllegalArgumentException(e);
                }
            }
            return out;
        });
        return this;
    }

    public static Map<String, Object> dispatchInfo() {
        return Map.of("weight", Map.of("ref_time", 1000, "proof_size", 0), "class", "Normal", "pays_fee", "No");
    }

    public static Object success(int index) {
        return Map.of("phase", Map.of("ApplyExtrinsic", index), "event",
                Map.of("System", Map.of("ExtrinsicSuccess", Map.of("dispatch_info", dispatchInfo()))), "topics", List.of());
    }

    public static Object failedModule(int index, int pallet, int error) {
        return Map.of("phase", Map.of("ApplyExtrinsic", index), "event",
                Map.of("System", Map.of("ExtrinsicFailed", Map.of("dispatch_error",
                        Map.of("Module", Map.of("index", pallet, "error", String.format("0x%02x000000", error))),
                        "dispatch_info", dispatchInfo()))), "topics", List.of());
    }
}
