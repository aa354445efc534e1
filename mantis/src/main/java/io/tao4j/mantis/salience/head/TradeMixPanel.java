package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.salience.math.Half;

/**
 * TRADE-MIX's hourly panel ({@code trade_mix._hourly_panel}, spec §5.10 step 1): the ledger rows nearest at or
 * after each point of an hourly grid anchored at the first row, and the panel's positions, prices and
 * submission mask.
 *
 * <p>Grid {@code sidx[0], sidx[0] + step, … ≤ sidx[N−1]} ({@code step} = {@link TradeMixConfig#hourStep()} rows);
 * each point takes the first row with {@code sidx ≥ point} (the last row when none), kept when that row is within
 * {@code max(1, step / 6)} samples of the point; repeated rows count once. Rows lacking any asset's price
 * ({@code ≤ 0} or NaN) are dropped. Positions are clipped to [−1, 1] (NaN stays NaN and counts as submitted).
 *
 * @param rows      T, the panel's length
 * @param hotkeys   H
 * @param assets    A
 * @param pos       {@code T × H × A} clipped positions (float32, NaN kept)
 * @param prices    {@code T × A}
 * @param submitted {@code T × H}: any of the miner's A values is non-zero
 * @param ledgerRow the ledger row behind each panel row
 */
record TradeMixPanel(int rows, int hotkeys, int assets, float[] pos, double[] prices, boolean[] submitted,
                     int[] ledgerRow) {
    /** Fewer usable rows than this: nothing to score ({@code _hourly_panel} returns None). */
    static final int MIN_ROWS = 10;

    /** The panel of {@code s}, or null when fewer than {@link #MIN_ROWS} grid rows (or priced grid rows) exist. */
    static TradeMixPanel of(MultiAssetSeries s, TradeMixConfig cfg) {
        int n = s.rows();
        if (n == 0) return null;
        long[] sidx = s.sidx();
        int step = cfg.hourStep();
        int tol = Math.max(1, step / 6);
        int[] picked = new int[(int) Math.min(n, (sidx[n - 1] - sidx[0]) / step + 1)];
        int count = 0;
        int loc = 0;
        for (long g = sidx[0]; g <= sidx[n - 1]; g += step) {
            while (loc < n && sidx[loc] < g) loc++;      // searchsorted(side="left")
            int l = Math.min(loc, n - 1);
            if (Math.abs(sidx[l] - g) <= tol && (count == 0 || picked[count - 1] != l)) {
                picked[count++] = l;
            }
        }
        if (count < MIN_ROWS) return null;
        int a = s.assets();
        double[] values = s.values();
        int good = 0;
        int[] rows = new int[count];
        for (int k = 0; k < count; k++) {
            int r = picked[k];
            boolean ok = true;
            for (int j = 0; j < a; j++) {
                if (!(values[r * a + j] > 0)) {
                    ok = false;
                    break;
                }
            }
            if (ok) rows[good++] = r;
        }
        if (good < MIN_ROWS) return null;
        int h = s.hotkeys().size();
        short[] hist = s.histBits();
        float[] pos = new float[good * h * a];
        double[] prices = new double[good * a];
        boolean[] submitted = new boolean[good * h];
        int rowLen = h * a;
        for (int t = 0; t < good; t++) {
            int r = rows[t];
            System.arraycopy(values, r * a, prices, t * a, a);
            int src = r * rowLen, dst = t * rowLen;
            for (int k = 0; k < rowLen; k++) {
                float v = Half.toFloat(hist[src + k]);
                // np.clip keeps NaN; NaN != 0 is true, so it marks the miner as submitted
                float c = v < -1f ? -1f : (v > 1f ? 1f : v);
                pos[dst + k] = c;
                if (c != 0f) submitted[t * h + k / a] = true;
            }
        }
        return new TradeMixPanel(good, h, a, pos, prices, submitted, java.util.Arrays.copyOf(rows, good));
    }

    /** Position of miner {@code i} in asset {@code j} at panel row {@code t}, NaN read as 0 (a flat book). */
    double p0(int t, int i, int j) {
        float v = pos[(t * hotkeys + i) * assets + j];
        return v != v ? 0.0 : v;
    }
}
