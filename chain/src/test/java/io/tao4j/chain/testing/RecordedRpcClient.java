package io.tao4j.chain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tao4j.chain.rpc.RpcException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Answers from one section of the finney recording in {@code fixtures/rpc/recorded_rpc_bittensor_tests.json}
 * (request → response pairs captured by the Python SDK's integration tests). Requests are matched on the method
 * (with the usual aliases) and the params, ignoring trailing nulls, a missing "0x" and hex case. An unrecorded
 * request fails like a node error, so a test shows exactly which query differs from the SDK's.
 */
public final class RecordedRpcClient extends ScriptedRpcClient {
    private final Map<String, JsonNode> answers = new HashMap<>();

    public RecordedRpcClient(Path recording, String section) throws IOException {
        JsonNode root = JSON.readTree(recording.toFile());
        JsonNode sec = root.get(section);
        if (sec == null) {
            throw new IllegalArgumentException("no section " + section + " in " + recording);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = sec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            String method = canonical(m.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> p = m.getValue().fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> e = p.next();
                JsonNode params = JSON.readTree(e.getKey());
                answers.put(key(method, params), e.getValue().get("result"));
            }
        }
    }

    public static Path defaultRecording() {
        return Path.of(System.getProperty("tao4j.shared"), "fixtures", "rpc", "recorded_rpc_bittensor_tests.json");
    }

    private static String canonical(String method) {
        return switch (method) {
            case "state_getStorage" -> "state_getStorageAt";
            case "chain_getHead" -> "chain_getBlockHash";
            case "account_nextIndex" -> "system_accountNextIndex";
            default -> method;
        };
    }

    private static String key(String method, JsonNode params) {
        List<String> parts = new ArrayList<>();
        if (params instanceof ArrayNode a) {
            for (JsonNode p : a) {
                parts.add(norm(p));
            }
        }
        while (!parts.isEmpty() && parts.get(parts.size() - 1).equals("null")) {
            parts.remove(parts.size() - 1);
        }
        return method + parts;
    }

    private static String norm(JsonNode p) {
        if (p == null || p.isNull()) {
            return "null";
        }
        if (p.isTextual()) {
            String s = p.asText().toLowerCase();
            return s.startsWith("0x") ? s.substring(2) : s;
        }
        if (p.isArray()) {
            List<String> l = new ArrayList<>();
            p.forEach(x -> l.add(norm(x)));
            return l.toString();
        }
        return p.toString();
    }

    @Override
    protected JsonNode answer(String method, List<?> params) {
        String k = key(canonical(method), JSON.valueToTree(params));
        if (!answers.containsKey(k) && params.size() >= 2 && params.get(params.size() - 1) instanceof String) {
            // the SDK read some items "at best" (null) and others at the head hash it had just fetched; in one
            // recording section both are the same block
            List<Object> atBest = new ArrayList<>(params);
            atBest.set(atBest.size() - 1, null);
            String k2 = key(canonical(method), JSON.valueToTree(atBest));
            if (answers.containsKey(k2)) {
                k = k2;
            }
        }
        if (!answers.containsKey(k)) {
            // let scripted handlers (added with on(...)) answer what the recording lacks
            try {
                return super.answer(method, params);
            } catch (RpcException e) {
                throw new RpcException("not in the recording: " + k, -32601, null);
            }
        }
        JsonNode v = answers.get(k);
        return v == null ? JSON.nullNode() : v;
    }
}
