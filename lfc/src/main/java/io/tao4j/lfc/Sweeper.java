package io.tao4j.lfc;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.chain.tx.TxOutcome;
import io.tao4j.crypto.Signer;
import io.tao4j.crypto.Ss58;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stake sweeper (the reference's "miner"): at each epoch boundary it moves all alpha the wallet's coldkey holds on
 * the miner hotkey to the aggregator hotkey, then transfers the coldkey's whole stake on the aggregator to the
 * destination coldkey. Decisions are {@link SweepPlanner}'s, boundaries {@link EpochWatcher}'s.
 */
public final class Sweeper {
    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

    public record Config(int netuid, String minerHotkey, String aggregatorHotkey, String destinationColdkey,
                         boolean waitFinalization, boolean dryRun, Duration pollInterval) {
        public Config {
            requireSs58(aggregatorHotkey, "--aggregator-hotkey");
            requireSs58(destinationColdkey, "--destination-coldkey");
            if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
                throw new LfcException("--poll-interval must be a positive number of seconds");
            }
            if (netuid < 0 || netuid > 65535) {
                throw new LfcException("--netuid must be between 0 and 65535, got " + netuid);
            }
        }

        private static void requireSs58(String v, String option) {
            try {
                Ss58.decode(v);
            } catch (RuntimeException e) {
                throw new LfcException(option + " is not a valid SS58 address: '" + v + "'");
            }
        }
    }

    /** What one sweep or transfer did. */
    public record Result(boolean attempted, boolean ok, long amount, String detail) {
    }

    private final Subtensor subtensor;
    private final Signer coldkey;
    private final String coldkeySs58;
    private final Config config;
    private final SlackNotifier slack;
    private final LfcMetrics metrics;
    private final ChainHealth health;
    private Long minStakeRao;

    public Sweeper(Subtensor subtensor, Signer coldkey, Config config, SlackNotifier slack, LfcMetrics metrics) {
        this(subtensor, coldkey, config, slack, metrics, ChainHealth.DEFAULT_THRESHOLD);
    }

    /** @param chainOutage time without a successful chain read before the Slack outage alert ({@link ChainHealth}) */
    public Sweeper(Subtensor subtensor, Signer coldkey, Config config, SlackNotifier slack, LfcMetrics metrics, Duration chainOutage) {
        this.subtensor = subtensor;
        this.coldkey = coldkey;
        this.coldkeySs58 = Ss58.encode(coldkey.publicKey());
        this.config = config;
        this.slack = slack;
        this.metrics = metrics;
        this.health = new ChainHealth("sweeper", chainOutage, java.time.Clock.systemUTC(), slack, metrics);
    }

    /**
     * Subtensor's {@code DefaultMinStake} in rao (0.002 TAO): the smallest stake movement the chain accepts. It is a
     * runtime type value, neither storage nor a metadata constant in the spec-393 runtime; newer runtimes take it from
     * the {@code SubtensorModule.InitialMinStake} constant, which {@link #minStakeRao()} reads when the metadata has it.
     */
    public static final long DEFAULT_MIN_STAKE_RAO = 2_000_000L;

    /** The chain's minimum stake movement: the metadata constant {@code SubtensorModule.InitialMinStake} or {@link #DEFAULT_MIN_STAKE_RAO}. */
    public synchronized long minStakeRao() {
        if (minStakeRao == null) {
            long v = DEFAULT_MIN_STAKE_RAO;
            try {
                var md = subtensor.client().metadata();
                if (md.findConstant("SubtensorModule", "InitialMinStake").isPresent()) {
                    v = md.constantValue("SubtensorModule", "InitialMinStake").asLong();
                }
            } catch (RuntimeException e) {
                log.debug("Could not read SubtensorModule.InitialMinStake: {}", e.toString());
            }
            minStakeRao = v;
            log.info("Minimum stake movement on this chain: {}.", SweepPlanner.alpha(v));
        }
        return minStakeRao;
    }

    /** The chain-read health this sweeper reports to. */
    public ChainHealth chainHealth() {
        return health;
    }

    /** {@code Sweeper.builder().subtensor(st).signer(coldkey).config(cfg)…build()}, then {@link #run}. */
    public static NeuronBuilder<Config, Sweeper> builder() {
        return NeuronBuilder.of((st, s, c, sl, m, o) -> new Sweeper(st, s, c, sl, m, o));
    }

    /** {@link #monitor}: the same {@code run(stop)} as the other neurons. */
    public void run(StopSignal stop) {
        monitor(stop);
    }

    public String coldkeySs58() {
        return coldkeySs58;
    }

    /** {@code OwnedHotkeys(coldkey)}; empty when the read fails (logged). */
    public List<String> ownedHotkeys() {
        try {
            List<String> owned = subtensor.ownedHotkeys(coldkeySs58, null);
            health.success();
            return owned;
        } catch (RuntimeException e) {
            log.error("Failed to retrieve owned hotkeys: {}", e.toString());
            health.failure(e);
            return List.of();
        }
    }

    /**
     * Checks that the aggregator hotkey belongs to the wallet's coldkey.
     *
     * @throws LfcException naming both addresses when it does not
     */
    public void requireAggregatorOwned(List<String> owned) {
        if (!owned.contains(config.aggregatorHotkey())) {
            throw new LfcException("aggregator hotkey " + config.aggregatorHotkey() + " is not owned by this wallet's coldkey "
                    + coldkeySs58 + " (it owns: " + (owned.isEmpty() ? "no hotkeys" : String.join(", ", owned))
                    + "); pass the aggregator hotkey of this coldkey with --aggregator-hotkey");
        }
    }

    /** The coldkey's stake on {@code hotkey} in alpha rao, or null when the read fails (logged). */
    public Long fetchStake(String hotkey) {
        try {
            long stake = subtensor.stake(coldkeySs58, hotkey, config.netuid(), null).stake();
            health.success();
            return stake;
        } catch (RuntimeException e) {
            log.error("Failed to query stake for hotkey {} on netuid {}: {}", hotkey, config.netuid(), e.toString());
            health.failure(e);
            return null;
        }
    }

    /** The miner and aggregator hotkeys without duplicates, for the start-up snapshot. */
    public List<String> relevantHotkeys() {
        List<String> out = new ArrayList<>();
        for (String h : new String[]{config.minerHotkey(), config.aggregatorHotkey()}) {
            if (h != null && !h.isEmpty() && !out.contains(h)) {
                out.add(h);
            }
        }
        return out;
    }

    /** Logs the stake of each relevant hotkey. */
    public void logSnapshot() {
        for (String h : relevantHotkeys()) {
            Long s = fetchStake(h);
            if (s != null) {
                log.info("Stake snapshot: {} (netuid {}) = {}", h, config.netuid(), SweepPlanner.alpha(s));
            }
        }
    }

    private OnlineClient.WaitFor waitFor() {
        return config.waitFinalization() ? OnlineClient.WaitFor.FINALIZED : OnlineClient.WaitFor.IN_BLOCK;
    }

    /** Moves all alpha from the miner hotkey to the aggregator (unless the planner says skip). */
    public Result sweepToAggregator() {
        SweepPlanner.Plan p = SweepPlanner.sweep(config.minerHotkey(), config.aggregatorHotkey(),
                config.minerHotkey() == null || config.minerHotkey().equals(config.aggregatorHotkey()) ? Long.valueOf(0)
                        : fetchStake(config.minerHotkey()), minStakeRao());
        if (!p.acts()) {
            if (p.skipReason().contains("minimum")) {
                log.info("Skipping sweep from {}: {}", config.minerHotkey(), p.skipReason());
            } else {
                log.debug("Skipping sweep: {}", p.skipReason());
            }
            return new Result(false, false, 0, p.skipReason());
        }
        if (config.dryRun()) {
            log.info("Dry run: would move {} from hotkey {} to {} on netuid {} (not submitted).", SweepPlanner.alpha(p.amount()),
                    config.minerHotkey(), config.aggregatorHotkey(), config.netuid());
            return new Result(false, false, p.amount(), "dry run: move not submitted");
        }
        log.info("Moving {} from hotkey {} to {} on netuid {}.", SweepPlanner.alpha(p.amount()), config.minerHotkey(),
                config.aggregatorHotkey(), config.netuid());
        Submitted sub = submit(() -> subtensor.moveStake(coldkey, config.minerHotkey(), config.netuid(), config.aggregatorHotkey(),
                config.netuid(), null, waitFor()));
        boolean ok = sub.ok();
        String detail = sub.detail();
        if (ok) {
            log.info("Stake move succeeded: {}", detail);
        } else {
            log.error("Failed to move stake from {} to {}: {}", config.minerHotkey(), config.aggregatorHotkey(), detail);
        }
        if (metrics != null) {
            metrics.sweep(ok, p.amount());
        }
        if (slack != null) {
            slack.recordSweep(ok, p.amount());
            if (!ok) {
                slack.send("❌ Stake sweep failed\nFrom: " + SlackNotifier.tail(config.minerHotkey()) + "\nTo: "
                        + SlackNotifier.tail(config.aggregatorHotkey()) + "\nNetuid: " + config.netuid(), SlackNotifier.Level.ERROR);
            }
        }
        return new Result(true, ok, p.amount(), detail);
    }

    private record Submitted(boolean ok, String detail) {
    }

    /** Submits one extrinsic; a thrown error counts as a failure with its message. */
    private static Submitted submit(java.util.function.Supplier<TxOutcome> tx) {
        try {
            TxOutcome out = tx.get();
            return new Submitted(out.isSuccess(), out.message());
        } catch (RuntimeException e) {
            return new Submitted(false, e.getMessage());
        }
    }

    /** Transfers the coldkey's whole stake on the aggregator to the destination coldkey (unless zero). */
    public Result transferAggregated() {
        SweepPlanner.Plan p = SweepPlanner.transfer(fetchStake(config.aggregatorHotkey()), minStakeRao());
        if (!p.acts()) {
            log.info("Skipping transfer: {} ({} on netuid {}).", p.skipReason(), config.aggregatorHotkey(), config.netuid());
            return new Result(false, false, 0, p.skipReason());
        }
        if (config.dryRun()) {
            log.info("Dry run: would transfer {} from hotkey {} to coldkey {} on netuid {} (not submitted).",
                    SweepPlanner.alpha(p.amount()), config.aggregatorHotkey(), config.destinationColdkey(), config.netuid());
            return new Result(false, false, p.amount(), "dry run: transfer not submitted");
        }
        log.info("Transferring {} from hotkey {} to coldkey {} on netuid {}.", SweepPlanner.alpha(p.amount()),
                config.aggregatorHotkey(), config.destinationColdkey(), config.netuid());
        Submitted sub = submit(() -> subtensor.transferStake(coldkey, config.destinationColdkey(), config.aggregatorHotkey(),
                config.netuid(), config.netuid(), p.amount(), waitFor()));
        boolean ok = sub.ok();
        String detail = sub.detail();
        if (ok) {
            log.info("Stake transfer succeeded: {}", detail);
        } else {
            log.error("Stake transfer from {} to {} failed: {}", config.aggregatorHotkey(), config.destinationColdkey(), detail);
        }
        if (metrics != null) {
            metrics.transfer(ok, p.amount());
        }
        if (slack != null) {
            slack.recordTransfer(ok, p.amount());
            if (!ok) {
                slack.send("❌ Stake transfer failed\nAmount: " + SweepPlanner.alpha(p.amount()) + "\nFrom: "
                        + SlackNotifier.tail(config.aggregatorHotkey()) + "\nTo: " + SlackNotifier.tail(config.destinationColdkey())
                        + "\nNetuid: " + config.netuid(), SlackNotifier.Level.ERROR);
            }
        }
        return new Result(true, ok, p.amount(), detail);
    }

    /** Sweep then transfer (what happens at each epoch boundary). */
    public void processEpoch() {
        log.info("Epoch boundary reached; sweeping and transferring stake.");
        sweepToAggregator();
        transferAggregated();
    }

    /** An epoch watcher on this sweeper's subnet. */
    public EpochWatcher epochWatcher() {
        return new EpochWatcher(subtensor::currentBlock, b -> subtensor.nextEpochStartBlock(config.netuid(), b),
                () -> subtensor.tempo(config.netuid(), null));
    }

    /** Watches epochs until stopped, processing each boundary; a stop request takes effect after the current step. */
    public void monitor(StopSignal stop) {
        EpochWatcher w = epochWatcher();
        Long next = null;
        while (!stop.isStopped()) {
            try {
                next = w.start();
                health.success();
                break;
            } catch (RuntimeException e) {
                log.error("Failed to compute next epoch start: {}", e.toString());
                health.failure(e);
                if (!stop.sleep(config.pollInterval())) {
                    return;
                }
            }
        }
        if (next != null) {
            log.info("Next epoch boundary for netuid {} at block {}.", config.netuid(), next);
        } else {
            log.warn("Unable to determine next epoch start; falling back to tempo-based polling.");
        }
        while (!stop.isStopped()) {
            boolean boundary = false;
            try {
                boundary = w.poll();
                health.success();
            } catch (RuntimeException e) {
                log.error("Failed to fetch current block: {}", e.toString());
                health.failure(e);
            }
            if (boundary) {
                processEpoch();
                log.info("Next epoch boundary at block {}.", w.nextStart());
            }
            if (!stop.sleep(config.pollInterval())) {
                break;
            }
        }
        log.info("Sweeper stopped.");
    }
}
