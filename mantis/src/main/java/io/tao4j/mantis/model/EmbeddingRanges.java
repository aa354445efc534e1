package io.tao4j.mantis.model;

import io.tao4j.mantis.salience.MantisChallenge;

/**
 * The ranges the MANTIS validator accepts (ledger.py {@code _validate_submission} and the miner guides),
 * checked strictly so that a vector passes the validator's sanitising <em>unchanged</em>: BINARY in
 * [−1, 1]; HITFIRST in [1e-6, 1 − 1e-6] summing to 1 (±1e-6); LBFGS p in [1e-6, 1 − 1e-6] summing to 1
 * (±1e-9, so the validator's renormalisation is a no-op to float precision) and Q in [1e-6, 1 − 1e-6].
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
    public static void check(MantisChallenge c, double[] v) {
        if (v == null) {
            throw new IllegalArgumentException(c.name() + ": model returned null");
        }
        if (v.length != c.dim()) {
            throw new IllegalArgumentException(c.name() + ": model returned " + v.length + " values, the challenge needs " + c.dim());
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(c.name() + "[" + i + "] is not finite: " + v[i]);
            }
        }
        switch (c.loss()) {
            case BINARY -> {
                for (int i = 0; i < v.length; i++) {
                    if (v[i] < -1 || v[i] > 1) {
                        throw new IllegalArgumentException(c.name() + "[" + i + "] = " + v[i] + " is outside [-1, 1]");
                    }
                }
            }
            case HITFIRST -> distribution(c, v, 0, v.length, 1e-6);
            case LBFGS -> {
                distribution(c, v, 0, 5, 1e-9);
                for (int i = 5; i < v.length; i++) {
                    probability(c, v, i);
                }
            }
        }
    }

    private static void distribution(MantisChallenge c, double[] v, int from, int to, double tol) {
        double s = 0;
        for (int i = from; i < to; i++) {
            probability(c, v, i);
            s += v[i];
        }
        if (Math.abs(s - 1) > tol) {
            throw new IllegalArgumentException(c.name() + "[" + from + ".." + (to - 1) + "] sums to " + s + ", not 1");
        }
    }

    private static void probability(MantisChallenge c, double[] v, int i) {
        if (v[i] < P_MIN || v[i] > P_MAX) {
            throw new IllegalArgumentException(c.name() + "[" + i + "] = " + v[i] + " is not a probability in [1e-6, 1-1e-6]");
        }
    }
}
