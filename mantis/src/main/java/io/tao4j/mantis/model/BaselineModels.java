package io.tao4j.mantis.model;

import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;

/**
 * The default models: momentum and realised volatility read from recent prices ({@link PriceFeatures}),
 * turned into each challenge's embedding under one simple belief — over the horizon the log price moves
 * like Brownian motion whose drift, in units of the horizon's standard deviation, is
 * {@code d = clamp(beta · momentumZ, ±maxDrift)} (trends persist a little; beta 0.3 by default).
 *
 * <ul>
 *   <li>BINARY: {@code [tanh(momentumZ / 2), tanh(shortMomentumZ / 2)]} — features for the validator's
 *       classifier, positive when the price has been rising.</li>
 *   <li>HITFIRST: probabilities that the path first rises by one horizon sigma, first falls by one, or
 *       does neither within the horizon, for Brownian motion with drift d (computed on a 400-step
 *       binomial lattice).</li>
 *   <li>LBFGS: p = N(d, 1) mass of the buckets (−∞,−2], (−2,−1), [−1,1], (1,2), [2,∞); Q(c, m) = the
 *       probability of an opposite move of m ∈ {0.5, 1, 2} sigma given the endpoint lies in bucket c,
 *       from the Brownian-bridge extreme law {@code P(min ≤ −m | X₁ = x) = exp(−2m(m + x))} (and its
 *       mirror for the maximum) averaged over the bucket under N(d, 1).</li>
 * </ul>
 * Without usable prices (fewer than {@link PriceFeatures#MIN_PRICES}, or a flat series) BINARY gives
 * {@code [0, 0]} (the validator's "no submission") and the others the driftless answer. The multi-asset
 * challenges of bcff57b have their forecasters in {@link MultiAssetModels}.
 */
public final class BaselineModels {
    private BaselineModels() {
    }

    /** Default drift shrinkage and clamp. */
    public static final double BETA = 0.3;
    public static final double MAX_DRIFT = 1.5;

    static double drift(PriceFeatures f, double beta) {
        if (!f.available()) {
            return 0;
        }
        return Math.max(-MAX_DRIFT, Math.min(MAX_DRIFT, beta * f.momentumZ()));
    }

    /** BINARY baseline. */
    public static EmbeddingModel binary() {
        return (c, h) -> {
            require(c, Loss.BINARY);
            PriceFeatures f = PriceFeatures.of(c, h);
            if (!f.available()) {
                return new double[c.dim()];
            }
            double[] v = new double[c.dim()];
            v[0] = Math.tanh(f.momentumZ() / 2);
            if (v.length > 1) {
                v[1] = Math.tanh(f.shortMomentumZ() / 2);
            }
            return v;
        };
    }

    /** HITFIRST baseline with drift shrinkage {@code beta}. */
    public static EmbeddingModel hitFirst(double beta) {
        return (c, h) -> {
            require(c, Loss.HITFIRST);
            return hitFirstProbabilities(drift(PriceFeatures.of(c, h), beta));
        };
    }

    /** LBFGS baseline with drift shrinkage {@code beta}. */
    public static EmbeddingModel lbfgs(double beta) {
        return (c, h) -> {
            require(c, Loss.LBFGS);
            return lbfgsVector(drift(PriceFeatures.of(c, h), beta));
        };
    }

    private static void require(Challenge c, Loss k) {
        if (c.loss() != k) {
            throw new IllegalArgumentException("the " + k.wireName() + " baseline cannot embed " + c.name() + " (" + c.loss().wireName() + ")");
        }
    }

    static final int LATTICE_STEPS = 400;

    /**
     * [P(up first), P(down first), P(neither)] for barriers ±1 within unit time, Brownian motion with unit
     * variance and drift d, on a binomial lattice of {@link #LATTICE_STEPS} steps of size 1/√steps.
     */
    public static double[] hitFirstProbabilities(double d) {
        int k = LATTICE_STEPS;
        double dx = 1 / Math.sqrt(k);
        int b = (int) Math.round(1 / dx);
        double up = Math.max(0.01, Math.min(0.99, 0.5 * (1 + d * dx)));
        double[] mass = new double[2 * b + 1];
        mass[b] = 1;
        double hitUp = 0;
        double hitDown = 0;
        for (int s = 0; s < k; s++) {
            double[] next = new double[mass.length];
            for (int i = 1; i < mass.length - 1; i++) {
                double m = mass[i];
                if (m == 0) {
                    continue;
                }
                next[i + 1] += m * up;
                next[i - 1] += m * (1 - up);
            }
            hitUp += next[mass.length - 1];
            hitDown += next[0];
            next[mass.length - 1] = 0;
            next[0] = 0;
            mass = next;
        }
        return normalised(new double[] {hitUp, hitDown, Math.max(0, 1 - hitUp - hitDown)}, 1e-4);
    }

    private static final double[] EDGES = {Double.NEGATIVE_INFINITY, -2, -1, 1, 2, Double.POSITIVE_INFINITY};
    private static final double[] THRESHOLDS = {0.5, 1.0, 2.0};
    private static final int[] Q_BUCKETS = {0, 1, 3, 4};

    /** The 17 LBFGS values for horizon drift d (in horizon sigmas). */
    public static double[] lbfgsVector(double d) {
        double[] p = new double[5];
        for (int k = 0; k < 5; k++) {
            p[k] = Gaussian.cdf(EDGES[k + 1] - d) - Gaussian.cdf(EDGES[k] - d);
        }
        double[] out = new double[17];
        System.arraycopy(normalised(p, 1e-5), 0, out, 0, 5);
        int j = 5;
        for (int c : Q_BUCKETS) {
            for (double m : THRESHOLDS) {
                out[j++] = clamp(oppositeMoveProbability(c, m, d), 1e-4);
            }
        }
        return out;
    }

    /** E[P(opposite move of m | X₁ = x) | x in bucket c], x ~ N(d, 1), by Simpson's rule. */
    static double oppositeMoveProbability(int bucket, double m, double d) {
        double lo = Math.max(EDGES[bucket], d - 8);
        double hi = Math.min(EDGES[bucket + 1], d + 8);
        boolean positive = bucket >= 3;
        if (!(hi > lo)) {
            double x = EDGES[bucket] > d ? EDGES[bucket] : EDGES[bucket + 1];
            return bridge(positive, m, x);
        }
        int n = 400;
        double step = (hi - lo) / n;
        double num = 0;
        double den = 0;
        for (int i = 0; i <= n; i++) {
            double x = lo + i * step;
            double w = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
            double dens = Gaussian.pdf(x - d) * w;
            num += dens * bridge(positive, m, x);
            den += dens;
        }
        return den > 0 ? num / den : bridge(positive, m, 0.5 * (lo + hi));
    }

    /** Brownian bridge from 0 to x in unit time: P(min ≤ −m) for a positive endpoint, P(max ≥ m) for a negative one. */
    private static double bridge(boolean positiveEnd, double m, double x) {
        double e = positiveEnd ? m + x : m - x;
        return e <= 0 ? 1 : Math.exp(-2 * m * e);
    }

    private static double clamp(double x, double eps) {
        return Math.max(eps, Math.min(1 - eps, x));
    }

    /** Clamps every entry to at least {@code floor} and rescales to sum 1. */
    static double[] normalised(double[] p, double floor) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.max(floor, p[i]);
            s += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= s;
        }
        return p;
    }
}
