package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What a validator may change from MANTIS {@code config.py}: which of the built-in challenges are scored and
 * with what weight, and the calculation cadences. The defaults are config.py's. A JSON file overrides any
 * of {@code challenges} (a list of {@code {"ticker": …, "weight": …}}, tickers from the built-in list, weight
 * optional), {@code weight_calc_interval}, {@code weight_set_interval} and {@code task_interval}; anything
 * else is refused with the field's name. Challenge dimensions, horizons and loss functions stay the
 * built-in ones (payload validation and the scorers depend on them).
 */
public record ValidatorConfig(List<MantisChallenge> challenges, int weightCalcInterval, int weightSetInterval, int taskInterval) {
    private static final Set<String> FIELDS = Set.of("challenges", "weight_calc_interval", "weight_set_interval", "task_interval");

    public ValidatorConfig {
        challenges = List.copyOf(challenges);
        if (challenges.isEmpty()) {
            throw new IllegalArgumentException("challenges must not be empty");
        }
        interval("weight_calc_interval", weightCalcInterval);
        interval("weight_set_interval", weightSetInterval);
        if (taskInterval < 0 || taskInterval % MantisConfig.SAMPLE_EVERY != 0) {
            throw new IllegalArgumentException("task_interval must be a non-negative multiple of " + MantisConfig.SAMPLE_EVERY
                    + ", got " + taskInterval);
        }
    }

    /** config.py's values. */
    public static ValidatorConfig defaults() {
        return new ValidatorConfig(MantisConfig.CHALLENGES, MantisConfig.WEIGHT_CALC_INTERVAL, MantisConfig.WEIGHT_SET_INTERVAL,
                MantisConfig.TASK_INTERVAL);
    }

    /** The defaults overridden by {@code doc}. @throws IllegalArgumentException naming the bad field */
    public static ValidatorConfig parse(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("the config must be a JSON object");
        }
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field " + f + " (known: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        }
        ValidatorConfig d = defaults();
        List<MantisChallenge> chs = d.challenges();
        if (doc.has("challenges")) {
            JsonNode a = doc.get("challenges");
            if (!a.isArray()) {
                throw new IllegalArgumentException("challenges must be a list");
            }
            chs = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < a.size(); i++) {
                JsonNode c = a.get(i);
                String where = "challenges[" + i + "]";
                if (!c.isObject() || !c.path("ticker").isTextual()) {
                    throw new IllegalArgumentException(where + ".ticker is required");
                }
                for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!f.equals("ticker") && !f.equals("weight")) {
                        throw new IllegalArgumentException(where + ": unknown field " + f + " (known: ticker, weight)");
                    }
                }
                String t = c.get("ticker").asText();
                MantisChallenge base = MantisConfig.byTicker(t).orElseThrow(() -> new IllegalArgumentException(where
                        + ".ticker " + t + " is not a MANTIS challenge (known: "
                        + MantisConfig.CHALLENGES.stream().map(MantisChallenge::ticker).toList() + ")"));
                if (!seen.add(t)) {
                    throw new IllegalArgumentException(where + ".ticker " + t + " is listed twice");
                }
                double w = base.weight();
                if (c.has("weight")) {
                    if (!c.get("weight").isNumber() || !(c.get("weight").asDouble() >= 0) || Double.isInfinite(c.get("weight").asDouble())) {
                        throw new IllegalArgumentException(where + ".weight must be a non-negative number, got " + c.get("weight"));
                    }
                    w = c.get("weight").asDouble();
                }
                chs.add(new MantisChallenge(base.name(), base.ticker(), base.priceKey(), base.dim(), base.blocksAhead(), base.loss(), w));
            }
        }
        return new ValidatorConfig(chs, intField(doc, "weight_calc_interval", d.weightCalcInterval()),
                intField(doc, "weight_set_interval", d.weightSetInterval()), intField(doc, "task_interval", d.taskInterval()));
    }

    private static int intField(JsonNode doc, String name, int dflt) {
        if (!doc.has(name)) {
            return dflt;
        }
        JsonNode v = doc.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException(name + " must be an integer, got " + v);
        }
        return v.asInt();
    }

    private static void interval(String name, int v) {
        if (v <= 0 || v % MantisConfig.SAMPLE_EVERY != 0) {
            throw new IllegalArgumentException(name + " must be a positive multiple of " + MantisConfig.SAMPLE_EVERY + ", got " + v);
        }
    }
}
