package io.tao4j.mantis.salience.math;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HEAD's soft top-k of the LBFGS aggregator ({@code multi_salience._topk_renorm}) and its
 * {@code _is_uniform_salience} test.
 */
public final class TopKRenorm {
    private TopKRenorm() {}

    /**
     * Entries with a value &gt; 0, sorted by value descending (stable: ties keep the map's iteration order), get
     * {@code v·exp(−rank/τ)}, {@code τ = max(1, k/3)}; divided by their sum (in that order); shares ≤ 1e-6 dropped.
     * The result iterates in rank order.
     */
    public static LinkedHashMap<String, Double> topkRenorm(Map<String, Double> s, int k) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        if (s == null || s.isEmpty()) return out;
        List<Map.Entry<String, Double>> items = new ArrayList<>();
        for (Map.Entry<String, Double> e : s.entrySet()) if (e.getValue() > 0.0) items.add(Map.entry(e.getKey(), e.getValue()));
        if (items.isEmpty()) return out;
        items.sort(Comparator.comparingDouble(e -> -e.getValue())); // List.sort is stable
        double tau = Math.max(1.0, k / 3.0);
        double[] w = new double[items.size()];
        double tot = 0.0;
        for (int r = 0; r < w.length; r++) {
            w[r] = items.get(r).getValue() * Math.exp(-r / tau);
            tot += w[r];
        }
        if (tot <= 0.0) return out;
        for (int r = 0; r < w.length; r++) {
            double v = w[r] / tot;
            if (v > 1e-6) out.put(items.get(r).getKey(), v);
        }
        return out;
    }

    /** {@code _is_uniform_salience}: empty, sum ≤ 0, or {@code (max − min)/mean < 0.01}. */
    public static boolean isUniform(Map<String, Double> s) {
        if (s == null || s.isEmpty()) return true;
        double[] v = s.values().stream().mapToDouble(Double::doubleValue).toArray();
        double total = NumpySum.sum(v);
        if (total <= 0.0) return true;
        double mean = total / v.length;
        if (mean <= 0.0) return false;
        double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
            min = Math.min(min, x);
        }
        return (max - min) / mean < 0.01;
    }
}
