package io.tao4j.mantis.salience.sybil;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * HEAD's representative handling ({@code cluster.select_representatives}, {@code collapse_salience},
 * {@code equalize_within_cluster}). Salience maps are ordered ({@link LinkedHashMap}): the output order of
 * {@link #equalize} is the tie order {@code _topk_renorm} sees later.
 */
public final class Representatives {
    private Representatives() {}

    /** Member → lexicographically smallest hotkey of its cluster, for clusters of two or more. */
    public static Map<String, String> select(Collection<? extends Set<String>> clusters) {
        Map<String, String> out = new TreeMap<>();
        for (Set<String> c : clusters) {
            if (c.size() < 2) continue;
            String rep = new TreeSet<>(c).first();
            for (String hk : c) out.put(hk, rep);
        }
        return out;
    }

    /** Every key's mass moves to its representative, keys visited in sorted order (first visit fixes position). */
    public static LinkedHashMap<String, Double> collapse(Map<String, Double> salience, Map<String, String> reps) {
        if (reps.isEmpty() || salience.isEmpty()) return new LinkedHashMap<>(salience);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (String hk : new TreeSet<>(salience.keySet())) {
            String rep = reps.getOrDefault(hk, hk);
            out.put(rep, out.getOrDefault(rep, 0.0) + salience.get(hk));
        }
        return out;
    }

    /**
     * Groups = members per representative plus the representative; for representatives in sorted order, members
     * sorted: {@code share = Σ s.get(m, 0) / |members|}, every member gets it when the group total is &gt; 0 (a group
     * with total ≤ 0 disappears). Then every other key of {@code salience} in its original order.
     */
    public static LinkedHashMap<String, Double> equalize(Map<String, Double> salience, Map<String, String> reps) {
        if (reps.isEmpty() || salience.isEmpty()) return new LinkedHashMap<>(salience);
        TreeMap<String, TreeSet<String>> groups = new TreeMap<>();
        for (Map.Entry<String, String> e : reps.entrySet()) {
            groups.computeIfAbsent(e.getValue(), r -> new TreeSet<>()).add(e.getKey());
        }
        for (Map.Entry<String, TreeSet<String>> g : groups.entrySet()) g.getValue().add(g.getKey());
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (TreeSet<String> members : groups.values()) {
            double total = 0.0;
            for (String m : members) total += salience.getOrDefault(m, 0.0);
            double share = total / members.size();
            for (String m : members) {
                seen.add(m);
                if (total > 0.0) out.put(m, share);
            }
        }
        for (Map.Entry<String, Double> e : salience.entrySet()) if (!seen.contains(e.getKey())) out.put(e.getKey(), e.getValue());
        return out;
    }
}
