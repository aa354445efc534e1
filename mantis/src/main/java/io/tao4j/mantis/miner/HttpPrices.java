package io.tao4j.mantis.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.JsonHttp;
import io.tao4j.mantis.model.PriceHistory;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Price sources over HTTP: a price-history service, or the latest-prices feed sampled once per cycle. */
public final class HttpPrices {

    private HttpPrices() {
    }

    /**
     * A history service in the local network's shape ({@code GET <url>?n=N} →
     * {@code {"blocks":[…],"prices":{…}}}), asked for the last {@code n} steps each time.
     */
    public static PriceSource history(String url, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("history length must be at least 2, got " + n);
        }
        URI uri = URI.create(url + (url.contains("?") ? "&" : "?") + "n=" + n);
        return () -> {
            try {
                return PriceHistory.fromHistoryJson(JsonHttp.get(uri));
            } catch (IllegalArgumentException e) {
                throw new IOException(uri + ": " + e.getMessage(), e);
            }
        };
    }

    /**
     * The latest-prices feed MANTIS validators read ({@code {"prices":{"ETH":…,…}}}, e.g. config.py's
     * PRICE_DATA_URL), fetched on every call and accumulated in memory: the history grows by one step per
     * call (at most {@code maxSteps}), each step taken as {@code blocksPerStep} blocks (the cycle interval
     * over 12 s). It starts empty, so the baseline is uninformed for its first cycles.
     */
    public static PriceSource sampledLatest(String url, int blocksPerStep, int maxSteps) {
        URI uri = URI.create(url);
        Map<String, Deque<Double>> kept = new LinkedHashMap<>();
        return () -> {
            JsonNode prices = JsonHttp.get(uri).path("prices");
            if (!prices.isObject()) {
                throw new IOException(uri + " has no \"prices\" object");
            }
            synchronized (kept) {
                Map<String, Double> now = new HashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = prices.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    double v = e.getValue().isNumber() ? e.getValue().doubleValue() : Double.NaN;
                    if (v > 0 && Double.isFinite(v)) {
                        now.put(e.getKey(), v);
                    }
                }
                for (Map.Entry<String, Double> e : now.entrySet()) {
                    Deque<Double> d = kept.computeIfAbsent(e.getKey(), k -> new ArrayDeque<>());
                    d.addLast(e.getValue());
                    while (d.size() > maxSteps) {
                        d.removeFirst();
                    }
                }
                // an asset missing from this answer starts over, so that series stay aligned in time
                kept.keySet().removeIf(k -> !now.containsKey(k));
                Map<String, double[]> out = new LinkedHashMap<>();
                kept.forEach((k, d) -> out.put(k, d.stream().mapToDouble(Double::doubleValue).toArray()));
                return new PriceHistory(blocksPerStep, -1, out);
            }
        };
    }
}
