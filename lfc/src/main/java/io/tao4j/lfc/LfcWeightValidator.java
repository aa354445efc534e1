package io.tao4j.lfc;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.subtensor.SetWeightsResult;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Signer;
import io.tao4j.crypto.Ss58;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The weight-burn validator: each step checks registration and permit, reads the weights version key, resolves the
 * target UID (fixed, or the subnet owner hotkey's UID), checks that it exists on the subnet and sets weights
 * {@code [target] = 1.0} waiting for inclusion and finalization (through the chain's commit path when the subnet
 * requires commit-reveal). {@link #step()} decides and acts once and says how long to wait; {@link #run} loops.
 */
public final class LfcWeightValidator {
    private static final Logger log = LoggerFactory.getLogger(LfcWeightValidator.class);

    /**
     * @param targetUid      fixed target UID, or null for the subnet owner hotkey's UID
     * @param intervalBlocks blocks to wait after a success or a benign failure
     * @param retryDelay     wait after any other failure (the reference's 10 s)
     * @param blockPoll      how often to look at the chain while waiting for blocks
     */
    public record Config(int netuid, Integer targetUid, long intervalBlocks, Duration retryDelay, Duration blockPoll,
                         boolean dryRun) {
        public Config {
            if (intervalBlocks <= 0) {
                throw new LfcException("--set_weights_interval must be a positive number of blocks, got " + intervalBlocks);
            }
            if (targetUid != null && (targetUid < 0 || targetUid > 65535)) {
                throw new LfcException("--target_uid must be a UID between 0 and 65535 or 'auto', got " + targetUid);
            }
            if (netuid < 0 || netuid > 65535) {
                throw new LfcException("--netuid must be between 0 and 65535, got " + netuid);
            }
        }
    }

    /** Tries of one weight submission per step, as the SDK's {@code set_weights(max_retries=5)}. */
    public static final int MAX_ATTEMPTS = 5;

    /** Sends the weights: {@link Subtensor#setWeights} unless a test scripts the chain's answers. */
    @FunctionalInterface
    public interface WeightSubmitter {
        SetWeightsResult submit(Signer hotkey, int netuid, int[] uids, double[] weights, long versionKey, OnlineClient.WaitFor waitFor);
    }

    public enum Kind {
        NOT_REGISTERED, NO_PERMIT, TARGET_MISSING, WEIGHTS_SET, COMMITTED, DRY_RUN, FAILED, ERROR
    }

    /** What one step did and how long to wait: {@code waitBlocks} blocks, or {@code waitTime} when that is non-null. */
    public record Step(Kind kind, String message, long waitBlocks, Duration waitTime, FailureType failure,
                       Integer targetUid) {
    }

    private final Subtensor subtensor;
    private final Signer hotkey;
    private final String hotkeySs58;
    private final Config config;
    private final SlackNotifier slack;
    private final LfcMetrics metrics;
    private final ChainHealth health;
    private final WeightSubmitter submitter;
    private Integer lastTarget;
    private boolean unregistered;

    public LfcWeightValidator(Subtensor subtensor, Signer hotkey, Config config, SlackNotifier slack, LfcMetrics metrics) {
        this(subtensor, hotkey, config, slack, metrics, ChainHealth.DEFAULT_THRESHOLD);
    }

    /** @param chainOutage time without a successful chain read before the Slack outage alert ({@link ChainHealth}) */
    public LfcWeightValidator(Subtensor subtensor, Signer hotkey, Config config, SlackNotifier slack, LfcMetrics metrics,
                              Duration chainOutage) {
        this(subtensor, hotkey, config, slack, metrics, chainOutage, null);
    }

    /** @param submitter how weights are sent (null: {@link Subtensor#setWeights} on {@code subtensor}) */
    public LfcWeightValidator(Subtensor subtensor, Signer hotkey, Config config, SlackNotifier slack, LfcMetrics metrics,
                              Duration chainOutage, WeightSubmitter submitter) {
        this.subtensor = subtensor;
        this.submitter = submitter != null ? submitter : subtensor::setWeights;
        this.hotkey = hotkey;
        this.hotkeySs58 = Ss58.encode(hotkey.publicKey());
        this.config = config;
        this.slack = slack;
        this.metrics = metrics;
        this.health = new ChainHealth("validator", chainOutage, java.time.Clock.systemUTC(), slack, metrics);
    }

    /** The chain-read health this validator reports to. */
    public ChainHealth chainHealth() {
        return health;
    }

    /** {@code LfcWeightValidator.builder().subtensor(st).signer(hotkey).config(cfg)…build()}, then {@link #run}. */
    public static NeuronBuilder<Config, LfcWeightValidator> builder() {
        return NeuronBuilder.of((st, s, c, sl, m, o) -> new LfcWeightValidator(st, s, c, sl, m, o));
    }

    private Step retry(Kind kind, String message, FailureType f, Integer target) {
        return new Step(kind, message, 0, config.retryDelay(), f, target);
    }

    /** Resolves the target UID: the configured one, else the UID of {@code SubnetOwnerHotkey(netuid)} (null if none). */
    public Integer resolveTarget() {
        if (config.targetUid() != null) {
            return config.targetUid();
        }
        String owner = subtensor.subnetOwnerHotkey(config.netuid(), null);
        Integer uid = owner == null ? null : subtensor.uidForHotkey(owner, config.netuid(), null);
        log.info("Subnet owner hotkey: {} -> UID {}", owner, uid);
        return uid;
    }

    /** One iteration of the validator loop. Never throws for chain errors: they become {@link Kind#ERROR}. */
    public Step step() {
        int netuid = config.netuid();
        try {
            Integer uid = subtensor.uidForHotkey(hotkeySs58, netuid, null);
            health.success();
            log.info("Registration status of {} on netuid {}: {}", hotkeySs58, netuid, uid != null);
            if (uid == null) {
                log.warn("Hotkey not registered; sleeping before retry.");
                if (slack != null) {
                    slack.recordRegistrationFailure();
                    if (!unregistered) { // alert once when registration is lost, not at every retry
                        slack.send("Validator " + hotkeySs58 + " is not registered on subnet " + netuid + ". Retrying every "
                                + config.retryDelay().toSeconds() + " s.", SlackNotifier.Level.WARNING);
                    }
                }
                unregistered = true;
                return retry(Kind.NOT_REGISTERED, "hotkey " + hotkeySs58 + " is not registered on subnet " + netuid, null, null);
            }
            unregistered = false;
            boolean permit = subtensor.validatorPermit(netuid, uid, null);
            log.info("Validator UID {}, permit: {}", uid, permit);
            if (!permit) {
                Integer tempo = subtensor.tempo(netuid, null);
                long since = subtensor.blocksSinceLastStep(netuid, null);
                long wait = Math.max(1, (tempo == null ? 0 : tempo) - since + 1);
                log.warn("Validator permit missing; waiting for next epoch ({} blocks: tempo {}, {} since last step).", wait, tempo, since);
                if (slack != null) {
                    slack.recordNoPermit();
                    slack.send("Validator " + hotkeySs58 + " (uid " + uid + ") has no permit on subnet " + netuid
                            + ". Sleeping until next epoch.", SlackNotifier.Level.WARNING);
                }
                return new Step(Kind.NO_PERMIT, "uid " + uid + " has no validator permit on subnet " + netuid, wait, null, null, null);
            }
            long versionKey = subtensor.weightsVersionKey(netuid, null);
            log.info("Weights version key: {}", versionKey);
            Integer target = resolveTarget();
            int n = subtensor.subnetworkN(netuid, null);
            log.info("Target UID {} ({}), subnet size {}", target, config.targetUid() == null ? "subnet owner" : "given", n);
            if (target == null || target >= n) {
                String msg = target == null
                        ? "the subnet owner hotkey of subnet " + netuid + " has no UID on it; no target for weights"
                        : "target UID " + target + " does not exist on subnet " + netuid + " (it has " + n + " UIDs)";
                log.error(msg);
                metrics(FailureType.UNKNOWN);
                if (slack != null) {
                    AlertPolicy.Decision d = slack.recordWeightFailure(FailureType.UNKNOWN);
                    if (d.alert()) {
                        slack.sendWeightFailureAlert(msg, d, netuid);
                    }
                }
                return retry(Kind.TARGET_MISSING, msg, FailureType.UNKNOWN, target);
            }
            if (lastTarget != null && !lastTarget.equals(target) && slack != null) {
                slack.recordTargetUidChange(lastTarget, target);
            }
            lastTarget = target;
            boolean commitReveal = subtensor.commitRevealEnabled(netuid, null);
            if (commitReveal) {
                log.info("Subnet {} requires commit-reveal: weights go through the timelocked commit path.", netuid);
            }
            if (config.dryRun()) {
                String msg = "dry run: would " + (commitReveal ? "commit" : "set") + " weights [" + target + "] = 1.0 with version key "
                        + versionKey + " on subnet " + netuid;
                log.info(msg);
                return new Step(Kind.DRY_RUN, msg, config.intervalBlocks(), null, null, target);
            }
            SetWeightsResult r = submitWithRetries(netuid, target, versionKey);
            if (r.success()) {
                log.info("Weights {} successfully: [{}] = 1.0 ({}).", r.status() == SetWeightsResult.Status.COMMITTED ? "committed" : "set",
                        target, r.message());
                if (metrics != null) {
                    metrics.weightsSet();
                }
                if (slack != null && slack.recordWeightSuccess()) {
                    slack.sendWeightRecovery(netuid);
                }
                Kind k = r.status() == SetWeightsResult.Status.COMMITTED ? Kind.COMMITTED : Kind.WEIGHTS_SET;
                return new Step(k, r.message(), config.intervalBlocks(), null, null, target);
            }
            String err = FailureClassifier.describe(r);
            FailureType type = FailureClassifier.classify(r);
            log.error("Error setting weights ({}): {}", type.label(), err);
            metrics(type);
            if (slack != null) {
                AlertPolicy.Decision d = slack.recordWeightFailure(type);
                if (d.alert()) {
                    slack.sendWeightFailureAlert(err, d, netuid);
                }
            }
            if (type == FailureType.BENIGN) {
                log.info("Too soon to set weights. Waiting {} blocks before retry...", config.intervalBlocks());
                return new Step(Kind.FAILED, err, config.intervalBlocks(), null, type, target);
            }
            return retry(Kind.FAILED, err, type, target);
        } catch (RuntimeException e) {
            log.error("Validator step failed: {}", e.toString());
            health.failure(e);
            log.debug("Validator step failure", e);
            return retry(Kind.ERROR, e.toString(), null, null);
        }
    }

    /**
     * Submits {@code [target] = 1.0}, trying again (up to {@link #MAX_ATTEMPTS} tries in all, one block poll apart) when
     * the submission threw (e.g. an RPC timeout) or failed for a transient pool reason ({@link #isTransient}); each try
     * goes through the chain's rate gate again, so a retry after the weights did land ends as "too soon" (benign).
     * The last error is rethrown when every try threw.
     */
    SetWeightsResult submitWithRetries(int netuid, int target, long versionKey) {
        for (int attempt = 1; ; attempt++) {
            SetWeightsResult r = null;
            RuntimeException thrown = null;
            try {
                r = submitter.submit(hotkey, netuid, new int[]{target}, new double[]{1.0}, versionKey, OnlineClient.WaitFor.FINALIZED);
            } catch (RuntimeException e) {
                thrown = e;
            }
            boolean again = thrown != null || isTransient(r);
            if (!again || attempt >= MAX_ATTEMPTS) {
                if (thrown != null) {
                    throw thrown;
                }
                if (attempt > 1) {
                    log.info("set_weights: {} after {} tries.", r.success() ? "succeeded" : "gave up", attempt);
                }
                return r;
            }
            log.warn("set_weights try {}/{} failed ({}); trying again.", attempt, MAX_ATTEMPTS,
                    thrown != null ? thrown.toString() : FailureClassifier.describe(r));
            try {
                Thread.sleep(config.blockPoll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (thrown != null) {
                    throw thrown;
                }
                return r;
            }
        }
    }

    /**
     * Pool-level failures that a new try can clear: 1014 priority too low (a transaction with the same nonce is in the
     * pool), 1012 temporarily banned, 1010 stale or outdated nonce, Subtensor's rate limit (custom error 6: the next
     * try's gate decides whether it is really too soon), and a transaction dropped before inclusion.
     */
    public static boolean isTransient(SetWeightsResult r) {
        if (r == null || r.success()) {
            return false;
        }
        if (r.status() == SetWeightsResult.Status.NOT_INCLUDED) {
            return true;
        }
        if (r.outcome() instanceof io.tao4j.chain.tx.TxOutcome.Rejected rej) {
            String text = ((rej.rpcMessage() == null ? "" : rej.rpcMessage()) + " " + (rej.data() == null ? "" : rej.data()))
                    .toLowerCase(java.util.Locale.ROOT);
            return rej.code() == 1014 || rej.code() == 1012 || rej.isRateLimited()
                    || (rej.code() == 1010 && (text.contains("outdated") || text.contains("stale")))
                    || text.contains("priority is too low") || text.contains("temporarily banned");
        }
        return false;
    }

    private void metrics(FailureType type) {
        if (metrics != null) {
            metrics.weightsFailed(type);
        }
    }

    /** Waits until {@code blocks} blocks after the current one, polling; false when stopped. */
    public boolean waitBlocks(long blocks, StopSignal stop) {
        long start;
        try {
            start = subtensor.currentBlock();
            health.success();
        } catch (RuntimeException e) {
            log.warn("Could not read the current block: {}", e.toString());
            health.failure(e);
            return stop.sleep(config.retryDelay());
        }
        long target = start + blocks;
        while (!stop.isStopped()) {
            try {
                long now = subtensor.currentBlock();
                health.success();
                if (now >= target) {
                    return true;
                }
            } catch (RuntimeException e) {
                log.warn("Could not read the current block: {}", e.toString());
                health.failure(e);
            }
            if (!stop.sleep(config.blockPoll())) {
                return false;
            }
        }
        return false;
    }

    /** Runs steps until stopped, waiting as each step says. */
    public void run(StopSignal stop) {
        log.info("Running validator loop on subnet {}.", config.netuid());
        while (!stop.isStopped()) {
            Step s = step();
            boolean go = s.waitTime() != null ? stop.sleep(s.waitTime()) : waitBlocks(s.waitBlocks(), stop);
            if (!go) {
                break;
            }
        }
        log.info("Validator loop stopped.");
    }
}
