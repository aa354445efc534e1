package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.payload.PayloadJson;
import io.tao4j.mantis.payload.PyFloat;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The prices of one validator step from {@code latest_prices.json}, with the acceptance rules of the reference's
 * {@code validator.get_asset_prices} for a {@link Protocol} (spec {@code mantis-head.md} §3.1):
 * <ol>
 *   <li>every challenge's ticker starts at 0; then {@code prices[priceKey]} is kept under the ticker when
 *       Python's {@code float(v)} of it is in (0, ∞) — JSON numbers, booleans and numeric strings
 *       ({@code " 1_000.5 "}) pass;</li>
 *   <li>(bcff57b) every asset of the breakout, cross-section and trade-mix challenges that is not already a key
 *       (ETH is, through the ETH challenge) is kept when it is a JSON number (or boolean) in (0, ∞);</li>
 *   <li>(bcff57b) when {@code funding_rates} is a non-empty object, {@code float(v)} of each funding asset's
 *       numeric value, with no range check (NaN and ±Infinity included).</li>
 * </ol>
 * Any failure — fetch, HTTP, JSON, a non-object document, a non-object truthy {@code prices}, an integer too large
 * for a float in steps 2–3 — gives step 1's zeros only, with the reason in {@link Step#failure()}. Documents are
 * read with {@link PayloadJson} ({@code json.loads} rules: NaN and Infinity accepted, the last duplicate key wins).
 */
public final class ValidatorPrices {
    /**
     * One step's prices.
     *
     * @param prices       by ticker (every challenge of the protocol, 0 when missing) and, at bcff57b, by asset
     * @param fundingRates by funding asset (empty when none were given or the fetch failed)
     * @param failure      why only zeros were kept, or null
     */
    public record Step(Map<String, Double> prices, Map<String, Double> fundingRates, String failure) {
        public Step {
            prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
            fundingRates = Collections.unmodifiableMap(new LinkedHashMap<>(fundingRates));
        }

        public boolean failed() {
            return failure != null;
        }
    }

    private final Protocol protocol;
    private final Set<String> assets;

    public ValidatorPrices(Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol);
        Set<String> a = new LinkedHashSet<>();
        for (Challenge c : protocol.challenges()) {
            if (c.loss() != Loss.FUNDING_XSEC) {
                a.addAll(c.assets());
            }
        }
        this.assets = Set.copyOf(a);
    }

    /** Fetches from {@code feed} and reads; never throws. */
    public Step read(PriceFeed feed) {
        byte[] body;
        try {
            body = feed.fetch();
        } catch (IOException | RuntimeException e) {
            return zeros("fetch failed: " + e.getMessage());
        }
        return read(body);
    }

    /** Reads one document's bytes; never throws. */
    public Step read(byte[] body) {
        JsonNode data;
        try {
            data = PayloadJson.parse(body == null ? new byte[0] : body);
        } catch (PayloadJson.Refused e) {
            return zeros("not JSON: " + e.getMessage());
        }
        if (!data.isObject()) {
            return zeros("the document is not a JSON object");
        }
        JsonNode fetched = data.get("prices");
        if (fetched == null || !truthy(fetched)) {
            fetched = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        } else if (!fetched.isObject()) {
            return zeros("\"prices\" is not an object");
        }
        Map<String, Double> out = base();
        for (Challenge c : protocol.challenges()) {
            Double v = PyFloat.of(fetched.get(c.priceKey()));
            if (v != null && v > 0 && v < Double.POSITIVE_INFINITY) {
                out.put(c.ticker(), v);
            }
        }
        for (String asset : assets) {
            if (out.containsKey(asset)) {
                continue;
            }
            JsonNode v = fetched.get(asset);
            if (v == null || !(v.isNumber() || v.isBoolean())) {
                continue;
            }
            if (v.isIntegralNumber() && v.bigIntegerValue().signum() > 0 && PyFloat.overflows(v)) {
                return zeros("prices." + asset + " is an integer too large for a float");
            }
            double d = PyFloat.numeric(v);
            if (d > 0 && d < Double.POSITIVE_INFINITY) {
                out.put(asset, d);
            }
        }
        Map<String, Double> funding = new LinkedHashMap<>();
        JsonNode raw = data.get("funding_rates");
        if (raw != null && raw.isObject() && raw.size() > 0) {
            for (String asset : protocol.fundingAssets()) {
                JsonNode v = raw.get(asset);
                if (v == null || !(v.isNumber() || v.isBoolean())) {
                    continue;
                }
                if (PyFloat.overflows(v)) {
                    return zeros("funding_rates." + asset + " is an integer too large for a float");
                }
                funding.put(asset, PyFloat.numeric(v));
            }
        }
        return new Step(out, funding, null);
    }

    /** Step 1's zeros: every challenge ticker at 0, no assets, no funding rates. */
    public Step zeros(String why) {
        return new Step(base(), Map.of(), why);
    }

    private Map<String, Double> base() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Challenge c : protocol.challenges()) {
            out.put(c.ticker(), 0.0);
        }
        return out;
    }

    /** Python truthiness of a JSON value ({@code x or {}}). */
    private static boolean truthy(JsonNode v) {
        if (v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() ? v.bigIntegerValue().signum() != 0 : v.doubleValue() != 0.0;
        }
        if (v.isTextual()) {
            return !v.textValue().isEmpty();
        }
        return v.size() > 0;
    }
}
