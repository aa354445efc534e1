package io.tao4j.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.rpc.RpcException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A runtime's version, as {@code state_getRuntimeVersion} and {@code state_subscribeRuntimeVersion} report it. A
 * signed transaction commits to {@code specVersion} and {@code transactionVersion}; an offline client needs only
 * those two ({@link #RuntimeVersion(long, long)}), the other fields are then empty.
 *
 * @param stateVersion null on nodes that do not report it
 * @param apis         runtime API id (hex) → version; empty when unknown
 */
public record RuntimeVersion(String specName, String implName, int authoringVersion, long specVersion, int implVersion,
                             long transactionVersion, Integer stateVersion, Map<String, Integer> apis) {
    public RuntimeVersion {
        if (specVersion < 0 || specVersion > 0xffffffffL || transactionVersion < 0 || transactionVersion > 0xffffffffL) {
            throw new IllegalArgumentException("runtime versions must be u32, got spec " + specVersion
                    + ", transaction " + transactionVersion);
        }
        specName = specName == null ? "" : specName;
        implName = implName == null ? "" : implName;
        apis = apis == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(apis));
    }

    /** Just the two numbers a transaction commits to (offline use). */
    public RuntimeVersion(long specVersion, long transactionVersion) {
        this("", "", 0, specVersion, 0, transactionVersion, null, Map.of());
    }

    /** True when a transaction signed for {@code other} would also be valid for this one (same spec and tx version). */
    public boolean sameVersions(RuntimeVersion other) {
        return other != null && specVersion == other.specVersion && transactionVersion == other.transactionVersion;
    }

    /**
     * Parses the node's JSON ({@code {specName, implName, authoringVersion, specVersion, implVersion, apis,
     * transactionVersion, stateVersion|systemVersion}}).
     *
     * @throws RpcException when the shape is not a runtime version
     */
    public static RuntimeVersion parse(JsonNode r) {
        if (r == null || !r.isObject() || !r.path("specVersion").isIntegralNumber() || !r.path("transactionVersion").isIntegralNumber()) {
            throw new RpcException("state_getRuntimeVersion: expected {specName, specVersion, transactionVersion, …}, got "
                    + (r == null ? "nothing" : abbreviate(r.toString())), 0, null);
        }
        Map<String, Integer> apis = new LinkedHashMap<>();
        for (JsonNode a : r.path("apis")) {
            if (a.isArray() && a.size() == 2) {
                apis.put(a.get(0).asText(), a.get(1).asInt());
            }
        }
        JsonNode sv = r.hasNonNull("stateVersion") ? r.get("stateVersion") : r.get("systemVersion");
        try {
            return new RuntimeVersion(r.path("specName").asText(), r.path("implName").asText(), r.path("authoringVersion").asInt(),
                    r.get("specVersion").asLong(), r.path("implVersion").asInt(), r.get("transactionVersion").asLong(),
                    sv == null || sv.isNull() ? null : sv.asInt(), apis);
        } catch (IllegalArgumentException e) {
            throw new RpcException("state_getRuntimeVersion: " + e.getMessage(), 0, null);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
