package io.tao4j.mantis.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One challenge of a protocol version, as {@code config.CHALLENGES} declares it.
 *
 * @param name        display name, also accepted as the payload key ({@code ETH-1H-BINARY})
 * @param ticker      ledger key and payload key ({@code ETH}, {@code MULTIXSEC})
 * @param priceKey    key of the price in {@code latest_prices.json} for single-asset challenges; for multi-asset
 *                    ones the ticker (their prices come per asset)
 * @param assets      the assets of a multi-asset challenge in storage order; empty for single-asset ones
 * @param dim         values per asset (multi-asset) or per hotkey (single-asset)
 * @param blocksAhead forecast horizon in blocks; 0 where config.py gives none (MULTI-BREAKOUT)
 * @param loss        how it is scored
 * @param weight      weight in the final salience mix
 */
public record Challenge(String name, String ticker, String priceKey, List<String> assets, int dim, int blocksAhead,
                        Loss loss, double weight) {
    public Challenge {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(priceKey, "priceKey");
        Objects.requireNonNull(loss, "loss");
        assets = List.copyOf(assets);
        if (dim <= 0) {
            throw new IllegalArgumentException(ticker + ": dim must be positive, got " + dim);
        }
        if (blocksAhead < 0) {
            throw new IllegalArgumentException(ticker + ": blocksAhead must not be negative, got " + blocksAhead);
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(ticker + ": bad weight " + weight);
        }
        if (loss.multiAsset() == assets.isEmpty()) {
            throw new IllegalArgumentException(ticker + ": " + loss.wireName()
                    + (assets.isEmpty() ? " needs an asset list" : " takes no asset list"));
        }
    }

    /** A single-asset challenge. */
    static Challenge single(String name, String ticker, String priceKey, int dim, int blocksAhead, Loss loss,
                            double weight) {
        return new Challenge(name, ticker, priceKey, List.of(), dim, blocksAhead, loss, weight);
    }

    /** A multi-asset challenge. */
    static Challenge multi(String name, String ticker, List<String> assets, int dim, int blocksAhead, Loss loss,
                           double weight) {
        return new Challenge(name, ticker, ticker, assets, dim, blocksAhead, loss, weight);
    }

    /** True when the vector holds {@link #dim()} values per asset of {@link #assets()}. */
    public boolean multiAsset() {
        return !assets.isEmpty();
    }

    /** Floats stored per hotkey: {@code dim × |assets|} for multi-asset challenges, else {@code dim}. */
    public int storageDim() {
        return assets.isEmpty() ? dim : dim * assets.size();
    }

    /** The horizon in samples ({@code blocksAhead / SAMPLE_EVERY}). */
    public int aheadSamples(int sampleEvery) {
        return blocksAhead / sampleEvery;
    }
}
