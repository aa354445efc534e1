package io.tao4j.mantis.salience;

import io.tao4j.mantis.salience.math.Half;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The training rows of one challenge, in the shape MANTIS's ledger hands to {@code multi_salience}:
 * {@code T} rows (sample indices in time order), {@code H} hotkeys (sorted, as the ledger builds
 * {@code hk2idx}), an embedding of {@code dim} floats per hotkey per row (zero vector = no submission),
 * and either the price per row (LBFGS / HITFIRST) or the horizon return per row (binary).
 *
 * <p>Embeddings are stored hotkey-major, {@code [h][t * dim + k]}, either as floats or as IEEE binary16
 * bits (the ledger stores float16, so a half-precision series loses nothing and takes half the memory:
 * 256 hotkeys x 43 200 rows x 17 dims is 376 MB instead of 752 MB). {@link #embedding(int)} always
 * returns floats.
 */
public final class ChallengeSeries {
    private final List<String> hotkeys;
    private final int dim;
    private final int rows;
    private final float[][] embeddings;
    private final short[][] halfEmbeddings;
    private final double[] prices;
    private final float[] returns;

    private ChallengeSeries(List<String> hotkeys, int dim, int rows, float[][] embeddings, short[][] half,
                            double[] prices, float[] returns) {
        this.hotkeys = List.copyOf(hotkeys);
        this.dim = dim;
        this.rows = rows;
        this.embeddings = embeddings;
        this.halfEmbeddings = half;
        this.prices = prices;
        this.returns = returns;
        if (dim <= 0) throw new IllegalArgumentException("dim must be positive");
        int n = embeddings != null ? embeddings.length : half.length;
        if (n != this.hotkeys.size()) {
            throw new IllegalArgumentException("embeddings has " + n + " hotkeys, list has " + this.hotkeys.size());
        }
        for (int h = 0; h < n; h++) {
            int len = embeddings != null ? embeddings[h].length : half[h].length;
            if (len != (long) rows * dim) {
                throw new IllegalArgumentException("embedding of hotkey " + this.hotkeys.get(h) + " has "
                        + len + " values, expected rows*dim = " + (long) rows * dim);
            }
        }
        if (this.hotkeys.stream().distinct().count() != this.hotkeys.size()) {
            throw new IllegalArgumentException("duplicate hotkey in series");
        }
        // MANTIS's ledger replaces malformed submissions by zero vectors before they reach the scorers
        // (validators check the range of every value), so a NaN or infinity here is malformed input
        for (int h = 0; h < n; h++) {
            int bad = -1;
            if (embeddings != null) {
                float[] e = embeddings[h];
                for (int i = 0; i < e.length && bad < 0; i++) if (!Float.isFinite(e[i])) bad = i;
            } else {
                short[] e = half[h];
                for (int i = 0; i < e.length && bad < 0; i++) if ((e[i] & 0x7C00) == 0x7C00) bad = i;
            }
            if (bad >= 0) {
                throw new IllegalArgumentException("embedding of hotkey " + this.hotkeys.get(h) + " at row "
                        + (bad / dim) + " is not finite");
            }
        }
    }

    /** Price-based series (LBFGS, HITFIRST): {@code prices.length} rows. */
    public static ChallengeSeries ofPrices(List<String> hotkeys, int dim, float[][] embeddings, double[] prices) {
        Objects.requireNonNull(prices, "prices");
        return new ChallengeSeries(hotkeys, dim, prices.length, Objects.requireNonNull(embeddings), null, prices, null);
    }

    /** Price-based series with float16 embeddings (bits, hotkey-major). */
    public static ChallengeSeries ofHalfPrices(List<String> hotkeys, int dim, short[][] half, double[] prices) {
        Objects.requireNonNull(prices, "prices");
        return new ChallengeSeries(hotkeys, dim, prices.length, null, Objects.requireNonNull(half), prices, null);
    }

    /** Return-based series (binary): {@code returns.length} rows, return = (p[t+ahead]-p[t])/p[t]. */
    public static ChallengeSeries ofReturns(List<String> hotkeys, int dim, float[][] embeddings, float[] returns) {
        Objects.requireNonNull(returns, "returns");
        return new ChallengeSeries(hotkeys, dim, returns.length, Objects.requireNonNull(embeddings), null, null, returns);
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

    /**
     * The embedding of hotkey {@code h} as floats, {@code [t*dim+k]}: the stored array for a float series
     * (shared, do not modify) or a fresh widened copy for a half-precision series.
     */
    public float[] embedding(int h) {
        if (embeddings != null) return embeddings[h];
        short[] src = halfEmbeddings[h];
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) out[i] = Half.toFloat(src[i]);
        return out;
    }

    /** All embeddings as floats (widened copies for a half-precision series). */
    public float[][] embeddingsAsFloat() {
        float[][] out = new float[hotkeys.size()][];
        for (int h = 0; h < out.length; h++) out[h] = embedding(h);
        return out;
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
        if (halfEmbeddings != null) {
            short[][] e = new short[halfEmbeddings.length][];
            for (int h = 0; h < e.length; h++) e[h] = Arrays.copyOfRange(halfEmbeddings[h], from * dim, rows * dim);
            return ofHalfPrices(hotkeys, dim, e, Arrays.copyOfRange(prices, from, rows));
        }
        float[][] e = new float[embeddings.length][];
        for (int h = 0; h < e.length; h++) e[h] = Arrays.copyOfRange(embeddings[h], from * dim, rows * dim);
        if (prices != null) return ofPrices(hotkeys, dim, e, Arrays.copyOfRange(prices, from, rows));
        return ofReturns(hotkeys, dim, e, Arrays.copyOfRange(returns, from, rows));
    }

    /** This series with float16 storage (values rounded to the nearest half); binary series stay float. */
    public ChallengeSeries toHalf() {
        if (halfEmbeddings != null || prices == null) return this;
        short[][] e = new short[embeddings.length][];
        for (int h = 0; h < e.length; h++) {
            float[] src = embeddings[h];
            short[] dst = new short[src.length];
            for (int i = 0; i < src.length; i++) dst[i] = Half.fromFloat(src[i]);
            e[h] = dst;
        }
        return ofHalfPrices(hotkeys, dim, e, prices);
    }
}
