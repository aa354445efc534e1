package io.tao4j.cli.demo.web;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One immutable snapshot of what {@code tao4j demo} shows on its status page, at {@code /api/status} (this
 * record as JSON, component names as keys) and at {@code /metrics}.
 *
 * <p>Every record here is deeply immutable (lists and maps are copied into unmodifiable ones, nulls are
 * rejected with the name of the field), so a snapshot can be handed to {@link StatusServer#publish} from any
 * thread and read by the server's threads without locking. The orchestrator builds a new snapshot from the
 * previous one with the {@code with…} methods, e.g.
 * <pre>{@code
 * server.update(s -> s.withUpdated(System.currentTimeMillis())
 *         .withChain(s.chain().withBlocks(head, finalized).withSubnet(new Subnet(35, "LFC", 20, epochs35)))
 *         .withLfc(s.lfc().withPoint(StakePoint.ofRao(head, minerRao, aggRao, treasuryRao)))
 *         .withEvent("block " + head + ": sweep moved 1.5 alpha"));
 * }</pre>
 *
 * <p>Units: block numbers are chain block numbers; times are milliseconds since the Unix epoch (0 = not yet);
 * <b>stake amounts are doubles in whole alpha</b> (1 alpha = 10<sup>9</sup> rao, see {@link StakePoint#ofRao});
 * weights are the normalized floats the validators computed (they need not sum to 1); salience values are
 * whatever the MANTIS salience engine returned. All doubles must be finite.
 *
 * @param startedMillis when the demo started (0 = not started)
 * @param updatedMillis when this snapshot was taken (0 = never); {@link #elapsedMillis()} is the difference
 * @param chain         the local chain's head and the subnets' epochs
 * @param lfc           subnet 35 (Liquidity Flow Controller)
 * @param mantis        subnet 123 (MANTIS)
 * @param events        recent log lines, oldest first, at most {@link #MAX_EVENTS}; never secrets
 */
public record DemoStatus(long startedMillis, long updatedMillis, Chain chain, Lfc lfc, Mantis mantis, List<String> events) {

    /** How many points a time series keeps (older ones are dropped by {@code withPoint}/{@code withStep}). */
    public static final int MAX_POINTS = 600;
    /** How many events {@link #withEvent} keeps. */
    public static final int MAX_EVENTS = 100;

    public DemoStatus {
        requireNonNegative(startedMillis, "startedMillis");
        requireNonNegative(updatedMillis, "updatedMillis");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(lfc, "lfc");
        Objects.requireNonNull(mantis, "mantis");
        events = list(events, "events");
    }

    /** Nothing known yet: the page renders empty charts. */
    public static DemoStatus empty() {
        return new DemoStatus(0, 0, Chain.empty(), Lfc.empty(), Mantis.empty(), List.of());
    }

    /** Milliseconds from start to this snapshot (0 before the start). */
    @JsonProperty("elapsedMillis")
    public long elapsedMillis() {
        return startedMillis == 0 || updatedMillis < startedMillis ? 0 : updatedMillis - startedMillis;
    }

    public DemoStatus withStarted(long millis) {
        return new DemoStatus(millis, updatedMillis, chain, lfc, mantis, events);
    }

    public DemoStatus withUpdated(long millis) {
        return new DemoStatus(startedMillis, millis, chain, lfc, mantis, events);
    }

    public DemoStatus withChain(Chain c) {
        return new DemoStatus(startedMillis, updatedMillis, c, lfc, mantis, events);
    }

    public DemoStatus withLfc(Lfc l) {
        return new DemoStatus(startedMillis, updatedMillis, chain, l, mantis, events);
    }

    public DemoStatus withMantis(Mantis m) {
        return new DemoStatus(startedMillis, updatedMillis, chain, lfc, m, events);
    }

    /** Appends one log line, dropping the oldest beyond {@link #MAX_EVENTS}. */
    public DemoStatus withEvent(String line) {
        Objects.requireNonNull(line, "event");
        return new DemoStatus(startedMillis, updatedMillis, chain, lfc, mantis, appendCapped(events, line, MAX_EVENTS));
    }

    /** The chain head and the subnets' epoch counters. */
    public record Chain(long head, long finalized, long blockMillis, List<Subnet> subnets) {
        public Chain {
            requireNonNegative(head, "chain.head");
            requireNonNegative(finalized, "chain.finalized");
            requireNonNegative(blockMillis, "chain.blockMillis");
            subnets = list(subnets, "chain.subnets");
        }

        public static Chain empty() {
            return new Chain(0, 0, 0, List.of());
        }

        public Chain withBlocks(long newHead, long newFinalized) {
            return new Chain(newHead, newFinalized, blockMillis, subnets);
        }

        public Chain withBlockMillis(long millis) {
            return new Chain(head, finalized, millis, subnets);
        }

        /** Replaces the subnet with the same netuid, or appends it. */
        public Chain withSubnet(Subnet s) {
            Objects.requireNonNull(s, "subnet");
            List<Subnet> out = new ArrayList<>(subnets);
            out.removeIf(x -> x.netuid() == s.netuid());
            out.add(s);
            out.sort((a, b) -> Integer.compare(a.netuid(), b.netuid()));
            return new Chain(head, finalized, blockMillis, out);
        }
    }

    /** A subnet's tempo (blocks per epoch) and the number of epochs completed since the demo started. */
    public record Subnet(int netuid, String name, int tempo, long epochs) {
        public Subnet {
            if (netuid < 0 || netuid > 65535) {
                throw new IllegalArgumentException("subnet.netuid must be 0..65535, got " + netuid);
            }
            Objects.requireNonNull(name, "subnet.name");
            if (tempo < 0) {
                throw new IllegalArgumentException("subnet.tempo must not be negative, got " + tempo);
            }
            requireNonNegative(epochs, "subnet.epochs");
        }
    }

    /**
     * Subnet 35: the stake flow miner hotkey → aggregator hotkey → treasury coldkey.
     *
     * @param flow             stake over time, oldest first (at most {@link #MAX_POINTS})
     * @param sweeps           sweeps done (move + transfer rounds that moved something)
     * @param alphaSwept       alpha moved from the miner hotkey to the aggregator hotkey, in total
     * @param alphaTransferred alpha transferred to the treasury coldkey, in total
     * @param weights          the LFC validator's last weights, uid → weight (sorted by uid)
     * @param weightsBlock     the block those weights were set at (-1 = none yet)
     * @param weightSets       how many times the validator set weights
     */
    public record Lfc(int netuid, String minerHotkey, String aggregatorHotkey, String treasuryColdkey, List<StakePoint> flow,
                      long sweeps, double alphaSwept, double alphaTransferred, Map<Integer, Double> weights, long weightsBlock,
                      long weightSets) {
        public Lfc {
            Objects.requireNonNull(minerHotkey, "lfc.minerHotkey");
            Objects.requireNonNull(aggregatorHotkey, "lfc.aggregatorHotkey");
            Objects.requireNonNull(treasuryColdkey, "lfc.treasuryColdkey");
            flow = list(flow, "lfc.flow");
            requireNonNegative(sweeps, "lfc.sweeps");
            requireFinite(alphaSwept, "lfc.alphaSwept");
            requireFinite(alphaTransferred, "lfc.alphaTransferred");
            weights = Collections.unmodifiableMap(new TreeMap<>(map(weights, "lfc.weights")));
            weights.values().forEach(v -> requireFinite(v, "lfc.weights"));
            requireNonNegative(weightSets, "lfc.weightSets");
        }

        public static Lfc empty() {
            return new Lfc(35, "", "", "", List.of(), 0, 0, 0, Map.of(), -1, 0);
        }

        public Lfc withAccounts(int newNetuid, String miner, String aggregator, String treasury) {
            return new Lfc(newNetuid, miner, aggregator, treasury, flow, sweeps, alphaSwept, alphaTransferred, weights,
                    weightsBlock, weightSets);
        }

        /** Appends a point; a point at the same block as the last one replaces it. */
        public Lfc withPoint(StakePoint p) {
            Objects.requireNonNull(p, "lfc point");
            List<StakePoint> base = flow;
            if (!base.isEmpty() && base.get(base.size() - 1).block() == p.block()) {
                base = base.subList(0, base.size() - 1);
            }
            return new Lfc(netuid, minerHotkey, aggregatorHotkey, treasuryColdkey, appendCapped(base, p, MAX_POINTS), sweeps,
                    alphaSwept, alphaTransferred, weights, weightsBlock, weightSets);
        }

        public Lfc withSweepTotals(long newSweeps, double swept, double transferred) {
            return new Lfc(netuid, minerHotkey, aggregatorHotkey, treasuryColdkey, flow, newSweeps, swept, transferred, weights,
                    weightsBlock, weightSets);
        }

        public Lfc withWeights(long block, Map<Integer, Double> uidWeights, long sets) {
            return new Lfc(netuid, minerHotkey, aggregatorHotkey, treasuryColdkey, flow, sweeps, alphaSwept, alphaTransferred,
                    uidWeights, block, sets);
        }

        /** The newest point, or null. */
        public StakePoint latest() {
            return flow.isEmpty() ? null : flow.get(flow.size() - 1);
        }
    }

    /** Stake at a block, in whole alpha: on the miner hotkey, on the aggregator hotkey, owned by the treasury coldkey. */
    public record StakePoint(long block, double miner, double aggregator, double treasury) {
        /** Rao per alpha. */
        public static final double RAO = 1e9;

        public StakePoint {
            requireNonNegative(block, "stakePoint.block");
            requireFinite(miner, "stakePoint.miner");
            requireFinite(aggregator, "stakePoint.aggregator");
            requireFinite(treasury, "stakePoint.treasury");
        }

        /** From rao amounts (as read from the chain). */
        public static StakePoint ofRao(long block, long minerRao, long aggregatorRao, long treasuryRao) {
            return new StakePoint(block, minerRao / RAO, aggregatorRao / RAO, treasuryRao / RAO);
        }
    }

    /**
     * Subnet 123: MANTIS.
     *
     * @param miners       the demo's miners
     * @param steps        one point per sampled step (collection every 5 blocks), oldest first, at most {@link #MAX_POINTS}
     * @param collected    payloads collected in total
     * @param decrypted    payloads decrypted in total
     * @param rejected     payloads rejected in total, by reason (e.g. {@code Rejection.name()}; decryption failures too)
     * @param pending      payloads waiting for their time-lock round now
     * @param ledgerSteps  steps stored in the validator's ledger
     * @param weights      the last weights the validator computed or set
     * @param weightSets   how many times the validator set weights on chain
     * @param salience     challenge ticker → miner name → salience, from the last calculation (only challenges that
     *                     produced output; TRADE-MIX's unearned share under {@code "__burn__"})
     * @param salienceBlock the block of that calculation (-1 = none yet)
     * @param scoring      the protocol's challenges, the burn to UID 0 and the EMA
     */
    public record Mantis(int netuid, List<Miner> miners, List<StepPoint> steps, long collected, long decrypted,
                         Map<String, Long> rejected, long pending, long ledgerSteps, Weights weights, long weightSets,
                         Map<String, Map<String, Double>> salience, long salienceBlock, Scoring scoring) {
        public Mantis {
            miners = list(miners, "mantis.miners");
            steps = list(steps, "mantis.steps");
            requireNonNegative(collected, "mantis.collected");
            requireNonNegative(decrypted, "mantis.decrypted");
            rejected = map(rejected, "mantis.rejected");
            rejected.values().forEach(v -> requireNonNegative(v, "mantis.rejected"));
            requireNonNegative(pending, "mantis.pending");
            requireNonNegative(ledgerSteps, "mantis.ledgerSteps");
            Objects.requireNonNull(weights, "mantis.weights");
            requireNonNegative(weightSets, "mantis.weightSets");
            Map<String, Map<String, Double>> sal = new LinkedHashMap<>();
            map(salience, "mantis.salience").forEach((challenge, perMiner) -> {
                Map<String, Double> m = map(perMiner, "mantis.salience[" + challenge + "]");
                m.values().forEach(v -> requireFinite(v, "mantis.salience[" + challenge + "]"));
                sal.put(challenge, m);
            });
            salience = Collections.unmodifiableMap(sal);
            Objects.requireNonNull(scoring, "mantis.scoring");
        }

        public static Mantis empty() {
            return new Mantis(123, List.of(), List.of(), 0, 0, Map.of(), 0, 0, Weights.none(), 0, Map.of(), -1, Scoring.none());
        }

        public Mantis withNetuid(int n) {
            return new Mantis(n, miners, steps, collected, decrypted, rejected, pending, ledgerSteps, weights, weightSets,
                    salience, salienceBlock, scoring);
        }

        public Mantis withMiners(List<Miner> m) {
            return new Mantis(netuid, m, steps, collected, decrypted, rejected, pending, ledgerSteps, weights, weightSets,
                    salience, salienceBlock, scoring);
        }

        /** Appends a step; a step at the same block as the last one replaces it. */
        public Mantis withStep(StepPoint p) {
            Objects.requireNonNull(p, "mantis step");
            List<StepPoint> base = steps;
            if (!base.isEmpty() && base.get(base.size() - 1).block() == p.block()) {
                base = base.subList(0, base.size() - 1);
            }
            return new Mantis(netuid, miners, appendCapped(base, p, MAX_POINTS), collected, decrypted, rejected, pending,
                    ledgerSteps, weights, weightSets, salience, salienceBlock, scoring);
        }

        /**
         * Replaces the whole step series (keeps the newest {@link #MAX_POINTS}); use it when older steps change
         * outcome, e.g. pending payloads that have been decrypted since.
         */
        public Mantis withSteps(List<StepPoint> all) {
            List<StepPoint> capped = list(all, "mantis.steps");
            capped = capped.subList(Math.max(0, capped.size() - MAX_POINTS), capped.size());
            return new Mantis(netuid, miners, capped, collected, decrypted, rejected, pending, ledgerSteps, weights, weightSets,
                    salience, salienceBlock, scoring);
        }

        public Mantis withTotals(long newCollected, long newDecrypted, Map<String, Long> newRejected, long newPending,
                                 long newLedgerSteps) {
            return new Mantis(netuid, miners, steps, newCollected, newDecrypted, newRejected, newPending, newLedgerSteps,
                    weights, weightSets, salience, salienceBlock, scoring);
        }

        public Mantis withWeights(Weights w, long sets) {
            return new Mantis(netuid, miners, steps, collected, decrypted, rejected, pending, ledgerSteps, w, sets, salience,
                    salienceBlock, scoring);
        }

        public Mantis withScoring(Scoring sc) {
            return new Mantis(netuid, miners, steps, collected, decrypted, rejected, pending, ledgerSteps, weights, weightSets,
                    salience, salienceBlock, sc);
        }

        public Mantis withSalience(long block, Map<String, Map<String, Double>> s) {
            return new Mantis(netuid, miners, steps, collected, decrypted, rejected, pending, ledgerSteps, weights, weightSets,
                    s, block, scoring);
        }
    }

    /**
     * How the MANTIS validator turns salience into weights at its protocol.
     *
     * @param protocol     the protocol id (e.g. {@code bcff57b})
     * @param challenges   every challenge of the protocol, in config order, with its weight
     * @param burnPct      the share the protocol burns to UID 0 (0 = none)
     * @param burnShare    UID 0's entry of the validator's last computed weight vector (-1 = none yet)
     * @param onChainBurn  UID 0's share of the validator's weights on chain (-1 = none yet)
     * @param tradeMixBurn TRADE-MIX's unearned share ({@code __burn__}) in the last calculation (-1 = no output)
     * @param emaAlpha     weight of the new vector in the EMA (0 = the protocol has no EMA)
     * @param emaApplied   whether the last calculation blended with a previous vector
     */
    public record Scoring(String protocol, List<ChallengeInfo> challenges, double burnPct, double burnShare,
                          double onChainBurn, double tradeMixBurn, double emaAlpha, boolean emaApplied) {
        public Scoring {
            Objects.requireNonNull(protocol, "scoring.protocol");
            challenges = list(challenges, "scoring.challenges");
            requireFinite(burnPct, "scoring.burnPct");
            requireFinite(burnShare, "scoring.burnShare");
            requireFinite(onChainBurn, "scoring.onChainBurn");
            requireFinite(tradeMixBurn, "scoring.tradeMixBurn");
            requireFinite(emaAlpha, "scoring.emaAlpha");
        }

        public static Scoring none() {
            return new Scoring("", List.of(), 0, -1, -1, -1, 0, false);
        }
    }

    /** One challenge of the protocol: ticker, name and weight in the salience mix. */
    public record ChallengeInfo(String ticker, String name, double weight) {
        public ChallengeInfo {
            Objects.requireNonNull(ticker, "challenge.ticker");
            Objects.requireNonNull(name, "challenge.name");
            requireFinite(weight, "challenge.weight");
        }
    }

    /**
     * A MANTIS miner of the demo.
     *
     * @param kind   e.g. "baseline", "noisy", "garbage", "copycat"
     * @param hotkey SS58 address (public)
     * @param uid    UID on the subnet (-1 = not registered yet)
     */
    public record Miner(String name, String kind, String hotkey, int uid) {
        public Miner {
            Objects.requireNonNull(name, "miner.name");
            Objects.requireNonNull(kind, "miner.kind");
            Objects.requireNonNull(hotkey, "miner.hotkey");
        }
    }

    /**
     * What happened to the payloads of one collection step, as known when the snapshot was taken: a step's
     * pending payloads become ok (or rejected) once decrypted, so the orchestrator may rebuild the series with
     * {@link Mantis#withSteps} rather than only append with {@link Mantis#withStep}.
     *
     * @param ok                 payloads of the step that were collected and opened (decrypted and valid)
     * @param pending            payloads of the step collected whose time-lock round has not come yet
     * @param rejected           payloads rejected, by reason
     * @param pendingDecryptions all payloads waiting for decryption at this block (the validator's backlog)
     */
    public record StepPoint(long block, int ok, int pending, Map<String, Integer> rejected, long pendingDecryptions) {
        public StepPoint {
            requireNonNegative(block, "step.block");
            requireNonNegative(ok, "step.ok");
            requireNonNegative(pending, "step.pending");
            rejected = map(rejected, "step.rejected");
            rejected.values().forEach(v -> requireNonNegative(v, "step.rejected"));
            requireNonNegative(pendingDecryptions, "step.pendingDecryptions");
        }

        /** Payloads seen in the step. */
        @JsonProperty("total")
        public int total() {
            return ok + pending + rejected.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Weights at a block (-1 = none yet), one entry per UID. */
    public record Weights(long block, List<MinerWeight> weights) {
        public Weights {
            weights = list(weights, "weights");
        }

        public static Weights none() {
            return new Weights(-1, List.of());
        }
    }

    /** One UID's weight; {@code name} is the demo miner's name ("" if the hotkey is no demo miner). */
    public record MinerWeight(int uid, String hotkey, String name, double weight) {
        public MinerWeight {
            Objects.requireNonNull(hotkey, "weight.hotkey");
            Objects.requireNonNull(name, "weight.name");
            requireFinite(weight, "weight.weight");
        }
    }

    // --- helpers ---

    static void requireNonNegative(long v, String what) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + v);
        }
    }

    static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number, got " + v);
        }
    }

    static <T> List<T> list(List<T> in, String what) {
        Objects.requireNonNull(in, what);
        for (T t : in) {
            if (t == null) {
                throw new NullPointerException(what + " contains null");
            }
        }
        return List.copyOf(in);
    }

    /** An unmodifiable copy keeping the iteration order (the page shows entries in that order). */
    static <K, V> Map<K, V> map(Map<K, V> in, String what) {
        Objects.requireNonNull(in, what);
        Map<K, V> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new NullPointerException(what + " contains a null key or value");
            }
            out.put(k, v);
        });
        return Collections.unmodifiableMap(out);
    }

    static <T> List<T> appendCapped(List<T> base, T item, int cap) {
        int from = Math.max(0, base.size() + 1 - cap);
        List<T> out = new ArrayList<>(base.subList(from, base.size()));
        out.add(item);
        return out;
    }
}
