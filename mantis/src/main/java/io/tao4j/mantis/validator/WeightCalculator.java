package io.tao4j.mantis.validator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns salience per hotkey into the weight vector the validator saves, as MANTIS 2e9bc5b
 * {@code validator.py calc_worker} does — pure, no I/O:
 * <ol>
 *   <li>keep salience of hotkeys in the metagraph, mapped to their UIDs; empty → no weights;</li>
 *   <li>"young" UIDs (first non-zero embedding less than {@link #YOUNG_BLOCKS} blocks before the
 *       snapshot) get {@link #YOUNG_WEIGHT} each; the rest, {@code 1 − n_young·0.0001} (not below 0),
 *       is shared by the mature UIDs in proportion to salience;</li>
 *   <li>normalise; build the float32 vector over all metagraph UIDs;</li>
 *   <li>refuse degenerate results: all non-zero weights equal (which, as in the reference, includes a
 *       single non-zero weight), or (more than one) coefficient of variation below 0.1 % — the std
 *       being torch's unbiased one; refuse a zero sum.</li>
 * </ol>
 * One deliberate difference: the reference takes a hotkey's first block from the first challenge (in
 * config order) in which it has a non-zero vector; tao4j's ledger records the earliest block over all
 * challenges, which is what "first non-zero embedding" means.
 */
public final class WeightCalculator {
    public static final long YOUNG_BLOCKS = 36_000;
    public static final double YOUNG_WEIGHT = 0.0001;

    /** The result: weights over {@code uids} (same order), or the reason none are set. */
    public sealed interface Outcome permits Weights, Skipped {
    }

    /** Weights to save; {@code weights[i]} belongs to {@code uids.get(i)}; they sum to 1. */
    public record Weights(List<Integer> uids, float[] weights, Set<Integer> youngUids) implements Outcome {
    }

    /** No weights this time, and why. */
    public record Skipped(String reason) implements Outcome {
    }

    private WeightCalculator() {
    }

    /**
     * @param salience    salience by hotkey (the engine's total)
     * @param uids        metagraph UIDs, in metagraph order
     * @param hotkeys     the hotkey of each UID, same order
     * @param firstSeen   first block with a non-zero embedding, by hotkey
     * @param snapshot    the block the calculation runs for
     */
    public static Outcome compute(Map<String, Double> salience, List<Integer> uids, List<String> hotkeys,
                                  Map<String, Long> firstSeen, long snapshot) {
        if (uids.size() != hotkeys.size()) {
            throw new IllegalArgumentException("uids and hotkeys differ in length");
        }
        Map<String, Integer> hk2uid = new HashMap<>();
        for (int i = 0; i < uids.size(); i++) {
            hk2uid.put(hotkeys.get(i), uids.get(i));
        }
        Map<Integer, Double> sal = new LinkedHashMap<>();
        salience.forEach((hk, s) -> {
            Integer uid = hk2uid.get(hk);
            if (uid != null) {
                sal.put(uid, s);
            }
        });
        if (sal.isEmpty()) {
            return new Skipped("salience is empty: insufficient training data");
        }
        Set<Integer> young = new TreeSet<>();
        firstSeen.forEach((hk, first) -> {
            Integer uid = hk2uid.get(hk);
            if (uid != null && snapshot - first < YOUNG_BLOCKS) {
                young.add(uid);
            }
        });
        Set<Integer> uidSet = new HashSet<>(uids);
        double matureTotal = 0;
        for (Map.Entry<Integer, Double> e : sal.entrySet()) {
            if (!young.contains(e.getKey())) {
                matureTotal += e.getValue();
            }
        }
        Set<Integer> activeYoung = new TreeSet<>(young);
        activeYoung.retainAll(uidSet);
        double forMature = Math.max(0, 1.0 - activeYoung.size() * YOUNG_WEIGHT);
        Map<Integer, Double> fin = new LinkedHashMap<>();
        if (matureTotal > 0 && forMature > 0) {
            for (Map.Entry<Integer, Double> e : sal.entrySet()) {
                if (!young.contains(e.getKey()) && uidSet.contains(e.getKey())) {
                    fin.put(e.getKey(), e.getValue() / matureTotal * forMature);
                }
            }
        }
        for (int uid : activeYoung) {
            fin.put(uid, YOUNG_WEIGHT);
        }
        if (fin.isEmpty()) {
            return new Skipped("no weights to set after processing");
        }
        double total = fin.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return new Skipped("total weight is zero or negative");
        }
        float[] w = new float[uids.size()];
        for (int i = 0; i < uids.size(); i++) {
            w[i] = (float) (fin.getOrDefault(uids.get(i), 0.0) / total);
        }
        int nonZero = 0;
        Set<Float> distinct = new HashSet<>();
        double sum = 0;
        for (float x : w) {
            if (x > 0) {
                nonZero++;
                distinct.add(x);
                sum += x;
            }
        }
        if (nonZero > 0) {
            if (distinct.size() == 1) {
                return new Skipped("degenerate uniform weights (" + distinct.iterator().next() + ")");
            }
            if (nonZero > 1) {
                double mean = sum / nonZero;
                double ss = 0;
                for (float x : w) {
                    if (x > 0) {
                        ss += (x - mean) * (x - mean);
                    }
                }
                double std = Math.sqrt(ss / (nonZero - 1)); // torch.std: unbiased
                if (mean > 0 && std / mean < 0.001) {
                    return new Skipped("near-uniform weights (coefficient of variation below 0.1 %)");
                }
            }
        }
        if (sum <= 0) {
            return new Skipped("zero-sum weights");
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (w[i] / sum);
        }
        return new Weights(List.copyOf(uids), w, young);
    }
}
