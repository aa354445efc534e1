package io.tao4j.mantis.salience;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Network constants and the challenge list of MANTIS (subnet 123), transcribed from {@code config.py} of
 * Barbariandev/MANTIS at commit 2e9bc5b. The order of {@link #CHALLENGES} is the order config.py lists
 * them; the salience aggregation iterates in this order.
 */
public final class MantisConfig {
    private MantisConfig() {}

    public static final int NETUID = 123;
    public static final int NUM_UIDS = 256;
    public static final int SEED = 42;
    /** Blocks between two samples (one sample index per SAMPLE_EVERY blocks). */
    public static final int SAMPLE_EVERY = 5;
    /** Embargo (in samples) between training and validation in the binary walk-forward. */
    public static final int LAG = 60;
    public static final int TASK_INTERVAL = 500;
    public static final int WEIGHT_CALC_INTERVAL = 1000;
    public static final int WEIGHT_SET_INTERVAL = 360;
    /** Rows whose price stayed unchanged for more than this many steps are dropped from binary data. */
    public static final int MAX_UNCHANGED_TIMESTEPS = 15;
    /** model.py defaults (config.py does not override them). */
    public static final int MAX_DAYS = 30;
    public static final int INDICES_PER_DAY = 1440;
    public static final int BLOCKS_PER_DAY = 7200;
    public static final int MAX_INDEX_HISTORY = MAX_DAYS * INDICES_PER_DAY;
    public static final int MAX_BLOCK_HISTORY = MAX_DAYS * BLOCKS_PER_DAY;

    public static final List<MantisChallenge> CHALLENGES = List.of(
            new MantisChallenge("ETH-1H-BINARY", "ETH", "ETH", 2, 300, LossKind.BINARY, 1.0),
            new MantisChallenge("ETH-HITFIRST-100M", "ETHHITFIRST", "ETH", 3, 500, LossKind.HITFIRST, 2.5),
            new MantisChallenge("ETH-LBFGS", "ETHLBFGS", "ETH", 17, 300, LossKind.LBFGS, 3.5),
            new MantisChallenge("BTC-LBFGS-6H", "BTCLBFGS", "BTC", 17, 1800, LossKind.LBFGS, 2.875),
            new MantisChallenge("CADUSD-1H-BINARY", "CADUSD", "CADUSD", 2, 300, LossKind.BINARY, 1.0),
            new MantisChallenge("NZDUSD-1H-BINARY", "NZDUSD", "NZDUSD", 2, 300, LossKind.BINARY, 1.0),
            new MantisChallenge("CHFUSD-1H-BINARY", "CHFUSD", "CHFUSD", 2, 300, LossKind.BINARY, 1.0),
            new MantisChallenge("XAGUSD-1H-BINARY", "XAGUSD", "XAGUSD", 2, 300, LossKind.BINARY, 1.0));

    private static final Map<String, MantisChallenge> BY_TICKER;

    static {
        Map<String, MantisChallenge> m = new LinkedHashMap<>();
        for (MantisChallenge c : CHALLENGES) m.put(c.ticker(), c);
        BY_TICKER = Map.copyOf(m);
    }

    public static Optional<MantisChallenge> byTicker(String ticker) {
        return Optional.ofNullable(BY_TICKER.get(ticker));
    }

    public static Optional<MantisChallenge> byName(String name) {
        return CHALLENGES.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
