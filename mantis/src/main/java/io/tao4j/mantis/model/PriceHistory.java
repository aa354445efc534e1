package io.tao4j.mantis.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recent prices of the assets MANTIS forecasts: one series per price key ({@code ETH}, {@code BTC},
 * {@code CADUSD}, …), oldest first, one price per step of {@code blocksPerStep} chain blocks, the last
 * one taken at block {@code lastBlock} (−1 when unknown). All series end at the same step; they may have
 * different lengths (an asset added later has a shorter history).
 */
public record PriceHistory(int blocksPerStep, long lastBlock, Map<String, double[]> prices) {

    public PriceHistory {
        if (blocksPerStep < 1) {
            throw new IllegalArgumentException("blocksPerStep must be at least 1, got " + blocksPerStep);
        }
        if (prices == null) {
            throw new IllegalArgumentException("prices is null");
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : prices.entrySet()) {
            double[] p = e.getValue();
            if (e.getKey() == null || p == null) {
                throw new IllegalArgumentException("null price key or series");
            }
            for (int i = 0; i < p.length; i++) {
                if (!(p[i] > 0) || Double.isInfinite(p[i])) {
                    throw new IllegalArgumentException("price " + e.getKey() + "[" + i + "] is not a positive finite number: " + p[i]);
                }
            }
            copy.put(e.getKey(), p.clone());
        }
        prices = java.util.Collections.unmodifiableMap(copy);
    }

    /** A history with no prices at all (models then give their uninformed answer). */
    public static PriceHistory empty() {
        return new PriceHistory(1, -1, Map.of());
    }

    /** The series of {@code priceKey} (a copy), if present. */
    public Optional<double[]> series(String priceKey) {
        double[] p = prices.get(priceKey);
        return p == null ? Optional.empty() : Optional.of(p.clone());
    }

    /** Number of prices of {@code priceKey} (0 when absent). */
    public int length(String priceKey) {
        double[] p = prices.get(priceKey);
        return p == null ? 0 : p.length;
    }

    /**
     * Parses the price-history document ({@code {"blocks":[…],"prices":{"ETH":[…],…}}}, oldest first, one
     * price per listed block — the local network's {@code /price_history.json}). The step is the smallest
     * positive gap between consecutive blocks (1 when fewer than two blocks are listed). Non-numeric,
     * non-positive or missing prices make a series shorter: only the run after the last bad value is kept.
     *
     * @throws IllegalArgumentException naming what is wrong when the document does not have that shape
     */
    public static PriceHistory fromHistoryJson(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("price history is not a JSON object");
        }
        JsonNode prices = doc.get("prices");
        if (prices == null || !prices.isObject()) {
            throw new IllegalArgumentException("price history has no \"prices\" object");
        }
        JsonNode blocks = doc.path("blocks");
        int step = 1;
        long last = -1;
        if (blocks.isArray() && blocks.size() > 0) {
            last = blocks.get(blocks.size() - 1).asLong(-1);
            long best = Long.MAX_VALUE;
            for (int i = 1; i < blocks.size(); i++) {
                long gap = blocks.get(i).asLong() - blocks.get(i - 1).asLong();
                if (gap > 0 && gap < best) {
                    best = gap;
                }
            }
            if (best != Long.MAX_VALUE && best <= Integer.MAX_VALUE) {
                step = (int) best;
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = prices.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode arr = e.getValue();
            if (!arr.isArray()) {
                throw new IllegalArgumentException("price history: prices." + e.getKey() + " is not an array");
            }
            double[] p = new double[arr.size()];
            int start = 0;
            for (int i = 0; i < arr.size(); i++) {
                JsonNode x = arr.get(i);
                double v = x.isNumber() ? x.doubleValue() : Double.NaN;
                if (!(v > 0) || Double.isInfinite(v)) {
                    start = i + 1;
                }
                p[i] = v;
            }
            out.put(e.getKey(), Arrays.copyOfRange(p, start, p.length));
        }
        return new PriceHistory(step, last, out);
    }
}
