package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.JsonHttp;

import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest-prices feed MANTIS validators read each sampled block ({@code config.PRICE_DATA_URL}:
 * {@code {"prices":{"ETH":…,…}}}). Non-numeric entries are left out; the loop turns missing ones into 0.
 */
public final class LatestPrices implements PriceFeed {
    /** MANTIS config.py PRICE_DATA_URL. */
    public static final String MANTIS_URL = "https://pub-ba8c1b8edb8046edaccecbd26b5ca7f8.r2.dev/latest_prices.json";
    private final URI uri;

    public LatestPrices(URI uri) {
        this.uri = uri;
    }

    @Override
    public Map<String, Double> latest() throws IOException {
        JsonNode prices = JsonHttp.get(uri).path("prices");
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
