package io.tao4j.mantis.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import io.tao4j.drand.ChainInfo;

import java.io.IOException;
import java.net.URI;

/**
 * What a tao4j local network's discovery document ({@code GET /localnet.json} on the node's HTTP port)
 * says a miner needs: the local drand beacon, the payload store and the price feed.
 */
public record LocalnetDiscovery(String drandBaseUrl, ChainInfo drand, String publicBaseUrl, String s3Endpoint, String bucket,
                                String region, String accessKeyId, String secretAccessKey, String priceUrl, String historyUrl) {

    @Override
    public String toString() {
        return "LocalnetDiscovery[drand " + drandBaseUrl + ", store " + s3Endpoint + "/" + bucket + ", prices " + priceUrl + "]";
    }

    /** The document's address for a node endpoint (ws:// or http://, same host and port). */
    public static URI documentFor(URI nodeEndpoint) {
        String scheme = nodeEndpoint.getScheme().equals("wss") || nodeEndpoint.getScheme().equals("https") ? "https" : "http";
        int port = nodeEndpoint.getPort();
        return URI.create(scheme + "://" + nodeEndpoint.getHost() + (port > 0 ? ":" + port : "") + "/localnet.json");
    }

    /** Fetches and parses the document. @throws IOException naming the URL when it cannot */
    public static LocalnetDiscovery fetch(URI document) throws IOException {
        try {
            return parse(io.tao4j.mantis.JsonHttp.get(document));
        } catch (IllegalArgumentException e) {
            throw new IOException(document + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the missing or bad field */
    public static LocalnetDiscovery parse(JsonNode d) {
        JsonNode drand = d.path("drand");
        JsonNode store = d.path("payload_store");
        JsonNode prices = d.path("price_feed");
        ChainInfo chain = new ChainInfo(text(drand, "drand.beacon_id", "beacon_id"),
                Hex.decode(text(drand, "drand.public_key", "public_key")), drand.path("period").asInt(0),
                drand.path("genesis_time").asLong(), null,
                drand.hasNonNull("chain_hash") ? Hex.decode(drand.get("chain_hash").asText()) : null,
                text(drand, "drand.scheme", "scheme"));
        return new LocalnetDiscovery(text(drand, "drand.base_url", "base_url"), chain,
                text(store, "payload_store.public_base_url", "public_base_url"), text(store, "payload_store.s3_endpoint", "s3_endpoint"),
                text(store, "payload_store.bucket", "bucket"), store.path("region").asText("auto"),
                text(store, "payload_store.access_key_id", "access_key_id"),
                text(store, "payload_store.secret_access_key", "secret_access_key"),
                text(prices, "price_feed.url", "url"), text(prices, "price_feed.history_url", "history_url"));
    }

    private static String text(JsonNode n, String name, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("discovery document has no " + name);
        }
        return v.asText();
    }
}
