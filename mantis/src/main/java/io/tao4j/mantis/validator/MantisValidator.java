package io.tao4j.mantis.validator;

import io.tao4j.mantis.internal.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.mantis.collect.PayloadCollector;
import io.tao4j.mantis.collect.Rejection;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.SalienceResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The MANTIS validator ({@code validator.py run_main_loop}) as a runnable unit: {@link #builder()} assembles it
 * on a {@code Subtensor}, {@link #run} polls the chain and takes one {@link #step(long)} per new block,
 * {@link #close()} releases what it built. Its collaborators are the ports a payload passes through —
 * {@link SubnetView} (commitments) → {@link PayloadSource} (download) → {@link Ledger} → {@link PayloadDecryptor}
 * (open after 300 blocks) → {@link Scorer} (salience) → {@link WeightCalculator} → {@link WeightSetter}:
 * <ul>
 *   <li>every sampled block ({@code block % 5 == 0}): metagraph sync every 100 blocks (and at the first step),
 *       prices ({@link ValidatorPrices}: the protocol's acceptance rules; a missing or invalid price is 0, a failed
 *       fetch gives zeros and is counted), every metagraph hotkey's
 *       commitment and payload download, one ledger step; then one decryption pass;</li>
 *   <li>every 1000 blocks, with at least {@code 2·LAG+1} steps and no calculation running: salience on the
 *       ledger's data up to {@code block − TASK_INTERVAL} for the metagraph's hotkeys on a background thread,
 *       weights by {@link WeightCalculator#compute(io.tao4j.mantis.protocol.Protocol, Map, List, List, Map, long,
 *       Optional)} (bcff57b: burn to UID 0 and the EMA over the previous vector in {@link EmaState}), saved in the
 *       ledger with the block;</li>
 *   <li>every 360 blocks: the newest saved weights are set when their UID list equals the metagraph's
 *       ({@code --dry-run}: logged, not sent).</li>
 * </ul>
 * A block at or below the ledger's last block is skipped, so a restart after a crash resumes where the
 * ledger ends.
 */
public final class MantisValidator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MantisValidator.class);
    /** MANTIS's weights.log. */
    private static final Logger weightsLog = LoggerFactory.getLogger("io.tao4j.mantis.weights");
    /** MANTIS's per_challenge_weights.log (one JSON object per line). */
    private static final Logger perChallengeLog = LoggerFactory.getLogger("io.tao4j.mantis.per_challenge");
    private static final ObjectMapper JSON = Json.MAPPER;

    /** A chain that both shows the subnet and takes weights ({@link SubtensorValidatorChain}). */
    public interface Chain extends SubnetView, WeightSetter {
    }

    /**
     * What a caller may watch besides {@link #stats()} (the demo's status page): every hook runs on the
     * validator's thread (the salience one on its calculation thread) and must not throw.
     */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /**
         * The prices read at {@code block} (tickers, assets, funding rates): what the ledger of the protocol stores
         * (a 2e9bc5b ledger keeps the tickers' prices only).
         */
        default void priced(long block, ValidatorPrices.Step prices) {
        }

        /** The downloads of the step at {@code block}. */
        default void collected(long block, Map<String, PayloadCollector.Result> results) {
        }

        /** A decryption pass at {@code block}; {@code pending} payloads are left in the ledger. */
        default void decrypted(long block, Decryptor.Report report, long pending) {
        }

        /** Salience computed on the ledger's data up to {@code uptoBlock}. */
        default void scored(long uptoBlock, SalienceResult salience) {
        }
    }

    /** How {@link #run} paces itself: poll interval, wait after a failed read or step, and a step limit (0 = none). */
    public record Pacing(Duration poll, Duration afterFailure, long maxSteps) {
        public Pacing {
            if (poll.isNegative() || poll.isZero() || afterFailure.isNegative() || maxSteps < 0) {
                throw new IllegalArgumentException("poll must be positive, afterFailure and maxSteps not negative");
            }
        }

        /** The command line's: a failure waits at least 5 s. */
        public static Pacing of(Duration poll, long maxSteps) {
            return new Pacing(poll, poll.compareTo(Duration.ofSeconds(5)) > 0 ? poll : Duration.ofSeconds(5), maxSteps);
        }
    }

    /** What counts were kept (for metrics and tests). */
    public record Stats(long steps, long collected, Map<Rejection, Long> rejected, long opened, long decryptRejected,
                        long lastDecryptMillis, long pending, long lastWeightsBlock, double lastSalienceSeconds,
                        long weightsSet, long calculations, long priceFailures) {
    }

    private final SubnetView subnet;
    private final WeightSetter weightSetter;
    private final PriceFeed prices;
    private final ValidatorPrices priceRules;
    private final Protocol protocol;
    private final PayloadSource collector;
    private final Ledger ledger;
    private final PayloadDecryptor decryptor;
    private final Scorer salience;
    private BlockClock clock;
    private Pacing pacing = Pacing.of(Duration.ofSeconds(1), 0);
    private Listener listener = Listener.NONE;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final List<Challenge> challenges;
    private final boolean dryRun;
    private final ValidatorConfig config;
    private final ExecutorService calcThread;

    private Neurons neurons;
    private Future<?> calculation;
    private EmaState ema;
    private volatile double lastBurnShare = Double.NaN;
    private volatile boolean lastEmaApplied;

    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong skippedAhead = new AtomicLong();
    private final AtomicLong collected = new AtomicLong();
    private final Map<Rejection, AtomicLong> rejected = new EnumMap<>(Rejection.class);
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong decryptRejected = new AtomicLong();
    private final AtomicLong lastDecryptMillis = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lastWeightsBlock = new AtomicLong(-1);
    private volatile double lastSalienceSeconds;
    private final AtomicLong weightsSet = new AtomicLong();
    private final AtomicLong calculations = new AtomicLong();
    private final AtomicLong priceFailures = new AtomicLong();

    /**
     * @param collector  downloads the payloads of hotkey → commitment; see {@link PayloadSource#of}
     * @param decryptor  one decryption pass at a block; see {@link PayloadDecryptor#of}
     * @param salience   salience over the ledger's data up to a block (inclusive); see {@link SalienceScorer}
     * @param dryRun     log the weights that would be set instead of setting them
     * @deprecated a 2e9bc5b validator from the old challenge type; use a {@link ValidatorConfig}
     */
    @Deprecated
    public MantisValidator(Chain chain, PriceFeed prices, PayloadSource collector, Ledger ledger, PayloadDecryptor decryptor,
                           Scorer salience, List<MantisChallenge> challenges, boolean dryRun) {
        this(chain, chain, prices, collector, ledger, decryptor, salience, legacyConfig(challenges), dryRun);
    }

    @SuppressWarnings("deprecation")
    private static ValidatorConfig legacyConfig(List<MantisChallenge> challenges) {
        Protocol.Constants k = Protocol.P2E9BC5B.constants();
        return new ValidatorConfig(challenges, k.weightCalcInterval(), k.weightSetInterval(), k.taskInterval());
    }

    /** The same with the challenges and cadences of {@code config}. */
    public MantisValidator(Chain chain, PriceFeed prices, PayloadSource collector, Ledger ledger, PayloadDecryptor decryptor,
                           Scorer salience, ValidatorConfig config, boolean dryRun) {
        this(chain, chain, prices, collector, ledger, decryptor, salience, config, dryRun);
    }

    /** Every port on its own. */
    public MantisValidator(SubnetView subnet, WeightSetter weightSetter, PriceFeed prices, PayloadSource collector, Ledger ledger,
                           PayloadDecryptor decryptor, Scorer salience, ValidatorConfig config, boolean dryRun) {
        List<Challenge> challenges = config.challenges();
        this.config = config;
        this.protocol = config.protocol();
        this.priceRules = new ValidatorPrices(protocol);
        this.subnet = subnet;
        this.weightSetter = weightSetter;
        this.prices = prices;
        this.collector = collector;
        this.ledger = ledger;
        this.decryptor = decryptor;
        this.salience = salience;
        this.challenges = List.copyOf(challenges);
        this.dryRun = dryRun;
        for (Rejection r : Rejection.values()) {
            rejected.put(r, new AtomicLong());
        }
        this.calcThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mantis-weights");
            t.setDaemon(true);
            return t;
        });
        ledger.latestWeights().ifPresent(w -> lastWeightsBlock.set(w.block()));
        pending.set(ledger.pendingCount());
    }

    /**
     * MANTIS prunes hotkeys that left the metagraph at every sync; here the ledger is rewritten only when
     * some did leave (since the last sync, or — at the first sync — among the hotkeys the ledger knows).
     */
    private void pruneDeparted(Neurons previous) {
        java.util.Set<String> active = new java.util.HashSet<>(neurons.hotkeys());
        java.util.Set<String> known = previous != null ? new java.util.HashSet<>(previous.hotkeys())
                : new java.util.HashSet<>(ledger.firstSeen().keySet());
        known.removeAll(active);
        if (!known.isEmpty()) {
            int removed = ledger.pruneHotkeys(active);
            log.info("pruned {} departed hotkeys ({} vectors) from the ledger", known.size(), removed);
        }
    }

    /**
     * A block below the ledger's last one: after a restart that is the few blocks already stored, but a ledger far
     * ahead of the chain (another network's ledger, a corrupt archive) would skip every block silently until the
     * chain catches up. Counted, and said at WARN on the first skip and every 100 sampled blocks after it.
     */
    private void warnLedgerAhead(long block, long last) {
        long n = skippedAhead.incrementAndGet();
        if (n == 1 || n % 100 == 0) {
            log.warn("the ledger is ahead of the chain: its last block is {}, the chain is at {} ({} blocks behind);"
                    + " sampled blocks up to {} are skipped ({} so far). If this ledger belongs to another network or"
                    + " came from a corrupt archive, stop the validator and move the ledger file aside to start"
                    + " collecting now", last, block, last - block, last, n);
        }
    }

    /** Sampled blocks skipped because the ledger already held a later block (see the WARN line). */
    public long skippedAheadOfChain() {
        return skippedAhead.get();
    }

    /** Processes one block; returns false when the block is not sampled or already in the ledger. */
    public boolean step(long block) {
        if (block % protocol.constants().sampleEvery() != 0) {
            return false;
        }
        java.util.OptionalLong last = ledger.lastBlock();
        if (last.isPresent() && block <= last.getAsLong()) {
            if (block == last.getAsLong()) {
                log.debug("block {} is already in the ledger", block);
            } else {
                warnLedgerAhead(block, last.getAsLong());
            }
            return false;
        }
        log.info("sampled block {}", block);
        if (neurons == null || block % 100 == 0) {
            Neurons previous = neurons;
            neurons = subnet.metagraph(block);
            log.info("metagraph synced at block {}: {} neurons", block, neurons.uids().size());
            if (ledger.protocol().isEmpty()) {
                pruneDeparted(previous); // 2e9bc5b; bcff57b keeps the data and scores the active set only
            }
        }
        ValidatorPrices.Step priceStep = priceRules.read(prices);
        if (priceStep.failed()) {
            priceFailures.incrementAndGet();
            log.error("block {}: cannot read the prices from {}: {}; the step gets zero prices", block, prices,
                    priceStep.failure());
        }
        Map<String, Double> byTicker = priceStep.prices();
        listener.priced(block, priceStep);
        Map<String, String> commits = subnet.commitments();
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String hk : neurons.hotkeys()) {
            wanted.put(hk, commits.get(hk));
        }
        Map<String, byte[]> payloads = new LinkedHashMap<>();
        Map<String, PayloadCollector.Result> got = collector.collect(wanted);
        listener.collected(block, got);
        for (PayloadCollector.Result r : got.values()) {
            if (r instanceof PayloadCollector.Collected c) {
                payloads.put(c.hotkey(), c.body()); // the downloaded bytes, unchanged
                collected.incrementAndGet();
            } else if (r instanceof PayloadCollector.Rejected rj) {
                rejected.get(rj.reason()).incrementAndGet();
                log.debug("payload of {} not collected: {} ({})", rj.hotkey(), rj.reason(), rj.detail());
            }
        }
        if (ledger.protocol().isPresent()) {
            ledger.appendStep(block, byTicker, priceStep.fundingRates(), payloads, neurons.hotkeys()); // {} for the others
        } else {
            ledger.appendStep(block, byTicker, payloads);
        }
        steps.incrementAndGet();
        log.info("block {}: {} payloads of {} hotkeys stored", block, payloads.size(), wanted.size());

        long t0 = System.nanoTime();
        Decryptor.Report rep = decryptor.decrypt(ledger, block);
        lastDecryptMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        opened.addAndGet(rep.opened());
        rep.rejected().values().forEach(decryptRejected::addAndGet);
        pending.set(ledger.pendingCount());
        listener.decrypted(block, rep, pending.get());
        if (rep.opened() > 0 || !rep.rejected().isEmpty()) {
            log.info("decryption at block {}: {} opened, rejected {}, {} waiting for their round", block, rep.opened(),
                    rep.rejected(), rep.waiting());
        }

        if (block % config.weightCalcInterval() == 0) {
            maybeStartCalculation(block);
        }
        if (block % config.weightSetInterval() == 0) {
            setSavedWeights(block);
        }
        return true;
    }

    private void maybeStartCalculation(long block) {
        if (calculation != null && !calculation.isDone()) {
            weightsLog.info("block {}: a weight calculation is still running, not starting another", block);
            return;
        }
        long n;
        try {
            n = ledger.blockCount();
        } catch (java.sql.SQLException e) {
            weightsLog.error("block {}: cannot count the ledger's steps: {}", block, e.getMessage());
            return;
        }
        int lag = protocol.constants().lag();
        if (n < 2L * lag + 1) {
            weightsLog.info("block {}: {} steps, a calculation needs {}", block, n, 2 * lag + 1);
            return;
        }
        Neurons snapshotNeurons = neurons;
        Map<String, Long> firstSeen = ledger.firstSeen();
        calculation = calcThread.submit(() -> {
            try {
                calculate(block, snapshotNeurons, firstSeen);
            } catch (RuntimeException e) {
                if (calcThread.isShutdown()) {
                    weightsLog.info("weight calculation for block {} stopped: the validator is closing", block);
                } else {
                    weightsLog.error("weight calculation for block {} failed: {}", block, e.toString(), e);
                }
            }
        });
    }

    /** Waits for a running calculation (tests, shutdown). */
    public void awaitCalculation(long timeout, TimeUnit unit) throws Exception {
        Future<?> f = calculation;
        if (f != null) {
            f.get(timeout, unit);
        }
    }

    private void calculate(long block, Neurons mg, Map<String, Long> firstSeen) {
        weightsLog.info("=== weight calculation | block {} ===", block);
        long t0 = System.nanoTime();
        SalienceResult sal = salience.salience(block - config.taskInterval(), java.util.Set.copyOf(mg.hotkeys()));
        lastSalienceSeconds = (System.nanoTime() - t0) / 1e9;
        listener.scored(block - config.taskInterval(), sal);
        calculations.incrementAndGet();
        boolean head = protocol.constants().burnPct() > 0 || protocol.constants().emaAlpha() > 0;
        if (!head && !sal.perChallenge().isEmpty()) {
            perChallengeLog.info(perChallengeJson(block, sal, challenges));
        }
        Optional<EmaState.Saved> previous = head && ema != null ? ema.load() : Optional.empty();
        WeightCalculator.Outcome out = WeightCalculator.compute(protocol, sal.total(), mg.uids(), mg.hotkeys(), firstSeen,
                block, previous);
        if (out instanceof WeightCalculator.Skipped s) {
            if (head && !sal.perChallenge().isEmpty()) {
                perChallengeLog.info(perChallengeJson(block, sal, challenges, null, false));
            }
            weightsLog.warn("block {}: no weights: {}", block, s.reason());
            return;
        }
        WeightCalculator.Weights w;
        if (out instanceof WeightCalculator.HeadWeights hw) {
            w = hw.weights();
            boolean emaApplied = previous.isPresent();
            double burn = 0;
            for (int i = 0; i < w.uids().size(); i++) {
                if (w.uids().get(i) == 0) {
                    burn = w.weights()[i];
                }
            }
            lastBurnShare = burn;
            lastEmaApplied = emaApplied;
            if (!sal.perChallenge().isEmpty()) {
                perChallengeLog.info(perChallengeJson(block, sal, challenges, burn, emaApplied));
            }
            if (ema != null) {
                ema.save(hw.state());
            } else {
                weightsLog.warn("block {}: no EMA state configured; the weights are saved without it", block);
            }
        } else {
            w = (WeightCalculator.Weights) out;
        }
        List<Double> ws = new ArrayList<>();
        Map<Integer, String> shown = new TreeMap<>();
        for (int i = 0; i < w.weights().length; i++) {
            ws.add((double) w.weights()[i]);
            if (w.weights()[i] > 0) {
                shown.put(w.uids().get(i), String.format(java.util.Locale.ROOT, "%.8f", w.weights()[i]));
            }
        }
        ledger.saveWeights(new Ledger.SavedWeights(block, w.uids(), ws));
        lastWeightsBlock.set(block);
        weightsLog.info("normalized weights for block {}: {} (young UIDs {}, salience {} s)", block, shown, w.youngUids(),
                String.format(java.util.Locale.ROOT, "%.1f", lastSalienceSeconds));
    }

    /**
     * The reference's per-challenge log line: {@code block}, {@code total_challenge_weight} and, per
     * challenge, its weight, the salience by hotkey and the salience times the challenge weight.
     */
    public static String perChallengeJson(long block, SalienceResult sal, List<Challenge> challenges) {
        return perChallengeJson(block, sal, challenges, null, null);
    }

    /**
     * The same with HEAD's weight facts: {@code burn_share} (UID 0's share of the saved vector; null when no vector
     * was saved) and {@code ema_applied} (whether a previous vector was blended in).
     */
    public static String perChallengeJson(long block, SalienceResult sal, List<Challenge> challenges, Double burnShare,
                                          Boolean emaApplied) {
        ObjectNode root = JSON.createObjectNode();
        root.put("block", block);
        double total = 0;
        ObjectNode per = JSON.createObjectNode();
        for (Map.Entry<String, Map<String, Double>> e : new TreeMap<>(sal.perChallenge()).entrySet()) {
            double cw = challenges.stream().filter(c -> c.ticker().equals(e.getKey())).mapToDouble(Challenge::weight)
                    .findFirst().orElse(1.0);
            total += cw;
            ObjectNode c = per.putObject(e.getKey());
            c.put("challenge_weight", cw);
            ObjectNode s = c.putObject("salience");
            ObjectNode wd = c.putObject("weighted");
            new TreeMap<>(e.getValue()).forEach((hk, v) -> {
                s.put(hk, v);
                wd.put(hk, v * cw);
            });
        }
        root.set("per_challenge", per);
        root.put("total_challenge_weight", total);
        if (emaApplied != null) {
            if (burnShare == null) {
                root.putNull("burn_share");
            } else {
                root.put("burn_share", burnShare);
            }
            root.put("ema_applied", emaApplied);
        }
        return root.toString();
    }

    private void setSavedWeights(long block) {
        Optional<Ledger.SavedWeights> saved = ledger.latestWeights();
        if (saved.isEmpty()) {
            log.info("no saved weights at block {}, not setting", block);
            return;
        }
        Ledger.SavedWeights w = saved.get();
        if (!w.uids().equals(neurons.uids())) {
            weightsLog.warn("block {}: the UIDs of the weights saved at block {} differ from the metagraph's, not setting", block, w.block());
            return;
        }
        int[] uids = w.uids().stream().mapToInt(Integer::intValue).toArray();
        double[] ws = w.weights().stream().mapToDouble(Double::doubleValue).toArray();
        if (dryRun) {
            weightsLog.info("dry run: would set the weights of block {} at block {}: {}", w.block(), block, w.weights());
            return;
        }
        try {
            String outcome = weightSetter.setWeights(uids, ws);
            weightsSet.incrementAndGet();
            weightsLog.info("weights of block {} set at block {}: {}", w.block(), block, outcome);
        } catch (RuntimeException e) {
            weightsLog.error("setting the weights of block {} at block {} failed: {}", w.block(), block, e.getMessage());
        }
    }

    public Stats stats() {
        Map<Rejection, Long> r = new EnumMap<>(Rejection.class);
        rejected.forEach((k, v) -> r.put(k, v.get()));
        return new Stats(steps.get(), collected.get(), r, opened.get(), decryptRejected.get(), lastDecryptMillis.get(),
                pending.get(), lastWeightsBlock.get(), lastSalienceSeconds, weightsSet.get(), calculations.get(),
                priceFailures.get());
    }

    /** The builder: the validator on a {@code Subtensor}, with MANTIS's real collaborators. */
    public static MantisValidatorBuilder builder() {
        return new MantisValidatorBuilder();
    }

    /** The ledger the validator writes (read-only use: counts, for a status page). */
    public Ledger ledger() {
        return ledger;
    }

    /** Where the EMA over weight vectors is kept (protocols with an EMA; the builder opens it in the ledger file). */
    public MantisValidator emaState(EmaState state) {
        this.ema = state;
        return this;
    }

    /** UID 0's share of the last saved weights (HEAD's burn; NaN before the first HEAD calculation). */
    public double lastBurnShare() {
        return lastBurnShare;
    }

    /** Whether the last saved HEAD weights blended in a previous vector (the EMA). */
    public boolean lastEmaApplied() {
        return lastEmaApplied;
    }

    MantisValidator clock(BlockClock clock) {
        this.clock = clock;
        return this;
    }

    /** How {@link #run} polls and backs off. */
    public MantisValidator pacing(Pacing pacing) {
        this.pacing = pacing;
        return this;
    }

    /** Who watches collections, decryptions and salience. */
    public MantisValidator listener(Listener listener) {
        this.listener = listener == null ? Listener.NONE : listener;
        return this;
    }

    /** Closed with the validator, after its calculation thread stops (e.g. the ledger, the payload collector). */
    MantisValidator owning(AutoCloseable resource) {
        owned.add(resource);
        return this;
    }

    /**
     * Polls the chain's block and {@link #step steps} at each new one until {@code stop} says so or
     * {@link Pacing#maxSteps()} sampled steps are done. A failed block read or step is logged and retried
     * after {@link Pacing#afterFailure()}; returns the counts.
     */
    public Stats run(BooleanSupplier stop) {
        if (clock == null) {
            throw new IllegalStateException("no block clock: build the validator with MantisValidator.builder()");
        }
        long last = -1;
        long done = 0;
        while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()
                && (pacing.maxSteps() == 0 || done < pacing.maxSteps())) {
            long block;
            try {
                block = clock.currentBlock();
            } catch (RuntimeException e) {
                if (!stop.getAsBoolean()) {
                    log.error("cannot read the current block: {}", e.getMessage());
                }
                pause(pacing.afterFailure(), stop);
                continue;
            }
            if (block == last) {
                pause(pacing.poll(), stop);
                continue;
            }
            last = block;
            try {
                if (step(block)) {
                    done++;
                }
            } catch (RuntimeException e) {
                if (!stop.getAsBoolean()) {
                    log.error("step at block {} failed: {}", block, e.toString(), e);
                }
                pause(pacing.afterFailure(), stop);
            }
        }
        return stats();
    }

    /** Sleeps {@code d} in slices of at most 50 ms, waking early when stopped; an interrupt ends {@link #run}. */
    private static void pause(Duration d, BooleanSupplier stop) {
        long end = System.nanoTime() + d.toNanos();
        try {
            for (long left = d.toNanos(); left > 0 && !stop.getAsBoolean(); left = end - System.nanoTime()) {
                Thread.sleep(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        calcThread.shutdownNow();
        try {
            calcThread.awaitTermination(2, TimeUnit.SECONDS); // a running calculation may still save its weights
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                log.debug("closing {} failed: {}", owned.get(i), e.toString());
            }
        }
    }
}
