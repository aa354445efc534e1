package io.tao4j.mantis.model;

import io.tao4j.mantis.internal.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@link EmbeddingModel} per challenge type, applied to every challenge of one MANTIS protocol version
 * ({@link Protocol#challenges()}, in config order): 12 challenges at bcff57b (the default), 8 at 2e9bc5b.
 */
public final class ModelSet {
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Map<Loss, EmbeddingModel> models;
    private final Protocol protocol;

    private ModelSet(Map<Loss, EmbeddingModel> models, Protocol protocol) {
        this.models = models;
        this.protocol = protocol;
    }

    /** The baseline for the current protocol ({@link Protocol#DEFAULT}). */
    public static ModelSet baseline() {
        return baseline(Protocol.DEFAULT);
    }

    /**
     * The momentum / realised-volatility baseline of {@link BaselineModels} for the single-asset challenges, and the
     * range, cross-sectional-momentum, funding-reversion and trend forecasters of {@link MultiAssetModels} for the
     * multi-asset ones.
     */
    public static ModelSet baseline(Protocol protocol) {
        Map<Loss, EmbeddingModel> m = new EnumMap<>(Loss.class);
        m.put(Loss.BINARY, BaselineModels.binary());
        m.put(Loss.HITFIRST, BaselineModels.hitFirst(BaselineModels.BETA));
        m.put(Loss.LBFGS, BaselineModels.lbfgs(BaselineModels.BETA));
        m.put(Loss.RANGE_BREAKOUT_MULTI, MultiAssetModels.breakout(protocol));
        m.put(Loss.XSEC_RANK, MultiAssetModels.xsecMomentum());
        m.put(Loss.FUNDING_XSEC, MultiAssetModels.fundingReversion());
        m.put(Loss.TRADE_MIX, MultiAssetModels.trendPosition(protocol));
        return new ModelSet(m, Objects.requireNonNull(protocol, "protocol"));
    }

    /** Random embeddings in range for the current protocol (load tests only). */
    public static ModelSet random(long seed) {
        return random(seed, Protocol.DEFAULT);
    }

    /** Random embeddings in range (the null model: load tests only). */
    public static ModelSet random(long seed, Protocol protocol) {
        RandomModel r = new RandomModel(seed);
        Map<Loss, EmbeddingModel> m = new EnumMap<>(Loss.class);
        for (Loss k : Loss.values()) {
            m.put(k, r);
        }
        return new ModelSet(m, Objects.requireNonNull(protocol, "protocol"));
    }

    /** By name, for the current protocol: {@code baseline} or {@code random}. */
    public static ModelSet named(String name) {
        return named(name, Protocol.DEFAULT);
    }

    /** By name: {@code baseline} or {@code random}. */
    public static ModelSet named(String name, Protocol protocol) {
        return switch (name) {
            case "baseline" -> baseline(protocol);
            case "random" -> random(System.nanoTime(), protocol);
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; choose baseline or random");
        };
    }

    /** The protocol version whose challenges this set embeds. */
    public Protocol protocol() {
        return protocol;
    }

    /** A copy that uses {@code model} for every challenge of type {@code kind}. */
    public ModelSet with(Loss kind, EmbeddingModel model) {
        Map<Loss, EmbeddingModel> m = new EnumMap<>(models);
        m.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(model, "model"));
        return new ModelSet(m, protocol);
    }

    /**
     * One embedding per challenge, keyed by ticker in config order, each checked by
     * {@link EmbeddingRanges#check}; multi-asset vectors are flat and asset-major ({@link Challenge#storageDim()}).
     *
     * @throws IllegalArgumentException when a model returns a vector the validator would alter or drop
     */
    public Map<String, double[]> embed(PriceHistory history) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Challenge c : protocol.challenges()) {
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

    /** The plaintext object for this set's protocol (see {@link #toJson(Protocol, Map)}). */
    public String json(Map<String, double[]> embeddings) {
        return toJson(protocol, embeddings);
    }

    /**
     * The plaintext object a payload carries (before the hotkey is appended): ticker → value. Single-asset
     * challenges (and tickers the protocol does not know) as a list; multi-asset ones in the per-asset object form
     * of spec §2.2: MULTIBREAKOUT {@code {asset: [p_cont, p_rev]}}, the others {@code {asset: x}}.
     */
    public static String toJson(Protocol protocol, Map<String, double[]> embeddings) {
        ObjectNode o = JSON.createObjectNode();
        for (Map.Entry<String, double[]> e : embeddings.entrySet()) {
            double[] v = e.getValue();
            Challenge c = protocol.byTicker(e.getKey()).orElse(null);
            if (c != null && c.multiAsset() && v.length == c.storageDim()) {
                ObjectNode per = o.putObject(e.getKey());
                List<String> assets = c.assets();
                for (int a = 0; a < assets.size(); a++) {
                    if (c.dim() == 1) {
                        per.put(assets.get(a), v[a]);
                    } else {
                        ArrayNode arr = per.putArray(assets.get(a));
                        for (int k = 0; k < c.dim(); k++) {
                            arr.add(v[a * c.dim() + k]);
                        }
                    }
                }
            } else {
                ArrayNode a = o.putArray(e.getKey());
                for (double x : v) {
                    a.add(x);
                }
            }
        }
        return o.toString();
    }

    /**
     * {@link #toJson(Protocol, Map)} for the current protocol; its tickers include every 2e9bc5b ticker with the same
     * shape, so this also serves 2e9bc5b embeddings.
     */
    public static String toJson(Map<String, double[]> embeddings) {
        return toJson(Protocol.DEFAULT, embeddings);
    }
}
