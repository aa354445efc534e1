package io.tao4j.mantis.model;

import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline's forecasters for the multi-asset challenges of bcff57b: simple, honest rules over the price and
 * funding history ({@link PriceHistory}), each returning the flat asset-major vector of its challenge. An asset
 * without enough history gets the uninformed answer (0, or {@code [0.5, 0.5]} for breakouts).
 *
 * <ul>
 *   <li>MULTI-BREAKOUT ({@link #breakout}): the range is the min/max of the prices of the breakout lookback
 *       (28 800 blocks) before the last one; the break direction is the side the price left (or, inside the range,
 *       the nearer edge). {@code p_cont = 0.5 + 0.35·tanh(score / 2)} with score = (last step's move in the break
 *       direction in step sigmas − 1) − 2·(range width in sigma·√steps − √(8/π)) + distance past the edge in range
 *       widths: a fast break (a gap) continues, a break out of a range wide for its volatility reverts more often;
 *       {@code p_rev = 1 − p_cont}.</li>
 *   <li>XSEC-RANK ({@link #xsecMomentum}): cross-sectional momentum — the assets ranked by their log return over the
 *       horizon plus that over a quarter of it, scaled to [−1, 1] (best +1, worst −1).</li>
 *   <li>FUNDING-XSEC ({@link #fundingReversion}): funding rates revert to their mean, so the predicted change is
 *       (longer-run level − current rate), the level being the asset's own history mean shrunk toward the
 *       cross-sectional mean when the history is short; ranked and scaled to [−1, 1].</li>
 *   <li>TRADE-MIX ({@link #trendPosition}): a volatility-scaled trend position, {@code tanh(z / 2)} with z the
 *       log return over the first TRADE-MIX horizon (12 h) in units of its expected standard deviation.</li>
 * </ul>
 */
public final class MultiAssetModels {
    private MultiAssetModels() {
    }

    /** E[range] of a driftless random walk over n steps, in units of sigma·sqrt(n) (√(8/π)). */
    static final double TYPICAL_RANGE = Math.sqrt(8 / Math.PI);
    /** How much a range wider than typical (in those units) lowers the continuation score. */
    static final double SQUEEZE_WEIGHT = 2;
    /** Lookback of the range when the protocol has no breakout parameters (4 days, as bcff57b). */
    static final int DEFAULT_RANGE_BLOCKS = 28_800;
    /** Trend lookback when the protocol has no TRADE-MIX parameters (12 hours). */
    static final int DEFAULT_TREND_BLOCKS = 3_600;
    /** Funding-rate half-life assumed for shrinking a short history's mean (8 hours). */
    static final int FUNDING_PRIOR_BLOCKS = 2_400;

    /** MULTI-BREAKOUT: continuation probability from how fast and how far the price broke how wide a range. */
    public static EmbeddingModel breakout(Protocol protocol) {
        int rangeBlocks = protocol.breakout().map(Protocol.BreakoutParams::rangeLookbackBlocks).orElse(DEFAULT_RANGE_BLOCKS);
        return (c, h) -> {
            require(c, Loss.RANGE_BREAKOUT_MULTI);
            double[] out = new double[c.storageDim()];
            int look = steps(rangeBlocks, h);
            for (int a = 0; a < c.assets().size(); a++) {
                double pCont = continuation(h.prices().get(c.assets().get(a)), look);
                out[2 * a] = pCont;
                out[2 * a + 1] = 1 - pCont;
            }
            return out;
        };
    }

    static double continuation(double[] p, int look) {
        if (p == null || p.length < PriceFeatures.MIN_PRICES) {
            return 0.5;
        }
        int n = p.length;
        double last = p[n - 1];
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        for (int i = Math.max(0, n - 1 - look); i < n - 1; i++) {
            hi = Math.max(hi, p[i]);
            lo = Math.min(lo, p[i]);
        }
        double range = hi - lo;
        double sigma = sigmaStep(p);
        if (!(range > 0) || !(sigma > 0)) {
            return 0.5;
        }
        double dir;
        double excess;
        if (last > hi) {
            dir = 1;
            excess = (last - hi) / range;
        } else if (last < lo) {
            dir = -1;
            excess = (lo - last) / range;
        } else {
            dir = last - lo >= hi - last ? 1 : -1;
            excess = 0;
        }
        // how fast: the last step's move in the break direction, in step sigmas (a gap through the edge, not a drift)
        double gap = Math.max(-3, Math.min(6, dir * Math.log(last / p[n - 2]) / sigma));
        // how wide: the range against what a random walk spans over the lookback (about 1.6 sigma·sqrt(steps));
        // a break out of a tight range (a squeeze) continues more often than one out of a wide range
        int w = Math.min(look, n - 1);
        double width = Math.log(hi / lo) / (sigma * Math.sqrt(w)) - TYPICAL_RANGE;
        double score = (gap - 1) - SQUEEZE_WEIGHT * width + excess;
        double pc = 0.5 + 0.35 * Math.tanh(0.5 * score);
        return Math.max(0.02, Math.min(0.98, pc));
    }

    /** XSEC-RANK: rank of recent return across the challenge's assets, scaled to [−1, 1]. */
    public static EmbeddingModel xsecMomentum() {
        return (c, h) -> {
            require(c, Loss.XSEC_RANK);
            int look = steps(c.blocksAhead(), h);
            int quarter = Math.max(1, look / 4);
            double[] signal = new double[c.assets().size()];
            boolean[] has = new boolean[signal.length];
            for (int a = 0; a < signal.length; a++) {
                double[] p = h.prices().get(c.assets().get(a));
                if (p != null && p.length >= PriceFeatures.MIN_PRICES) {
                    int n = p.length;
                    signal[a] = Math.log(p[n - 1] / p[n - 1 - Math.min(look, n - 1)])
                            + Math.log(p[n - 1] / p[n - 1 - Math.min(quarter, n - 1)]);
                    has[a] = true;
                }
            }
            return rankScores(signal, has);
        };
    }

    /** FUNDING-XSEC: predicted funding-rate change toward the longer-run level, ranked to [−1, 1]. */
    public static EmbeddingModel fundingReversion() {
        return (c, h) -> {
            require(c, Loss.FUNDING_XSEC);
            int m = c.assets().size();
            double[] now = new double[m];
            double[] mean = new double[m];
            int[] len = new int[m];
            boolean[] has = new boolean[m];
            double xsum = 0;
            int xn = 0;
            for (int a = 0; a < m; a++) {
                double[] f = h.funding().get(c.assets().get(a));
                if (f != null && f.length >= 2) {
                    double s = 0;
                    for (double x : f) {
                        s += x;
                    }
                    now[a] = f[f.length - 1];
                    mean[a] = s / f.length;
                    len[a] = f.length;
                    has[a] = true;
                    xsum += mean[a];
                    xn++;
                }
            }
            double xmean = xn == 0 ? 0 : xsum / xn;
            double prior = steps(FUNDING_PRIOR_BLOCKS, h);
            double[] signal = new double[m];
            for (int a = 0; a < m; a++) {
                if (has[a]) {
                    double level = (len[a] * mean[a] + prior * xmean) / (len[a] + prior);
                    signal[a] = level - now[a];
                }
            }
            return rankScores(signal, has);
        };
    }

    /** TRADE-MIX: volatility-scaled trend position per asset. */
    public static EmbeddingModel trendPosition(Protocol protocol) {
        int trendBlocks = protocol.tradeMix().map(t -> t.horizonsHours().get(0) * 300).orElse(DEFAULT_TREND_BLOCKS);
        return (c, h) -> {
            require(c, Loss.TRADE_MIX);
            double[] out = new double[c.assets().size()];
            int look = steps(trendBlocks, h);
            for (int a = 0; a < out.length; a++) {
                double[] p = h.prices().get(c.assets().get(a));
                if (p == null || p.length < PriceFeatures.MIN_PRICES) {
                    continue;
                }
                double sigma = sigmaStep(p);
                if (!(sigma > 0)) {
                    continue;
                }
                int n = p.length;
                int k = Math.min(look, n - 1);
                double z = Math.log(p[n - 1] / p[n - 1 - k]) / (sigma * Math.sqrt(k));
                out[a] = Math.tanh(z / 2);
            }
            return out;
        };
    }

    /**
     * Ranks of {@code signal} among the entries with {@code has}, scaled to [−1, 1] (ties share their mean rank);
     * entries without data get 0. Fewer than two entries with data give all zeros.
     */
    static double[] rankScores(double[] signal, boolean[] has) {
        double[] out = new double[signal.length];
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < signal.length; i++) {
            if (has[i]) {
                idx.add(i);
            }
        }
        int k = idx.size();
        if (k < 2) {
            return out;
        }
        idx.sort((x, y) -> Double.compare(signal[x], signal[y]));
        int i = 0;
        while (i < k) {
            int j = i;
            while (j + 1 < k && signal[idx.get(j + 1)] == signal[idx.get(i)]) {
                j++;
            }
            double rank = (i + j) / 2.0;
            for (int t = i; t <= j; t++) {
                out[idx.get(t)] = 2 * rank / (k - 1) - 1;
            }
            i = j + 1;
        }
        return out;
    }

    /** Standard deviation of the one-step log returns over the last {@link PriceFeatures#VOL_WINDOW} at most. */
    static double sigmaStep(double[] p) {
        int n = p.length;
        int w = Math.min(n - 1, PriceFeatures.VOL_WINDOW);
        if (w < 2) {
            return 0;
        }
        double[] r = new double[w]; // each log return once (the same values in both passes)
        double mean = 0;
        for (int i = n - w; i < n; i++) {
            r[i - n + w] = Math.log(p[i] / p[i - 1]);
            mean += r[i - n + w];
        }
        mean /= w;
        double ss = 0;
        for (double x : r) {
            double d = x - mean;
            ss += d * d;
        }
        double s = Math.sqrt(ss / (w - 1));
        return s > 1e-12 ? s : 0;
    }

    private static int steps(int blocks, PriceHistory h) {
        return (int) Math.max(1, Math.round((double) blocks / h.blocksPerStep()));
    }

    private static void require(Challenge c, Loss k) {
        if (c.loss() != k) {
            throw new IllegalArgumentException("the " + k.wireName() + " baseline cannot embed " + c.name() + " ("
                    + c.loss().wireName() + ")");
        }
    }
}
