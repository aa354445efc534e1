package io.tao4j.mantis.model;

import io.tao4j.mantis.protocol.Challenge;

/**
 * What the baseline models read from the price history of one challenge's asset, in units of the
 * history's step: the horizon in steps, the realised volatility of one-step log returns, and momentum
 * (the log return over a lookback, divided by the volatility expected over that lookback, so it is a
 * z-score: about N(0, 1) for a driftless random walk).
 *
 * @param available      false when the asset has too few prices or no price movement; the other values are then 0
 * @param horizonSteps   {@code round(blocksAhead / blocksPerStep)}, at least 1
 * @param sigmaStep      realised standard deviation of one-step log returns (ddof 1) over the last
 *                       {@link #VOL_WINDOW} returns at most
 * @param momentumZ      z-scored log return over {@code min(horizonSteps, n − 1)} steps
 * @param shortMomentumZ z-scored log return over a fifth of that (at least one step)
 */
public record PriceFeatures(boolean available, int horizonSteps, double sigmaStep, double momentumZ, double shortMomentumZ) {
    /** Fewest prices a baseline model uses (fewer gives the uninformed answer). */
    public static final int MIN_PRICES = 10;
    /** Most one-step returns used for the volatility estimate. */
    public static final int VOL_WINDOW = 2048;

    /** Features of {@code c}'s price key in {@code h}. */
    public static PriceFeatures of(Challenge c, PriceHistory h) {
        return of(c.priceKey(), c.blocksAhead(), h);
    }

    /** Features of {@code priceKey} in {@code h} for a horizon of {@code blocksAhead} blocks. */
    public static PriceFeatures of(String priceKey, int blocksAhead, PriceHistory h) {
        int horizon = (int) Math.max(1, Math.round((double) blocksAhead / h.blocksPerStep()));
        double[] p = h.prices().get(priceKey);
        if (p == null || p.length < MIN_PRICES) {
            return new PriceFeatures(false, horizon, 0, 0, 0);
        }
        int n = p.length;
        double[] lp = new double[n];
        for (int i = 0; i < n; i++) {
            lp[i] = Math.log(p[i]);
        }
        int w = Math.min(n - 1, VOL_WINDOW);
        double mean = 0;
        for (int i = n - w; i < n; i++) {
            mean += lp[i] - lp[i - 1];
        }
        mean /= w;
        double ss = 0;
        for (int i = n - w; i < n; i++) {
            double r = lp[i] - lp[i - 1] - mean;
            ss += r * r;
        }
        double sigma = Math.sqrt(ss / (w - 1));
        if (!(sigma > 1e-12)) {
            return new PriceFeatures(false, horizon, 0, 0, 0);
        }
        int look = Math.min(horizon, n - 1);
        int shortLook = Math.max(1, Math.min(look / 5, n - 1));
        double mz = (lp[n - 1] - lp[n - 1 - look]) / (sigma * Math.sqrt(look));
        double smz = (lp[n - 1] - lp[n - 1 - shortLook]) / (sigma * Math.sqrt(shortLook));
        return new PriceFeatures(true, horizon, sigma, mz, smz);
    }
}
