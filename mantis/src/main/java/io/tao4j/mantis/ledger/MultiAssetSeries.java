package io.tao4j.mantis.ledger;

import java.util.List;
import java.util.Objects;

/**
 * The training rows of a multi-asset challenge (XSEC-RANK, FUNDING-XSEC, TRADE-MIX) as MANTIS at bcff57b builds
 * them ({@code _build_xsec_from_db}, {@code _build_funding_xsec_from_db}, {@code _build_trade_mix_from_db}).
 *
 * @param ticker      the challenge ticker
 * @param hotkeys     column order: the active hotkeys that ever submitted, sorted by code point
 * @param assets      number of assets {@code A} (storage dim / per-asset dim)
 * @param hist        {@code N × H × A} row-major float32 (the reference's {@code X} reshaped); zeros = no vector
 * @param values      {@code N × A}: prices (missing asset 0.0) or funding rates (missing asset NaN)
 * @param sidx        the sample index of every row ({@code sidx_arr}; present for XSEC-RANK too, which the
 *                    reference does not hand over)
 * @param blocksAhead the challenge's horizon in blocks
 */
public record MultiAssetSeries(String ticker, List<String> hotkeys, int assets, float[] hist, double[] values,
                               long[] sidx, int blocksAhead) {
    public MultiAssetSeries {
        Objects.requireNonNull(ticker, "ticker");
        hotkeys = List.copyOf(hotkeys);
        int n = sidx.length;
        if ((long) n * hotkeys.size() * assets != hist.length || (long) n * assets != values.length) {
            throw new IllegalArgumentException(ticker + ": " + n + " rows × " + hotkeys.size() + " hotkeys × " + assets
                    + " assets do not match hist " + hist.length + " / values " + values.length);
        }
    }

    /** Number of rows {@code N}. */
    public int rows() {
        return sidx.length;
    }

    /** Value of hotkey column {@code h}, asset {@code a} at row {@code t}. */
    public float at(int t, int h, int a) {
        return hist[(t * hotkeys.size() + h) * assets + a];
    }
}
