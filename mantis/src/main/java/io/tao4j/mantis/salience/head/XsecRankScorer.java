package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.salience.math.SklearnLogistic.LbfgsRules;

import java.util.Arrays;
import java.util.Map;

/**
 * XSEC-RANK at bcff57b ({@code xsec_rank.compute_xsec_rank_salience}, spec §5.8): label {@code y[t, a] = 1} when
 * the asset's return from row t to row {@code t + blocks_ahead/5} (row positions, both prices > 0) beats the
 * cross-sectional NaN-median; all (row, asset) pairs pooled; then {@link CrossSectionWalkForward} with LAG 60.
 * Pure and deterministic; the series is the engine's trimmed one.
 */
public final class XsecRankScorer {
    static final int SAMPLE_EVERY = 5;
    static final int MIN_ROWS = 500;

    private XsecRankScorer() {}

    /** The reference's return value (positive importances normalised; empty = {}). */
    public static Map<String, Double> score(MultiAssetSeries s) {
        return score(s, LbfgsRules.SKLEARN_1_7);
    }

    /** With scikit-learn 1.2's lbfgs rules instead of 1.7's (the parity fixtures ran 1.2). */
    public static Map<String, Double> score(MultiAssetSeries s, LbfgsRules lbfgs) {
        CrossSectionWalkForward.Pool pool = pool(s);
        if (pool == null) return Map.of();
        return new CrossSectionWalkForward(s, pool, null, CrossSectionWalkForward.Rules.xsec(s.ticker()), lbfgs).run();
    }

    /** Labels and pooled rows, or null when the reference returns {} before its walk-forward. */
    static CrossSectionWalkForward.Pool pool(MultiAssetSeries s) {
        int t = s.rows(), a = s.assets(), h = s.hotkeys().size();
        int ahead = s.blocksAhead() / SAMPLE_EVERY;
        if (h <= 0 || a <= 0 || ahead <= 0 || t <= ahead) return null;
        int tu = t - ahead;
        if (tu < MIN_ROWS) return null;
        double[] p = s.values();
        double[] ret = new double[a];
        int[] rt = new int[tu * a];
        byte[] ra = new byte[tu * a];
        byte[] ry = new byte[tu * a];
        int n = 0, pos = 0;
        for (int r = 0; r < tu; r++) {
            for (int k = 0; k < a; k++) {
                double p0 = p[r * a + k], p1 = p[(r + ahead) * a + k];
                ret[k] = p0 > 0 && p1 > 0 ? p1 / p0 - 1.0 : Double.NaN;
            }
            double med = nanMedian(ret);
            for (int k = 0; k < a; k++) {
                if (Double.isNaN(ret[k])) continue;
                rt[n] = r;
                ra[n] = (byte) k;
                ry[n] = (byte) (ret[k] > med ? 1 : 0);
                if (ry[n] != 0) pos++;
                n++;
            }
        }
        if (n < CrossSectionWalkForward.MIN_TRAIN_ROWS || pos == 0 || pos == n) return null;
        return new CrossSectionWalkForward.Pool(Arrays.copyOf(rt, n), Arrays.copyOf(ra, n), Arrays.copyOf(ry, n), tu);
    }

    /** {@code np.nanmedian} of one row: middle value, or the mean of the middle two; NaN when all are NaN. */
    static double nanMedian(double[] v) {
        double[] f = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        int m = f.length;
        if (m == 0) return Double.NaN;
        return m % 2 == 1 ? f[m / 2] : (f[m / 2 - 1] + f[m / 2]) / 2.0;
    }
}
