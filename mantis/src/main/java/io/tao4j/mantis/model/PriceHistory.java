package io.tao4j.mantis.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * Recent prices of the assets MANTIS forecasts: one series per price key ({@code ETH}, {@code BTC},
 * {@code CADUSD}, …), oldest first, one price per step of {@code blocksPerStep} chain blocks, the last
 * one taken at block {@code lastBlock} (−1 when unknown), and likewise one funding-rate series per funding asset
 * (any sign; empty when the source has none). All series end at the same step; they may have
 * different lengths (an asset added later has a shorter history).
 */
public record PriceHistory(int blocksPerStep, long lastBlock, Map<String, double[]> prices, Map<String, double[]> funding) {

    /** Prices only, no funding rates. */
    public PriceHistory(int blocksPerStep, long lastBlock, Map<String, double[]> prices) {
        this(blocksPerStep, lastBlock, prices, Map.of());
    }

    public PriceHistory {
        if (blocksPerStep < 1) {
            throw new IllegalArgumentException("blocksPerStep must be at least 1, got " + blocksPerStep);
        }
        prices = checkedCopy(prices, "prices", "price", "price", v -> v > 0 && !Double.isInfinite(v), "a positive finite number");
        funding = checkedCopy(funding, "funding", "funding", "funding rate", Double::isFinite, "finite");
    }

    /**
     * An unmodifiable copy of {@code series} (each array cloned), every value passing {@code valid}; otherwise an
     * {@link IllegalArgumentException} naming the map ({@code mapName}), the kind of key ({@code keyKind}) or the
     * value ({@code valueName} key[i]) and the {@code requirement} it misses.
     */
    private static Map<String, double[]> checkedCopy(Map<String, double[]> series, String mapName, String keyKind,
                                                     String valueName, DoublePredicate valid, String requirement) {
        if (series == null) {
            throw new IllegalArgumentException(mapName + " is null");
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] p = e.getValue();
            if (e.getKey() == null || p == null) {
                throw new IllegalArgumentException("null " + keyKind + " key or series");
            }
            for (int i = 0; i < p.length; i++) {
                if (!valid.test(p[i])) {
                    throw new IllegalArgumentException(valueName + " " + e.getKey() + "[" + i + "] is not " + requirement + ": " + p[i]);
                }
            }
            copy.put(e.getKey(), p.clone());
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** The funding-rate series of {@code asset} (a copy), if present. */
    public Optional<double[]> fundingSeries(String asset) {
        double[] f = funding.get(asset);
        return f == null ? Optional.empty() : Optional.of(f.clone());
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
     * price per listed block — the local network's {@code /price_history.json}), with an optional
     * {@code "funding_rates":{"BTC":[…],…}} object of the same layout. The step is the smallest
     * positive gap between consecutive blocks (1 when fewer than two blocks are listed). Non-numeric,
     * non-positive or missing prices (non-numeric or non-finite funding rates) make a series shorter: only the run
     * after the last bad value is kept.
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
        Map<String, double[]> out = columns(prices, "prices", true);
        JsonNode funding = doc.get("funding_rates");
        Map<String, double[]> fr = Map.of();
        if (funding != null && !funding.isNull()) {
            if (!funding.isObject()) {
                throw new IllegalArgumentException("price history: \"funding_rates\" is not an object");
            }
            fr = columns(funding, "funding_rates", false);
        }
        return new PriceHistory(step, last, out, fr);
    }

    private static Map<String, double[]> columns(JsonNode obj, String name, boolean positive) {
        Map<String, double[]> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode arr = e.getValue();
            if (!arr.isArray()) {
                throw new IllegalArgumentException("price history: " + name + "." + e.getKey() + " is not an array");
            }
            double[] p = new double[arr.size()];
            int start = 0;
            for (int i = 0; i < arr.size(); i++) {
                JsonNode x = arr.get(i);
                double v = x.isNumber() ? x.doubleValue() : Double.NaN;
                if (!Double.isFinite(v) || (positive && !(v > 0))) {
                    start = i + 1;
                }
                p[i] = v;
            }
            out.put(e.getKey(), Arrays.copyOfRange(p, start, p.length));
        }
        return out;
    }
}
