package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.drand.ChainInfo;
import io.tao4j.mantis.JsonHttp;
import io.tao4j.mantis.miner.LocalnetDiscovery;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a validator takes from a tao4j local network's discovery document: the drand beacon (base URL and
 * chain, public key included), the latest-prices feed and the hosts payloads may be downloaded from
 * ({@code allowed_payload_hosts}, besides R2) and its block time (for aiming timelocked weight commits at the
 * reveal epoch). The drand and price parts are read by the miner's
 * {@link LocalnetDiscovery}.
 */
public record LocalnetDefaults(String drandBaseUrl, ChainInfo drand, String priceUrl, Set<String> allowedHosts, double blockTimeSeconds) {

    /** @throws IllegalArgumentException naming the missing or bad field */
    public static LocalnetDefaults parse(JsonNode doc) {
        LocalnetDiscovery d = LocalnetDiscovery.parse(doc);
        JsonNode hosts = doc.path("allowed_payload_hosts");
        if (!hosts.isArray() || hosts.isEmpty()) {
            throw new IllegalArgumentException("discovery document has no allowed_payload_hosts list");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode h : hosts) {
            if (!h.isTextual() || h.asText().isBlank()) {
                throw new IllegalArgumentException("discovery document's allowed_payload_hosts holds a non-text entry: " + h);
            }
            out.add(h.asText());
        }
        JsonNode bt = doc.path("block_time_ms");
        if (!bt.canConvertToLong() || bt.asLong() <= 0 || bt.asLong() > 600_000) {
            throw new IllegalArgumentException("discovery document has no valid block_time_ms (got " + bt + ")");
        }
        return new LocalnetDefaults(d.drandBaseUrl(), d.drand(), d.priceUrl(), Set.copyOf(out), bt.asLong() / 1000.0);
    }

    /** Fetches and parses the document. @throws IOException naming the URL when it cannot */
    public static LocalnetDefaults fetch(URI document) throws IOException {
        JsonNode doc = JsonHttp.get(document);
        try {
            return parse(doc);
        } catch (IllegalArgumentException e) {
            throw new IOException(document + ": " + e.getMessage(), e);
        }
    }
}
