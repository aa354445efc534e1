package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a validator runs: the {@link Protocol} version and what may be changed from its {@code config.py}: which of
 * its challenges are scored and with what weight, and the calculation cadences. The defaults are the protocol's.
 * A JSON file overrides any of {@code challenges} (a list of {@code {"ticker": …, "weight": …}}, tickers of the
 * protocol, weight optional), {@code weight_calc_interval}, {@code weight_set_interval} and {@code task_interval};
 * anything else is refused with the field's name. Challenge dimensions, horizons and loss functions stay the
 * protocol's (payload validation and the scorers depend on them).
 */
public record ValidatorConfig(Protocol protocol, List<Challenge> challenges, int weightCalcInterval,
                              int weightSetInterval, int taskInterval) {
    private static final Set<String> FIELDS = Set.of("challenges", "weight_calc_interval", "weight_set_interval", "task_interval");

    public ValidatorConfig {
        Objects.requireNonNull(protocol, "protocol");
        challenges = List.copyOf(challenges);
        if (challenges.isEmpty()) {
            throw new IllegalArgumentException("challenges must not be empty");
        }
        for (Challenge c : challenges) {
            Challenge base = protocol.byTicker(c.ticker()).orElseThrow(() -> new IllegalArgumentException(
                    c.ticker() + " is not a challenge of protocol " + protocol.id()));
            if (base.dim() != c.dim() || base.loss() != c.loss() || !base.assets().equals(c.assets())) {
                throw new IllegalArgumentException(c.ticker() + " differs from protocol " + protocol.id()
                        + " in more than its weight");
            }
        }
        int every = protocol.constants().sampleEvery();
        interval("weight_calc_interval", weightCalcInterval, every);
        interval("weight_set_interval", weightSetInterval, every);
        if (taskInterval < 0 || taskInterval % every != 0) {
            throw new IllegalArgumentException("task_interval must be a non-negative multiple of " + every
                    + ", got " + taskInterval);
        }
    }

    /**
     * A 2e9bc5b configuration from the old challenge type (weights taken from the list).
     *
     * @deprecated use {@link #ValidatorConfig(Protocol, List, int, int, int)}
     */
    @Deprecated
    public ValidatorConfig(List<MantisChallenge> legacy, int weightCalcInterval, int weightSetInterval, int taskInterval) {
        this(Protocol.P2E9BC5B, fromLegacy(legacy), weightCalcInterval, weightSetInterval, taskInterval);
    }

    private static List<Challenge> fromLegacy(List<MantisChallenge> legacy) {
        List<Challenge> out = new ArrayList<>();
        for (MantisChallenge m : legacy) {
            Challenge c = Protocol.P2E9BC5B.byTicker(m.ticker()).orElseThrow(() -> new IllegalArgumentException(
                    m.ticker() + " is not a challenge of protocol 2e9bc5b"));
            out.add(withWeight(c, m.weight()));
        }
        return out;
    }

    /** The protocol's values ({@link Protocol#DEFAULT}). */
    public static ValidatorConfig defaults() {
        return defaults(Protocol.DEFAULT);
    }

    /** {@code protocol}'s challenges and cadences. */
    public static ValidatorConfig defaults(Protocol protocol) {
        Protocol.Constants k = protocol.constants();
        return new ValidatorConfig(protocol, protocol.challenges(), k.weightCalcInterval(), k.weightSetInterval(),
                k.taskInterval());
    }

    /**
     * The challenges the 2e9bc5b engine, the current ledger and training-data reader can take (single-asset
     * BINARY, HITFIRST and LBFGS), in the old type; all of them at 2e9bc5b.
     */
    public List<MantisChallenge> legacyChallenges() {
        return challenges.stream().filter(MantisConfig::legacyScorable).map(MantisConfig::legacy).toList();
    }

    /** The configured challenges the 2e9bc5b engine cannot score (the multi-asset ones of bcff57b). */
    public List<Challenge> nonLegacyChallenges() {
        return challenges.stream().filter(c -> !MantisConfig.legacyScorable(c)).toList();
    }

    /** {@link #defaults()} overridden by {@code doc}. @throws IllegalArgumentException naming the bad field */
    public static ValidatorConfig parse(JsonNode doc) {
        return parse(doc, Protocol.DEFAULT);
    }

    /** {@link #defaults(Protocol)} overridden by {@code doc}. @throws IllegalArgumentException naming the bad field */
    public static ValidatorConfig parse(JsonNode doc, Protocol protocol) {
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("the config must be a JSON object");
        }
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field " + f + " (known: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        }
        ValidatorConfig d = defaults(protocol);
        List<Challenge> chs = d.challenges();
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
                Challenge base = protocol.byTicker(t).orElseThrow(() -> new IllegalArgumentException(where
                        + ".ticker " + t + " is not a challenge of MANTIS protocol " + protocol.id() + " (known: "
                        + protocol.tickers() + ")"));
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
                chs.add(withWeight(base, w));
            }
        }
        return new ValidatorConfig(protocol, chs, intField(doc, "weight_calc_interval", d.weightCalcInterval()),
                intField(doc, "weight_set_interval", d.weightSetInterval()), intField(doc, "task_interval", d.taskInterval()));
    }

    private static Challenge withWeight(Challenge c, double w) {
        return new Challenge(c.name(), c.ticker(), c.priceKey(), c.assets(), c.dim(), c.blocksAhead(), c.loss(), w);
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

    private static void interval(String name, int v, int every) {
        if (v <= 0 || v % every != 0) {
            throw new IllegalArgumentException(name + " must be a positive multiple of " + every + ", got " + v);
        }
    }
}
