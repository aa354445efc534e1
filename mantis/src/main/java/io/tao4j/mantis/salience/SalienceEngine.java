package io.tao4j.mantis.salience;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * MANTIS salience across all challenges: model.py {@code multi_salience} at 2e9bc5b.
 *
 * <p>Per challenge (in config order): binary -> {@link BinaryScorer}; LBFGS -> {@link LbfgsPScorer} and
 * {@link LbfgsQScorer}, each dropped if (near-)uniform, each cut to its top 10 and renormalised, then
 * mixed 50/50 and renormalised; HITFIRST -> {@link HitFirstScorer}. Challenges with a non-empty score are
 * averaged with their config weights and the result normalised to sum 1.
 *
 * <p>The scorer runs are independent and execute in parallel; each writes to its own slot and the
 * aggregation runs sequentially in config order, so results do not depend on the thread count.
 */
public final class SalienceEngine {

    /** Engine options: the challenge list, the seed for the Adam mini-batch order, and SAMPLE_EVERY. */
    public record Options(List<MantisChallenge> challenges, long seed, int sampleEvery, boolean parallel) {
        public static Options defaults() {
            return new Options(MantisConfig.CHALLENGES, MantisConfig.SEED, MantisConfig.SAMPLE_EVERY, true);
        }

        public Options withParallel(boolean p) {
            return new Options(challenges, seed, sampleEvery, p);
        }

        public Options withSeed(long s) {
            return new Options(challenges, s, sampleEvery, parallel);
        }
    }

    private final BinaryScorer binary = new BinaryScorer();
    private final LbfgsPScorer pScorer = new LbfgsPScorer();
    private final LbfgsQScorer qScorer = new LbfgsQScorer();
    private final HitFirstScorer hitFirst = new HitFirstScorer();

    public SalienceResult multiSalience(TrainingData data) {
        return multiSalience(data, Options.defaults());
    }

