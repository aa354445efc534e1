package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest-prices feed MANTIS validators read each sampled block ({@code config.PRICE_DATA_URL}:
 * {@code {"prices":{"ETH":…,…}}}). Non-numeric entries are left out; the loop turns missing ones into 0.
 */
public final class LatestPrices implements ValidatorLoop.Prices {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI uri;
    private final HttpClient http;

    public LatestPrices(URI uri) {
        this.uri = uri;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public Map<String, Double> latest() throws IOException {
        HttpResponse<byte[]> r;
        try {
            r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        if (r.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered HTTP " + r.statusCode());
        }
        JsonNode prices;
        try {
            prices = JSON.readTree(r.body()).path("prices");
        } catch (IOException e) {
            throw new IOException("GET " + uri + " did not return JSON: " + e.getMessage(), e);
        }
        if (!prices.isObject()) {
            throw new IOException(uri + " has no \"prices\" object");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = prices.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNumber()) {
                out.put(e.getKey(), e.getValue().doubleValue());
            }
        }
        return out;
    }
}
