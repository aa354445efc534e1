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
 *       (28 800 blocks) before the last one; the break side is the edge the price is nearer to (or has left).
 *       {@code p_cont} = logistic(0.79 + 0.93·jump − 0.134·width − 0.062·run-up): jump = ±exp(−age / 17 h) of the
 *       last day's most recent jump (a one-step move over 8 step sigmas) toward (+) or away from (−) that side,
 *       width = range in sigma·√steps, run-up = the last hour's move toward the edge in sigma·√steps; weights fitted
 *       on generated local histories (see {@link #continuation(double[], int, int)}). {@code p_rev = 1 − p_cont}.</li>
 *   <li>XSEC-RANK ({@link #xsecMomentum}): cross-sectional momentum — the assets ranked by their log return over the
 *       horizon plus that over a quarter of it, scaled to [−1, 1] (best +1, worst −1).</li>
 *   <li>FUNDING-XSEC ({@link #fundingReversion}): funding rates revert to their mean, so the predicted change is
 *       (longer-run level − current rate), the level being the asset's own history mean shrunk toward the
 *       cross-sectional mean when the history is short; ranked and scaled to [−1, 1].</li>
 *   <li>TRADE-MIX ({@link #trendPosition}): jump-following plus a little fast-drift and 12-hour trend, per asset
 *       (see there): positions that change slowly, so that fees do not eat the follow-through.</li>
 * </ul>
 */
public final class MultiAssetModels {
    private MultiAssetModels() {
    }

    /** Lookback of the range when the protocol has no breakout parameters (4 days, as bcff57b). */
    static final int DEFAULT_RANGE_BLOCKS = 28_800;
    /** Trend lookback when the protocol has no TRADE-MIX parameters (12 hours). */
    static final int DEFAULT_TREND_BLOCKS = 3_600;
    /** A one-step move larger than this many step sigmas is a jump. */
    static final double JUMP_SIGMAS = 8;
    /** Mean life of a trend a jump starts: the local feed's slow trend has a 12-hour half-life (17.3 h = 5 194 blocks). */
    static final int TREND_LIFE_BLOCKS = 5_200;
    /** How far back the breakout model looks for a jump (24 hours) and the TRADE-MIX model (48 hours). */
    static final int BREAKOUT_JUMP_BLOCKS = 7_200;
    static final int TRADE_JUMP_BLOCKS = 14_400;
    /** The run-up toward the edge the breakout model reads (one hour). */
    static final int RUN_UP_BLOCKS = 300;
    /** Half-life of the fast drift's estimate (the feed's fast drift: about 70 blocks) and its longest window. */
    static final int DRIFT_HALF_LIFE_BLOCKS = 70;
    static final int DRIFT_STEPS = 60;
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
                double pCont = continuation(h.prices().get(c.assets().get(a)), look, h.blocksPerStep());
                out[2 * a] = pCont;
                out[2 * a + 1] = 1 - pCont;
            }
            return out;
        };
    }

    /**
     * {@code p_cont} of a breakout of the range of the last {@code look} steps of {@code p} (steps of
     * {@code blocksPerStep} blocks) out of the side the price is nearer to: a logistic score of three features —
     * a recent jump toward that side (the feed's jumps kick its slow trend, so their follow-through carries the
     * price on), how wide the range is for the volatility (a wide range puts the barriers far apart, where a
     * break reverts more often) and the last hour's move toward the edge (a fast run-up fades). Weights fitted
     * once on generated local histories (seeds 1–8, 25 days: out-of-sample AUC 0.56–0.63 against 0.51–0.59 of the
     * earlier hand-made score).
     */
    static double continuation(double[] p, int look, int blocksPerStep) {
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
        double sigma = sigmaStep(p);
        if (!(hi > lo) || !(sigma > 0)) {
            return 0.5;
        }
        double dir = last - lo >= hi - last ? 1 : -1;
        int w = Math.min(look, n - 1);
        double width = Math.log(hi / lo) / (sigma * Math.sqrt(w));
        int k = Math.min(n - 1, stepsOf(RUN_UP_BLOCKS, blocksPerStep));
        double runUp = dir * Math.log(last / p[n - 1 - k]) / (sigma * Math.sqrt(k));
        double jump = dir * lastJump(p, sigma, stepsOf(BREAKOUT_JUMP_BLOCKS, blocksPerStep),
                (double) TREND_LIFE_BLOCKS / blocksPerStep);
        double score = 0.79 + 0.93 * jump - 0.134 * width - 0.062 * runUp;
        double pc = 1 / (1 + Math.exp(-score));
        return Math.max(0.02, Math.min(0.98, pc));
    }

    /**
     * The most recent jump in the last {@code window} steps — a one-step move of more than {@link #JUMP_SIGMAS}
     * step sigmas — as its sign times {@code exp(−age / life)} (age in steps); 0 without one.
     */
    static double lastJump(double[] p, double sigma, int window, double life) {
        int n = p.length;
        for (int i = n - 1; i > Math.max(0, n - 1 - window); i--) {
            double r = Math.log(p[i] / p[i - 1]) / sigma;
            if (Math.abs(r) > JUMP_SIGMAS) {
                return Math.signum(r) * Math.exp(-(n - 1 - i) / life);
            }
        }
        return 0;
    }

    /** Sum of {@code sign · exp(−age / life)} over the jumps (as {@link #lastJump}) of the last {@code window} steps. */
    static double jumps(double[] p, double sigma, int window, double life) {
        int n = p.length;
        double j = 0;
        for (int i = n - 1; i > Math.max(0, n - 1 - window); i--) {
            double r = Math.log(p[i] / p[i - 1]) / sigma;
            if (Math.abs(r) > JUMP_SIGMAS) {
                j += Math.signum(r) * Math.exp(-(n - 1 - i) / life);
            }
        }
        return j;
    }

    /**
     * The fast drift's sign and strength: an exponentially weighted mean of the step returns (half-life
     * {@code halfLife} steps, at most {@code 60} of them) in units of its standard error under no drift.
     */
    static double drift(double[] p, double sigma, double halfLife) {
        int n = p.length;
        double lam = Math.pow(0.5, 1 / halfLife);
        double sum = 0;
        double wsum = 0;
        double wt = 1;
        for (int i = n - 1; i > Math.max(0, n - 1 - DRIFT_STEPS); i--) {
            sum += wt * Math.log(p[i] / p[i - 1]);
            wsum += wt;
            wt *= lam;
        }
        return wsum == 0 ? 0 : sum / wsum / sigma * Math.sqrt(wsum);
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

    /**
     * TRADE-MIX: per asset, follow the last two days' jumps (each {@code ±exp(−age / 17 h)}, together at most ±1: the
     * feed's jumps kick its slow trend, whose follow-through lasts about its 17-hour mean life), plus 0.3 ×
     * the fast drift's direction and 0.2 × the volatility-scaled trend over the first horizon (12 h), clipped to ±1.
     */
    public static EmbeddingModel trendPosition(Protocol protocol) {
        int trendBlocks = protocol.tradeMix().map(t -> t.horizonsHours().get(0) * 300).orElse(DEFAULT_TREND_BLOCKS);
        return (c, h) -> {
            require(c, Loss.TRADE_MIX);
            double[] out = new double[c.assets().size()];
            int look = steps(trendBlocks, h);
            int bps = h.blocksPerStep();
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
                double jump = Math.max(-1, Math.min(1, jumps(p, sigma, stepsOf(TRADE_JUMP_BLOCKS, bps),
                        (double) TREND_LIFE_BLOCKS / bps)));
                double d = drift(p, sigma, (double) DRIFT_HALF_LIFE_BLOCKS / bps);
                out[a] = Math.max(-1, Math.min(1, jump + 0.3 * Math.tanh(d / 2) + 0.2 * Math.tanh(z / 2)));
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
        return stepsOf(blocks, h.blocksPerStep());
    }

    private static int stepsOf(int blocks, int blocksPerStep) {
        return (int) Math.max(1, Math.round((double) blocks / blocksPerStep));
    }

    private static void require(Challenge c, Loss k) {
        if (c.loss() != k) {
            throw new IllegalArgumentException("the " + k.wireName() + " baseline cannot embed " + c.name() + " ("
                    + c.loss().wireName() + ")");
        }
    }
}
