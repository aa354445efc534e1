package io.tao4j.mantis.validator;

import io.tao4j.chain.subtensor.WeightConversion;
import io.tao4j.mantis.protocol.Protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
    public sealed interface Outcome permits Weights, Skipped, HeadWeights {
    }

    /** Weights to save; {@code weights[i]} belongs to {@code uids.get(i)}; they sum to 1. */
    public record Weights(List<Integer> uids, float[] weights, Set<Integer> youngUids) implements Outcome {
    }

    /** No weights this time, and why. */
    public record Skipped(String reason) implements Outcome {
    }

    private WeightCalculator() {
    }

    /** HEAD's outcome: the weights to save and set, and the EMA state to persist with them. */
    public record HeadWeights(Weights weights, EmaState.Saved state) implements Outcome {
    }

    /** The TRADE-MIX pseudo-hotkey whose salience goes to UID 0. */
    public static final String BURN_KEY = "__burn__";

    /**
     * The weight calculation of {@code protocol}: {@link #compute(Map, List, List, Map, long)} for 2e9bc5b
     * (no burn, no EMA; {@code previous} ignored), HEAD's rules otherwise (then a {@link HeadWeights}).
     *
     * @param firstBlocks first block a hotkey appears in any ledger row (HEAD: {@code get_hotkey_first_blocks_from_db})
     * @param previous    the saved vector (EMA state), if any
     */
    public static Outcome compute(Protocol protocol, Map<String, Double> salience, List<Integer> uids,
                                  List<String> hotkeys, Map<String, Long> firstBlocks, long block,
                                  Optional<EmaState.Saved> previous) {
        if (protocol.constants().burnPct() <= 0 && protocol.constants().emaAlpha() <= 0) {
            return compute(salience, uids, hotkeys, firstBlocks, block);
        }
        return computeHead(protocol.constants(), salience, uids, hotkeys, firstBlocks, block, previous);
    }

    static Outcome computeHead(Protocol.Constants k, Map<String, Double> salience, List<Integer> uids,
                               List<String> hotkeys, Map<String, Long> firstBlocks, long block,
                               Optional<EmaState.Saved> previous) {
        if (uids.size() != hotkeys.size()) {
            throw new IllegalArgumentException("uids and hotkeys differ in length");
        }
        Map<String, Integer> hk2uid = new HashMap<>();
        for (int i = 0; i < uids.size(); i++) hk2uid.put(hotkeys.get(i), uids.get(i));
        hk2uid.put(BURN_KEY, 0);
        // the reference iterates multi_salience's output, which is in sorted hotkey order
        LinkedHashMap<Integer, Double> sal = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : new TreeMap<>(salience).entrySet()) {
            Integer uid = hk2uid.get(e.getKey());
            if (uid != null) sal.merge(uid, e.getValue(), Double::sum);
        }
        if (sal.isEmpty()) return new Skipped("salience is empty: insufficient training data");
        Set<Integer> young = new TreeSet<>();
        for (Map.Entry<String, Long> e : firstBlocks.entrySet()) {
            Integer uid = hk2uid.get(e.getKey());
            if (uid != null && block - e.getValue() < k.youngBlocks()) young.add(uid);
        }
        Set<Integer> uidSet = new HashSet<>(uids);
        double matureTotal = 0;
        for (Map.Entry<Integer, Double> e : sal.entrySet()) if (!young.contains(e.getKey())) matureTotal += e.getValue();
        Set<Integer> activeYoung = new TreeSet<>(young);
        activeYoung.retainAll(uidSet);
        double forMature = Math.max(0, 1.0 - activeYoung.size() * k.youngWeight());
        LinkedHashMap<Integer, Double> fin = new LinkedHashMap<>();
        if (matureTotal > 0 && forMature > 0) {
            for (Map.Entry<Integer, Double> e : sal.entrySet()) {
                if (!young.contains(e.getKey()) && uidSet.contains(e.getKey())) {
                    fin.put(e.getKey(), e.getValue() / matureTotal * forMature);
                }
            }
        }
        for (int uid : activeYoung) fin.put(uid, k.youngWeight());
        if (fin.isEmpty()) return new Skipped("no weights to set after processing");
        double total = 0;
        for (double v : fin.values()) total += v;
        if (total <= 0) return new Skipped("total weight is zero or negative");
        LinkedHashMap<Integer, Double> norm = new LinkedHashMap<>();
        for (Map.Entry<Integer, Double> e : fin.entrySet()) norm.put(e.getKey(), e.getValue() / total);
        double burn = k.burnPct();
        if (burn > 0) {
            norm.replaceAll((uid, v) -> v * (1.0 - burn));
            norm.merge(0, burn, Double::sum);
        }
        float[] w = new float[uids.size()];
        for (int i = 0; i < w.length; i++) w[i] = (float) (double) norm.getOrDefault(uids.get(i), 0.0);
        String degenerate = degenerate(w);
        if (degenerate != null) return new Skipped(degenerate);
        float sum = floatSum(w);
        if (!(sum > 0)) return new Skipped("zero-sum weights");
        float[] fw = new float[w.length];
        for (int i = 0; i < w.length; i++) fw[i] = w[i] / sum;
        double alpha = k.emaAlpha();
        if (alpha > 0 && previous.isPresent()) {
            EmaState.Saved old = previous.get();
            float[] ow = old.weights();
            Map<Object, Double> oldBy = new HashMap<>();
            boolean byHotkey = old.hotkeys() != null;
            for (int i = 0; i < ow.length; i++) oldBy.put(byHotkey ? old.hotkeys().get(i) : old.uids().get(i), (double) ow[i]);
            float[] nw = new float[fw.length];
            for (int i = 0; i < fw.length; i++) {
                double o = oldBy.getOrDefault(byHotkey ? hotkeys.get(i) : uids.get(i), 0.0);
                nw[i] = (float) (alpha * fw[i] + (1.0 - alpha) * o);
            }
            float ns = floatSum(nw);
            if (ns > 0) for (int i = 0; i < nw.length; i++) fw[i] = nw[i] / ns;
        }
        Weights out = new Weights(List.copyOf(uids), fw, young);
        return new HeadWeights(out, new EmaState.Saved(block, uids, hotkeys, fw));
    }

    /**
     * The reference's guards on the float32 vector: all non-zero entries equal (one distinct value), or, with more
     * than one, std/mean &lt; 0.001 (torch's unbiased std; mean and std accumulated in double from the float32
     * values and compared in float32). Null when the vector passes.
     */
    static String degenerate(float[] w) {
        List<Float> nz = new ArrayList<>();
        for (float x : w) if (x > 0) nz.add(x);
        if (nz.isEmpty()) return null;
        if (new HashSet<>(nz).size() == 1) return "degenerate uniform weights (" + nz.get(0) + ")";
        if (nz.size() > 1) {
            double s = 0;
            for (float x : nz) s += x;
            double mean = s / nz.size();
            double ss = 0;
            for (float x : nz) ss += (x - mean) * (x - mean);
            float meanF = (float) mean;
            float stdF = (float) Math.sqrt(ss / (nz.size() - 1));
            if (meanF > 0 && stdF / meanF < 0.001f) return "near-uniform weights (coefficient of variation below 0.1 %)";
        }
        return null;
    }

    /** A float32 sum (accumulated in double, rounded once). */
    static float floatSum(float[] w) {
        double s = 0;
        for (float x : w) s += x;
        return (float) s;
    }

    /**
     * The u16 vectors {@code set_weights} sends for these weights (the SDK's quantisation: entries ≤ 0 dropped,
     * max-upscaled to 65535, rounded half to even; {@link WeightConversion}).
     */
    public static WeightConversion.Emit emit(Weights w) {
        int[] u = new int[w.uids().size()];
        double[] x = new double[u.length];
        float[] ws = w.weights();
        for (int i = 0; i < u.length; i++) {
            u[i] = w.uids().get(i);
            x[i] = ws[i] > 0 ? ws[i] : 0.0;
        }
        return WeightConversion.convert(u, x);
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
