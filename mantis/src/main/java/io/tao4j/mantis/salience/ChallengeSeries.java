package io.tao4j.mantis.salience;

import java.util.List;
import java.util.Objects;

/**
 * The training rows of one challenge, in the shape MANTIS's ledger hands to {@code multi_salience}:
 * {@code T} rows (sample indices in time order), {@code H} hotkeys (sorted, as the ledger builds
 * {@code hk2idx}), an embedding of {@code dim} floats per hotkey per row (zero vector = no submission),
 * and either the price per row (LBFGS / HITFIRST) or the horizon return per row (binary).
 *
 * <p>Embeddings are stored hotkey-major: {@code embeddings[h][t * dim + k]}.
 */
public final class ChallengeSeries {
    private final List<String> hotkeys;
    private final int dim;
    private final int rows;
    private final float[][] embeddings;
    private final double[] prices;
    private final float[] returns;

    private ChallengeSeries(List<String> hotkeys, int dim, int rows, float[][] embeddings, double[] prices,
                            float[] returns) {
        this.hotkeys = List.copyOf(hotkeys);
        this.dim = dim;
        this.rows = rows;
        this.embeddings = embeddings;
        this.prices = prices;
        this.returns = returns;
        if (dim <= 0) throw new IllegalArgumentException("dim must be positive");
        if (embeddings.length != this.hotkeys.size()) {
            throw new IllegalArgumentException("embeddings has " + embeddings.length + " hotkeys, list has "
                    + this.hotkeys.size());
        }
        for (int h = 0; h < embeddings.length; h++) {
            if (embeddings[h].length != (long) rows * dim) {
                throw new IllegalArgumentException("embedding of hotkey " + this.hotkeys.get(h) + " has "
                        + embeddings[h].length + " values, expected rows*dim = " + (long) rows * dim);
            }
        }
        if (this.hotkeys.stream().distinct().count() != this.hotkeys.size()) {
            throw new IllegalArgumentException("duplicate hotkey in series");
        }
    }

    /** Price-based series (LBFGS, HITFIRST): {@code prices.length} rows. */
    public static ChallengeSeries ofPrices(List<String> hotkeys, int dim, float[][] embeddings, double[] prices) {
        Objects.requireNonNull(prices, "prices");
        return new ChallengeSeries(hotkeys, dim, prices.length, embeddings, prices, null);
    }

    /** Return-based series (binary): {@code returns.length} rows, return = (p[t+ahead]-p[t])/p[t]. */
    public static ChallengeSeries ofReturns(List<String> hotkeys, int dim, float[][] embeddings, float[] returns) {
        Objects.requireNonNull(returns, "returns");
        return new ChallengeSeries(hotkeys, dim, returns.length, embeddings, null, returns);
    }

    public List<String> hotkeys() {
        return hotkeys;
    }

    public int hotkeyCount() {
        return hotkeys.size();
    }

    public int dim() {
        return dim;
    }

    public int rows() {
        return rows;
    }

    /** Hotkey-major embeddings, {@code [h][t*dim+k]}; shared, do not modify. */
    public float[][] embeddings() {
        return embeddings;
    }

    /** Prices per row, or null for a return-based series. Shared, do not modify. */
    public double[] prices() {
        return prices;
    }

    /** Horizon returns per row, or null for a price-based series. Shared, do not modify. */
    public float[] returns() {
        return returns;
    }

    /** The last {@code n} rows of this series (a copy), or this series when it has at most n rows. */
    public ChallengeSeries tail(int n) {
        if (n >= rows) return this;
        int from = rows - n;
        float[][] e = new float[embeddings.length][];
        for (int h = 0; h < e.length; h++) {
            e[h] = java.util.Arrays.copyOfRange(embeddings[h], from * dim, rows * dim);
        }
        if (prices != null) return ofPrices(hotkeys, dim, e, java.util.Arrays.copyOfRange(prices, from, rows));
        return ofReturns(hotkeys, dim, e, java.util.Arrays.copyOfRange(returns, from, rows));
    }
}
