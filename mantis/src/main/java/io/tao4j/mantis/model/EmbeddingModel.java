package io.tao4j.mantis.model;

import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;

/**
 * Turns recent prices into the embedding of one MANTIS challenge. Implementations are pure: no I/O,
 * no clock; the same history gives the same answer (except deliberately random models).
 *
 * <p>The returned vector must have {@code challenge.storageDim()} entries (asset-major for multi-asset challenges,
 * in the challenge's asset order) within the range the validator enforces for the challenge's {@link Loss} —
 * checked by {@link EmbeddingRanges#check} before anything is sealed:
 * <ul>
 *   <li>BINARY (dim 2): features in [−1, 1];</li>
 *   <li>HITFIRST (dim 3): [P(up first), P(down first), P(neither)], each in (0, 1), sum 1;</li>
 *   <li>LBFGS (dim 17): p[0..4] a 5-bucket distribution in (0, 1), then 12 probabilities in (0, 1)
 *       (Q for buckets 0, 1, 3, 4 × thresholds 0.5σ, 1σ, 2σ).</li>
 *   <li>RANGE_BREAKOUT_MULTI (2 per asset): {@code [p_cont, p_rev]} per asset, each in [0, 1];</li>
 *   <li>XSEC_RANK, FUNDING_XSEC, TRADE_MIX (1 per asset): a score or position in [−1, 1] per asset.</li>
 * </ul>
 *
 * <pre>{@code
 * // a user model: long ETH when the last price is above the mean of the last 50
 * EmbeddingModel mine = (challenge, history) -> {
 *     double[] p = history.series(challenge.priceKey()).orElse(new double[0]);
 *     if (p.length < 50) return new double[] {0, 0};
 *     double mean = java.util.Arrays.stream(p, p.length - 50, p.length).average().orElse(p[p.length - 1]);
 *     double s = Math.tanh(100 * (p[p.length - 1] / mean - 1));
 *     return new double[] {s, -s};
 * };
 * ModelSet models = ModelSet.baseline().with(Loss.BINARY, mine);
 * }</pre>
 */
@FunctionalInterface
public interface EmbeddingModel {

    /** The embedding for {@code challenge} given {@code history}. */
    double[] embed(Challenge challenge, PriceHistory history);
}
