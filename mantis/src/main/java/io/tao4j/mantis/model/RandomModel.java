package io.tao4j.mantis.model;

import java.util.SplittableRandom;

/**
 * Random embeddings within the validator's ranges — for load tests only (they carry no information,
 * so they earn nothing). Not thread-safe; seeded for reproducible runs.
 */
public final class RandomModel implements EmbeddingModel {
    private final SplittableRandom random;

    public RandomModel(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public double[] embed(io.tao4j.mantis.protocol.Challenge c, PriceHistory history) {
        double[] v = new double[c.storageDim()];
        switch (c.loss()) {
            case BINARY, XSEC_RANK, FUNDING_XSEC, TRADE_MIX -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = random.nextDouble(-1, 1);
                }
            }
            case HITFIRST -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = random.nextDouble(0.05, 1);
                }
                BaselineModels.normalised(v, 1e-4);
            }
            case LBFGS -> {
                double[] p = new double[5];
                for (int i = 0; i < 5; i++) {
                    p[i] = random.nextDouble(0.05, 1);
                }
                System.arraycopy(BaselineModels.normalised(p, 1e-4), 0, v, 0, 5);
                for (int i = 5; i < v.length; i++) {
                    v[i] = random.nextDouble(0.01, 0.99);
                }
            }
            case RANGE_BREAKOUT_MULTI -> {
                for (int i = 0; i + 1 < v.length; i += 2) {
                    v[i] = random.nextDouble(0.01, 0.99);
                    v[i + 1] = 1 - v[i];
                }
            }
        }
        return v;
    }
}
