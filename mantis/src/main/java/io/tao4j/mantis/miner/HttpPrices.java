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
        return history(url, n, 1);
    }

    /** Fewest entries a spaced answer must have before it is used instead of a per-block one. */
    static final int MIN_SPACED_ENTRIES = 256;
    /** Most per-block entries asked for when a spaced answer is too short. */
    static final int MAX_PER_BLOCK = 4096;

    /**
     * The same, asking for {@code n} entries {@code every} blocks apart ({@code GET <url>?n=N&every=K}; the local
     * feed keeps 36 000 blocks, so {@code n = 2880, every = 10} covers MULTI-BREAKOUT's 4-day range). While the
     * service's history is young (fewer than {@value #MIN_SPACED_ENTRIES} spaced entries), the last
     * {@code min(n·every, 4096)} blocks are read one per block instead, so the models are informed from the first
     * minute. A service that ignores {@code every} answers per block; the history's step is read from the answer's
     * blocks either way.
     */
    public static PriceSource history(String url, int n, int every) {
        if (n < 2) {
            throw new IllegalArgumentException("history length must be at least 2, got " + n);
        }
        if (every < 1) {
            throw new IllegalArgumentException("history spacing must be at least 1 block, got " + every);
        }
        String sep = url.contains("?") ? "&" : "?";
        URI uri = URI.create(url + sep + "n=" + n + (every == 1 ? "" : "&every=" + every));
        URI perBlock = URI.create(url + sep + "n=" + (int) Math.min((long) n * every, MAX_PER_BLOCK));
        return () -> {
            try {
                PriceHistory h = PriceHistory.fromHistoryJson(JsonHttp.get(uri));
                if (every > 1 && h.blocksPerStep() == every && longest(h) < MIN_SPACED_ENTRIES) {
                    return PriceHistory.fromHistoryJson(JsonHttp.get(perBlock));
                }
                return h;
            } catch (IllegalArgumentException e) {
                throw new IOException(uri + ": " + e.getMessage(), e);
            }
        };
    }

    private static int longest(PriceHistory h) {
        int m = 0;
        for (double[] p : h.prices().values()) {
            m = Math.max(m, p.length);
        }
        return m;
    }

    /**
     * The latest-prices feed MANTIS validators read ({@code {"prices":{"ETH":…,…},"funding_rates":{"BTC":…,…}}},
     * e.g. config.py's PRICE_DATA_URL — on finney there is no history service, so this is what a miner uses),
     * fetched on every call and accumulated in memory: the history of every price and funding rate grows by one
     * step per call (at most {@code maxSteps}), each step taken as {@code blocksPerStep} blocks (the cycle interval
     * over 12 s). It starts empty, so the baseline is uninformed for its first cycles, and the breakout range and
     * funding levels only become meaningful after hours to days of running.
     */
    public static PriceSource sampledLatest(String url, int blocksPerStep, int maxSteps) {
        URI uri = URI.create(url);
        Map<String, Deque<Double>> kept = new LinkedHashMap<>();
        Map<String, Deque<Double>> keptFunding = new LinkedHashMap<>();
        return () -> {
            JsonNode doc = JsonHttp.get(uri);
            JsonNode prices = doc.path("prices");
            if (!prices.isObject()) {
                throw new IOException(uri + " has no \"prices\" object");
            }
            synchronized (kept) {
                Map<String, double[]> out = accumulate(kept, prices, maxSteps, true);
                JsonNode funding = doc.path("funding_rates");
                Map<String, double[]> fr = accumulate(keptFunding, funding.isObject() ? funding : null, maxSteps, false);
                return new PriceHistory(blocksPerStep, -1, out, fr);
            }
        };
    }

    private static Map<String, double[]> accumulate(Map<String, Deque<Double>> kept, JsonNode values, int maxSteps,
                                                    boolean positive) {
        Map<String, Double> now = new HashMap<>();
        if (values != null) {
            Iterator<Map.Entry<String, JsonNode>> it = values.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                double v = e.getValue().isNumber() ? e.getValue().doubleValue() : Double.NaN;
                if (Double.isFinite(v) && (!positive || v > 0)) {
                    now.put(e.getKey(), v);
                }
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
        return out;
    }
}
