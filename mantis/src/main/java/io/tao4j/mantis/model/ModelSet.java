package io.tao4j.mantis.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.mantis.salience.LossKind;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link EmbeddingModel} per challenge type, applied to every challenge of MANTIS's config.py
 * ({@link MantisConfig#CHALLENGES}, in config order).
 */
public final class ModelSet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<LossKind, EmbeddingModel> models;
    private final List<MantisChallenge> challenges;

    private ModelSet(Map<LossKind, EmbeddingModel> models, List<MantisChallenge> challenges) {
        this.models = models;
        this.challenges = challenges;
    }

    /** The momentum / realised-volatility baseline of {@link BaselineModels}. */
    public static ModelSet baseline() {
        Map<LossKind, EmbeddingModel> m = new EnumMap<>(LossKind.class);
        m.put(LossKind.BINARY, BaselineModels.binary());
        m.put(LossKind.HITFIRST, BaselineModels.hitFirst(BaselineModels.BETA));
        m.put(LossKind.LBFGS, BaselineModels.lbfgs(BaselineModels.BETA));
        return new ModelSet(m, MantisConfig.CHALLENGES);
    }

    /** Random embeddings in range (load tests only). */
    public static ModelSet random(long seed) {
        RandomModel r = new RandomModel(seed);
        Map<LossKind, EmbeddingModel> m = new EnumMap<>(LossKind.class);
        for (LossKind k : LossKind.values()) {
            m.put(k, r);
        }
        return new ModelSet(m, MantisConfig.CHALLENGES);
    }

    /** By name: {@code baseline} or {@code random}. */
    public static ModelSet named(String name) {
        return switch (name) {
            case "baseline" -> baseline();
            case "random" -> random(System.nanoTime());
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; choose baseline or random");
        };
    }

    /** A copy that uses {@code model} for every challenge of type {@code kind}. */
    public ModelSet with(LossKind kind, EmbeddingModel model) {
        Map<LossKind, EmbeddingModel> m = new EnumMap<>(models);
        m.put(kind, java.util.Objects.requireNonNull(model, "model"));
        return new ModelSet(m, challenges);
    }

    /**
     * One embedding per challenge, keyed by ticker in config order, each checked by
     * {@link EmbeddingRanges#check}.
     *
     * @throws IllegalArgumentException when a model returns a vector the validator would alter or drop
     */
    public Map<String, double[]> embed(PriceHistory history) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (MantisChallenge c : challenges) {
            EmbeddingModel model = models.get(c.loss());
            if (model == null) {
                throw new IllegalArgumentException("no model for " + c.loss().wireName() + " challenges");
            }
            double[] v = model.embed(c, history);
            EmbeddingRanges.check(c, v);
            out.put(c.ticker(), v.clone());
        }
        return Collections.unmodifiableMap(out);
    }

    /** The plaintext object a payload carries (before the hotkey is appended): ticker → vector. */
    public static String toJson(Map<String, double[]> embeddings) {
        ObjectNode o = JSON.createObjectNode();
        for (Map.Entry<String, double[]> e : embeddings.entrySet()) {
            ArrayNode a = o.putArray(e.getKey());
            for (double x : e.getValue()) {
                a.add(x);
            }
        }
        return o.toString();
    }
}