    public SalienceResult multiSalience(TrainingData data, Options opt) {
        long t0 = System.nanoTime();
        record Task(MantisChallenge ch, String part, ChallengeSeries series) {}
        List<Task> tasks = new ArrayList<>();
        for (MantisChallenge ch : opt.challenges()) {
            ChallengeSeries s = data.series(ch.ticker()).orElse(null);
            if (s == null) continue;
            switch (ch.loss()) {
                case BINARY -> tasks.add(new Task(ch, "binary", s));
                case LBFGS -> {
                    ChallengeSeries trimmed = trimPriceSeries(s);
                    if (trimmed == null) continue;
                    tasks.add(new Task(ch, "p", trimmed));
                    tasks.add(new Task(ch, "q", trimmed));
                }
                case HITFIRST -> {
                    ChallengeSeries trimmed = trimPriceSeries(s);
                    if (trimmed == null) continue;
                    tasks.add(new Task(ch, "hitfirst", trimmed));
                }
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Double>[] results = new Map[tasks.size()];
        double[] secs = new double[tasks.size()];
        // heaviest first so the parallel schedule finishes sooner
        Integer[] order = new Integer[tasks.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> tasks.get(i).part().equals("binary") ? 1 : 0));
        IntStream idx = IntStream.range(0, tasks.size());
        if (opt.parallel()) idx = idx.parallel();
        idx.forEach(k -> {
            int i = order[k];
            Task t = tasks.get(i);
            long s0 = System.nanoTime();
            results[i] = switch (t.part()) {
                case "binary" -> binary.score(t.series(), t.ch().dim());
                case "p" -> pScorer.score(t.series(), t.ch().blocksAhead(), opt.sampleEvery(),
                        opt.seed() ^ t.ch().ticker().hashCode());
                case "q" -> qScorer.score(t.series(), t.ch().blocksAhead(), opt.sampleEvery(),
                        opt.seed() ^ t.ch().ticker().hashCode());
                default -> hitFirst.score(t.series(), t.ch().blocksAhead(), opt.sampleEvery());
            };
            secs[i] = (System.nanoTime() - s0) / 1e9;
        });

        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Map<String, Double>> breakdown = new LinkedHashMap<>();
        List<Map<String, Double>> perScores = new ArrayList<>();
        List<Double> perWeights = new ArrayList<>();
        double totalW = 0.0;
        int i = 0;
        for (MantisChallenge ch : opt.challenges()) {
            Map<String, Double> s;
            if (i < tasks.size() && tasks.get(i).ch() == ch) {
                if (ch.loss() == LossKind.LBFGS) {
                    Map<String, Double> sCls = results[i];
                    Map<String, Double> sQ = results[i + 1];
                    seconds.put(ch.ticker() + "/p", secs[i]);
                    seconds.put(ch.ticker() + "/q", secs[i + 1]);
                    i += 2;
                    if (isUniform(sCls)) sCls = Map.of();
                    if (isUniform(sQ)) sQ = Map.of();
                    sCls = topKRenorm(sCls, 10);
                    sQ = topKRenorm(sQ, 10);
                    TreeSet<String> keys = new TreeSet<>(sCls.keySet());
                    keys.addAll(sQ.keySet());
                    Map<String, Double> mixed = new LinkedHashMap<>();
                    for (String hk : keys) {
                        double v = 0.5 * sCls.getOrDefault(hk, 0.0) + 0.5 * sQ.getOrDefault(hk, 0.0);
                        if (v > 0.0) mixed.put(hk, v);
                    }
                    double tot = sum(mixed);
                    if (tot > 0) mixed.replaceAll((k, v) -> v / tot);
                    s = mixed;
                } else {
                    s = results[i];
                    seconds.put(ch.ticker() + "/" + tasks.get(i).part(), secs[i]);
                    i++;
                }
            } else {
                continue;
            }
            if (!s.isEmpty()) {
                double tc = sum(s);
                if (tc <= 0) continue;
                breakdown.put(ch.ticker(), s);
                perScores.add(s);
                perWeights.add(ch.weight());
                totalW += ch.weight();
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (!perScores.isEmpty() && totalW > 0) {
            TreeSet<String> all = new TreeSet<>();
            for (Map<String, Double> s : perScores) all.addAll(s.keySet());
            Map<String, Double> avg = new HashMap<>();
            for (String hk : all) {
                double v = 0.0;
                for (int k = 0; k < perScores.size(); k++) v += perScores.get(k).getOrDefault(hk, 0.0) * perWeights.get(k);
                avg.put(hk, v / totalW);
            }
            double total = 0.0;
            for (String hk : all) total += avg.get(hk);
            if (total > 0) for (String hk : all) out.put(hk, avg.get(hk) / total);
        } else {
            breakdown.clear();
        }
        seconds.put("total", (System.nanoTime() - t0) / 1e9);
        return new SalienceResult(out, breakdown, seconds);
    }

    /** model.py {@code _trim_hist_price}: keep the last MAX_BLOCK_HISTORY rows, align lengths. */
    static ChallengeSeries trimPriceSeries(ChallengeSeries s) {
        if (s.prices() == null || s.rows() <= 0) return null;
        return MantisConfig.MAX_BLOCK_HISTORY > 0 ? s.tail(MantisConfig.MAX_BLOCK_HISTORY) : s;
    }

    /** model.py {@code _is_uniform_salience}: empty, non-positive total, or (max-min)/mean < 0.01. */
    static boolean isUniform(Map<String, Double> s) {
        if (s.isEmpty()) return true;
        double total = 0, max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
        for (double v : s.values()) {
            total += v;
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        if (total <= 0.0) return true;
        double mean = total / s.size();
        return !(mean <= 0.0) && ((max - min) / mean) < 0.01;
    }

    /** model.py {@code _topk_renorm}: positive entries, k largest (ties by hotkey), renormalised. */
    static Map<String, Double> topKRenorm(Map<String, Double> s, int k) {
        if (s.isEmpty()) return Map.of();
        List<Map.Entry<String, Double>> items = new ArrayList<>();
        for (Map.Entry<String, Double> e : s.entrySet()) if (e.getValue() > 0.0) items.add(e);
        items.sort((a, b) -> {
            int c = Double.compare(b.getValue(), a.getValue());
            return c != 0 ? c : a.getKey().compareTo(b.getKey());
        });
        if (items.size() > k) items = items.subList(0, k);
        if (items.isEmpty()) return Map.of();
        double tot = 0.0;
        for (Map.Entry<String, Double> e : items) tot += e.getValue();
        if (tot <= 0.0) return Map.of();
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : items) out.put(e.getKey(), e.getValue() / tot);
        return out;
    }

    private static double sum(Map<String, Double> m) {
        double s = 0.0;
        for (double v : m.values()) s += v;
        return s;
    }
}
