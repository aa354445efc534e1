package io.tao4j.mantis.model;

import io.tao4j.mantis.protocol.Challenge;

/**
 * The ranges the MANTIS validator accepts (ledger.py {@code _validate_submission} and the miner guides),
 * checked strictly so that a vector passes the validator's sanitising <em>unchanged</em>: BINARY in
 * [−1, 1]; HITFIRST in [1e-6, 1 − 1e-6] summing to 1 (±1e-6); LBFGS p in [1e-6, 1 − 1e-6] summing to 1
 * (±1e-9, so the validator's renormalisation is a no-op to float precision) and Q in [1e-6, 1 − 1e-6];
 * bcff57b's multi-asset challenges (the flat, asset-major vector a model returns; {@link ModelSet#toJson} sends it
 * in the per-asset object form): RANGE_BREAKOUT_MULTI {@code [p_cont, p_rev]} per asset in [0, 1]; XSEC_RANK,
 * FUNDING_XSEC and TRADE_MIX one value per asset in [−1, 1].
 */
public final class EmbeddingRanges {
    /** The validator's clip bound for probabilities. */
    public static final double P_MIN = 1e-6;
    public static final double P_MAX = 1 - 1e-6;

    private EmbeddingRanges() {
    }

    /**
     * @throws IllegalArgumentException naming the challenge, index and value when {@code v} is out of range
     */
    public static void check(Challenge c, double[] v) {
        if (v == null) {
            throw new IllegalArgumentException(c.name() + ": model returned null");
        }
        if (v.length != c.storageDim()) {
            throw new IllegalArgumentException(c.name() + ": model returned " + v.length + " values, the challenge needs "
                    + c.storageDim());
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(c.name() + "[" + i + "] is not finite: " + v[i]);
            }
        }
        switch (c.loss()) {
            case BINARY, XSEC_RANK, FUNDING_XSEC, TRADE_MIX -> within(c, v, -1);
            case RANGE_BREAKOUT_MULTI -> within(c, v, 0);
            case HITFIRST -> distribution(c, v, 0, v.length, 1e-6);
            case LBFGS -> {
                distribution(c, v, 0, 5, 1e-9);
                for (int i = 5; i < v.length; i++) {
                    probability(c, v, i);
                }
            }
        }
    }

    private static void within(Challenge c, double[] v, double lo) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] < lo || v[i] > 1) {
                throw new IllegalArgumentException(c.name() + "[" + i + "] = " + v[i] + " is outside [" + (int) lo + ", 1]");
            }
        }
    }

    private static void distribution(Challenge c, double[] v, int from, int to, double tol) {
        double s = 0;
        for (int i = from; i < to; i++) {
            probability(c, v, i);
            s += v[i];
        }
        if (Math.abs(s - 1) > tol) {
            throw new IllegalArgumentException(c.name() + "[" + from + ".." + (to - 1) + "] sums to " + s + ", not 1");
        }
    }

    private static void probability(Challenge c, double[] v, int i) {
        if (v[i] < P_MIN || v[i] > P_MAX) {
            throw new IllegalArgumentException(c.name() + "[" + i + "] = " + v[i] + " is not a probability in [1e-6, 1-1e-6]");
        }
    }
}
