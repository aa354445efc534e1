package io.tao4j.mantis.salience;

import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The constants and challenge list of MANTIS at commit 2e9bc5b in the types the 2e9bc5b salience engine, the
 * ledger and the miner still take. Everything here is derived from {@link Protocol#P2E9BC5B}, the one definition;
 * the order of {@link #CHALLENGES} is config.py's, the order the salience aggregation iterates in.
 *
 * @deprecated use {@link Protocol} ({@code Protocol.P2E9BC5B.challenges()}, {@code constants()}); kept until the
 * ledger, model and miner packages take {@link Challenge}.
 */
@Deprecated
public final class MantisConfig {
    private MantisConfig() {}

    private static final Protocol.Constants K = Protocol.P2E9BC5B.constants();

    public static final int NETUID = K.netuid();
    public static final int NUM_UIDS = 256;
    public static final int SEED = K.seed();
    /** Blocks between two samples (one sample index per SAMPLE_EVERY blocks). */
    public static final int SAMPLE_EVERY = K.sampleEvery();
    /** Embargo (in samples) between training and validation in the binary walk-forward. */
    public static final int LAG = K.lag();
    public static final int TASK_INTERVAL = K.taskInterval();
    public static final int WEIGHT_CALC_INTERVAL = K.weightCalcInterval();
    public static final int WEIGHT_SET_INTERVAL = K.weightSetInterval();
    /** Rows whose price stayed unchanged for more than this many steps are dropped from binary data. */
    public static final int MAX_UNCHANGED_TIMESTEPS = K.maxUnchangedTimesteps();
    /** model.py defaults (config.py does not override them). */
    public static final int MAX_DAYS = K.maxDays();
    public static final int INDICES_PER_DAY = K.indicesPerDay();
    public static final int BLOCKS_PER_DAY = K.blocksPerDay();
    public static final int MAX_INDEX_HISTORY = MAX_DAYS * INDICES_PER_DAY;
    public static final int MAX_BLOCK_HISTORY = MAX_DAYS * BLOCKS_PER_DAY;

    /** {@code Protocol.P2E9BC5B.challenges()} as {@link MantisChallenge}s. */
    public static final List<MantisChallenge> CHALLENGES = Protocol.P2E9BC5B.challenges().stream()
            .map(MantisConfig::legacy).toList();

    private static final Map<String, MantisChallenge> BY_TICKER;

    static {
        Map<String, MantisChallenge> m = new LinkedHashMap<>();
        for (MantisChallenge c : CHALLENGES) m.put(c.ticker(), c);
        BY_TICKER = Map.copyOf(m);
    }

    public static Optional<MantisChallenge> byTicker(String ticker) {
        return Optional.ofNullable(BY_TICKER.get(ticker));
    }

    /**
     * A protocol challenge in the type the 2e9bc5b engine, the ledger and the miner take.
     *
     * @throws IllegalArgumentException for a multi-asset challenge (those types cannot describe it)
     */
    public static MantisChallenge legacy(Challenge c) {
        if (c.multiAsset()) {
            throw new IllegalArgumentException(c.ticker() + " (" + c.loss().wireName()
                    + ") is multi-asset: the 2e9bc5b engine cannot score it");
        }
        return new MantisChallenge(c.name(), c.ticker(), c.priceKey(), c.dim(), c.blocksAhead(),
                LossKind.fromWireName(c.loss().wireName()), c.weight());
    }

    /** True when {@link #legacy} can convert it: a single-asset BINARY, HITFIRST or LBFGS challenge. */
    public static boolean legacyScorable(Challenge c) {
        if (c.multiAsset()) {
            return false;
        }
        for (LossKind k : LossKind.values()) {
            if (k.wireName().equals(c.loss().wireName())) {
                return true;
            }
        }
        return false;
    }

    public static Optional<MantisChallenge> byName(String name) {
        return CHALLENGES.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
