package io.tao4j.lfc;

/**
 * The sweeper's decisions, free of I/O: whether to move the miner hotkey's alpha to the aggregator, and whether to
 * transfer the aggregator's stake to the destination coldkey.
 */
public final class SweepPlanner {
    private SweepPlanner() {
    }

    /** Either an amount to act on or the reason to skip. */
    public record Plan(long amount, String skipReason) {
        public static Plan act(long amount) {
            return new Plan(amount, null);
        }

        public static Plan skip(String reason) {
            return new Plan(0, reason);
        }

        public boolean acts() {
            return skipReason == null;
        }
    }

    /**
     * Move all of {@code minerStake} from {@code minerHotkey} to {@code aggregatorHotkey}: skipped when there is no miner
     * hotkey, when both are the same hotkey, when the stake could not be read (null) or is zero.
     */
    public static Plan sweep(String minerHotkey, String aggregatorHotkey, Long minerStake) {
        if (minerHotkey == null || minerHotkey.isEmpty()) {
            return Plan.skip("no miner hotkey configured");
        }
        if (minerHotkey.equals(aggregatorHotkey)) {
            return Plan.skip("miner hotkey is the aggregator hotkey; nothing to move");
        }
        if (minerStake == null) {
            return Plan.skip("stake of the miner hotkey could not be read");
        }
        if (minerStake <= 0) {
            return Plan.skip("miner hotkey holds no stake");
        }
        return Plan.act(minerStake);
    }

    /**
     * {@link #sweep(String, String, Long)}, also skipped when the stake is under {@code minRao}, the chain's minimum
     * stake movement (the alpha stays on the miner hotkey and is moved once it has grown past the minimum).
     */
    public static Plan sweep(String minerHotkey, String aggregatorHotkey, Long minerStake, long minRao) {
        Plan p = sweep(minerHotkey, aggregatorHotkey, minerStake);
        return p.acts() && p.amount() < minRao ? Plan.skip(belowMinimum(p.amount(), minRao)) : p;
    }

    /** {@link #transfer(Long)}, also skipped when the stake is under {@code minRao}. */
    public static Plan transfer(Long aggregatorStake, long minRao) {
        Plan p = transfer(aggregatorStake);
        return p.acts() && p.amount() < minRao ? Plan.skip(belowMinimum(p.amount(), minRao)) : p;
    }

    private static String belowMinimum(long amount, long minRao) {
        return alpha(amount) + " is below the chain's minimum stake movement of " + alpha(minRao) + "; left for a later epoch";
    }

    /** Transfer all of {@code aggregatorStake} to the destination coldkey: skipped when unreadable (null) or zero. */
    public static Plan transfer(Long aggregatorStake) {
        if (aggregatorStake == null) {
            return Plan.skip("stake of the aggregator hotkey could not be read");
        }
        if (aggregatorStake <= 0) {
            return Plan.skip("aggregator hotkey holds no stake");
        }
        return Plan.act(aggregatorStake);
    }

    /** Alpha rao as a decimal with 9 places, e.g. {@code 1.500000000 α}. */
    public static String alpha(long rao) {
        return java.math.BigDecimal.valueOf(rao, 9).toPlainString() + " α";
    }
}
