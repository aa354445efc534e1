package io.tao4j.cli.demo;

import io.tao4j.mantis.payload.RejectReason;
import io.tao4j.mantis.collect.Rejection;
import io.tao4j.mantis.salience.SalienceResult;
import io.tao4j.mantis.validator.MantisValidator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo has seen so far: the newest sample of the chain and the neurons' counters, the time
 * series the status page draws, and recent events. Written by the demo's sampler, read by the status
 * page and the report; every method is synchronized.
 */
public final class DemoState {
    /** Points kept per series (10 minutes at one sample a second). */
    static final int MAX_POINTS = 600;
    static final int MAX_EVENTS = 40;

    /** The LFC roles. */
    public record Lfc(String minerHotkey, String aggregatorHotkey, String treasury, String coldkey, int minerUid) {
    }

    /**
     * One reading, about once a second. Alpha amounts are in rao (1e-9); {@code burnShare} is UID 0's entry of the MANTIS
     * validator's last computed weights (NaN before the first), {@code emaApplied} whether that calculation used the EMA.
     */
    public record Sample(long head, long finalized, int lfcTempo, long lfcEpochs, int mantisTempo, long mantisEpochs,
                         long minerAlpha, long aggregatorAlpha, long treasuryAlpha, long alphaSwept, long alphaTransferred,
                         long sweeps, long transfers, long lfcWeightSets, Map<Integer, Double> lfcWeights,
                         MantisValidator.Stats mantis, Map<RejectReason, Long> decryptRejected, Map<Integer, Double> mantisWeights,
                         SalienceResult salience, long minerUploads, long minerFailures, double burnShare, boolean emaApplied) {
    }

    /** Stake flow at a block (rao). */
    public record FlowPoint(long block, long miner, long aggregator, long treasury) {
    }

    private final Instant started = Instant.now();
    private List<Demo.MinerInfo> miners = List.of();
    private Lfc lfc;
    private Sample latest;
    private final Deque<FlowPoint> flow = new ArrayDeque<>();
    private final Deque<String> events = new ArrayDeque<>();
    private final java.util.TreeMap<Long, StepCounts> byStep = new java.util.TreeMap<>();

    /** The payloads of one collected step as known now (rejection keys are reason names). */
    public static final class StepCounts {
        final long block;
        int ok;
        int pending;
        final Map<String, Integer> rejected = new LinkedHashMap<>();
        long pendingDecryptions;

        StepCounts(long block) {
            this.block = block;
        }

        public long block() {
            return block;
        }

        public int ok() {
            return ok;
        }

        public int pending() {
            return pending;
        }

        public Map<String, Integer> rejected() {
            return new LinkedHashMap<>(rejected);
        }

        public long pendingDecryptions() {
            return pendingDecryptions;
        }
    }

    /** The collection of the step at {@code block}: collected payloads wait for decryption, rejections by reason. */
    synchronized void collected(long block, Map<String, io.tao4j.mantis.collect.PayloadCollector.Result> results) {
        StepCounts c = byStep.computeIfAbsent(block, StepCounts::new);
        for (io.tao4j.mantis.collect.PayloadCollector.Result r : results.values()) {
            if (r instanceof io.tao4j.mantis.collect.PayloadCollector.Collected) {
                c.pending++;
            } else if (r instanceof io.tao4j.mantis.collect.PayloadCollector.Rejected rj) {
                c.rejected.merge(rj.reason().name(), 1, Integer::sum);
            }
        }
        while (byStep.size() > MAX_POINTS) {
            byStep.pollFirstEntry();
        }
    }

    /** A decryption pass at {@code block}: each finished payload moves from pending to ok or to its rejection. */
    synchronized void decrypted(long block, List<io.tao4j.mantis.validator.Decryptor.Processed> processed, long pendingNow) {
        for (io.tao4j.mantis.validator.Decryptor.Processed p : processed) {
            StepCounts c = byStep.get(p.block());
            if (c == null) {
                continue; // collected before the window kept here
            }
            c.pending = Math.max(0, c.pending - 1);
            if (p.opened()) {
                c.ok++;
            } else {
                c.rejected.merge(p.droppedUnopened() ? "DROPPED_UNOPENED" : "DECRYPT_" + p.reason().name(), 1, Integer::sum);
            }
        }
        StepCounts now = byStep.get(block);
        if (now != null) {
            now.pendingDecryptions = pendingNow;
        }
    }

    public synchronized List<StepCounts> stepCounts() {
        List<StepCounts> out = new ArrayList<>();
        for (StepCounts c : byStep.values()) {
            StepCounts copy = new StepCounts(c.block);
            copy.ok = c.ok;
            copy.pending = c.pending;
            copy.rejected.putAll(c.rejected);
            copy.pendingDecryptions = c.pendingDecryptions;
            out.add(copy);
        }
        return out;
    }

    public synchronized Instant started() {
        return started;
    }

    synchronized void miners(List<Demo.MinerInfo> m) {
        miners = List.copyOf(m);
    }

    public synchronized List<Demo.MinerInfo> miners() {
        return miners;
    }

    synchronized void lfcKeys(String miner, String aggregator, String treasury, String coldkey, int minerUid) {
        lfc = new Lfc(miner, aggregator, treasury, coldkey, minerUid);
    }

    public synchronized Lfc lfcKeysOrNull() {
        return lfc;
    }

    synchronized void event(String text) {
        events.addLast(java.time.LocalTime.now().withNano(0) + "  " + text);
        while (events.size() > MAX_EVENTS) {
            events.removeFirst();
        }
    }

    public synchronized List<String> events() {
        return new ArrayList<>(events);
    }

    synchronized void update(Sample s) {
        latest = s;
        if (flow.isEmpty() || flow.peekLast().block() != s.head()) {
            flow.addLast(new FlowPoint(s.head(), s.minerAlpha(), s.aggregatorAlpha(), s.treasuryAlpha()));
        }
        while (flow.size() > MAX_POINTS) {
            flow.removeFirst();
        }
    }

    public synchronized Sample latest() {
        return latest;
    }

    public synchronized List<FlowPoint> flow() {
        return new ArrayList<>(flow);
    }

    /** Rejections at collection and at decryption, by lower-case reason, since the start. */
    public static Map<String, Long> rejections(Sample s) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (s == null || s.mantis() == null) {
            return out;
        }
        for (Map.Entry<Rejection, Long> e : new EnumMap<>(s.mantis().rejected()).entrySet()) {
            if (e.getValue() > 0) {
                out.put(e.getKey().name(), e.getValue());
            }
        }
        for (Map.Entry<RejectReason, Long> e : s.decryptRejected().entrySet()) {
            if (e.getValue() > 0) {
                out.put("DECRYPT_" + e.getKey().name(), e.getValue());
            }
        }
        return out;
    }
}
