package io.tao4j.mantis.salience;

import java.util.Objects;

/**
 * One MANTIS challenge as declared in MANTIS's {@code config.py} {@code CHALLENGES} list.
 *
 * @param name        display name, e.g. {@code ETH-1H-BINARY}
 * @param ticker      key of the challenge in the ledger and training data, e.g. {@code ETHLBFGS}
 * @param priceKey    ticker of the underlying price feed (equals {@code ticker} when config.py has no price_key)
 * @param dim         embedding dimension per hotkey
 * @param blocksAhead forecast horizon in blocks
 * @param loss        scoring kind
 * @param weight      weight of the challenge in the final salience mix
 *
 * @deprecated use {@link io.tao4j.mantis.protocol.Challenge}; kept until the ledger, model and miner packages
 * migrate.
 */
@Deprecated
public record MantisChallenge(String name, String ticker, String priceKey, int dim, int blocksAhead,
                              LossKind loss, double weight) {
    public MantisChallenge {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(priceKey, "priceKey");
        Objects.requireNonNull(loss, "loss");
        if (dim <= 0) throw new IllegalArgumentException("dim must be positive: " + dim);
        if (blocksAhead <= 0) throw new IllegalArgumentException("blocksAhead must be positive: " + blocksAhead);
        if (!(weight >= 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("bad weight: " + weight);
    }
}
