package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.math.Half;

import java.util.List;
import java.util.Objects;

/**
 * The training rows of a multi-asset challenge (XSEC-RANK, FUNDING-XSEC, TRADE-MIX) as MANTIS at bcff57b builds
 * them ({@code _build_xsec_from_db}, {@code _build_funding_xsec_from_db}, {@code _build_trade_mix_from_db}).
 *
 * <p>The embeddings are kept as the ledger stores them, IEEE binary16 bits: the reference's float32 {@code X} is
 * their exact widening ({@link #at}), and half the memory (256 hotkeys × 43 200 rows × 33 assets: 0.70 GB instead
 * of 1.40 GB).
 *
 * @param ticker      the challenge ticker
 * @param hotkeys     column order: the active hotkeys that ever submitted, sorted by code point
 * @param assets      number of assets {@code A} (storage dim / per-asset dim)
 * @param histBits    {@code N × H × A} row-major float16 bits (the reference's {@code X} reshaped); zeros = no vector
 * @param values      {@code N × A}: prices (missing asset 0.0) or funding rates (missing asset NaN)
 * @param sidx        the sample index of every row ({@code sidx_arr}; present for XSEC-RANK too, which the
 *                    reference does not hand over)
 * @param blocksAhead the challenge's horizon in blocks
 */
public record MultiAssetSeries(String ticker, List<String> hotkeys, int assets, short[] histBits, double[] values,
                               long[] sidx, int blocksAhead) {
    public MultiAssetSeries {
        Objects.requireNonNull(ticker, "ticker");
        hotkeys = List.copyOf(hotkeys);
        int n = sidx.length;
        if ((long) n * hotkeys.size() * assets != histBits.length || (long) n * assets != values.length) {
            throw new IllegalArgumentException(ticker + ": " + n + " rows × " + hotkeys.size() + " hotkeys × " + assets
                    + " assets do not match hist " + histBits.length + " / values " + values.length);
        }
    }

    /**
     * A series from float32 embeddings ({@code N × H × A} row-major), each rounded to the nearest float16 as the
     * ledger stores it (exact for values the ledger produced).
     */
    public static MultiAssetSeries ofFloats(String ticker, List<String> hotkeys, int assets, float[] hist,
                                            double[] values, long[] sidx, int blocksAhead) {
        short[] bits = new short[hist.length];
        for (int i = 0; i < hist.length; i++) bits[i] = Half.fromFloat(hist[i]);
        return new MultiAssetSeries(ticker, hotkeys, assets, bits, values, sidx, blocksAhead);
    }

    /** Number of rows {@code N}. */
    public int rows() {
        return sidx.length;
    }

    /** Index of hotkey column {@code h}, asset {@code a} at row {@code t} in {@link #histBits}. */
    public int index(int t, int h, int a) {
        return (t * hotkeys.size() + h) * assets + a;
    }

    /** Value of hotkey column {@code h}, asset {@code a} at row {@code t} (the exact float32 widening). */
    public float at(int t, int h, int a) {
        return Half.toFloat(histBits[index(t, h, a)]);
    }

    /** The embeddings widened to float32, {@code N × H × A} row-major (a fresh copy, twice the memory). */
    public float[] histFloats() {
        float[] out = new float[histBits.length];
        for (int i = 0; i < out.length; i++) out[i] = Half.toFloat(histBits[i]);
        return out;
    }
}
