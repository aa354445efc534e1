package io.tao4j.mantis.salience.sybil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * HEAD's two-tier representative set of the binary and HITFIRST challenges ({@code multi_salience._cluster_reps}
 * and {@code _apply_reps}): exact clones collapse onto their lex-min hotkey, soft cohorts (minus every hotkey of an
 * exact cluster) are equalised.
 */
public final class TwoTier {
    /** HEAD's {@code CLUSTER_SCAN_MAX_ROWS}. */
    public static final int SCAN_MAX_ROWS = 100_000;

    private TwoTier() {}

    /** The two representative maps; empty maps when nothing was found. */
    public record Reps(Map<String, String> exact, Map<String, String> cohort) {
        public static final Reps NONE = new Reps(Map.of(), Map.of());
    }

    /**
     * Detection on the last 100 000 rows. As in the reference, a failure of either detector (here: a malformed
     * history) yields an empty map for that tier rather than an error.
     */
    public static Reps reps(History h) {
        if (h == null) return Reps.NONE;
        History scan = h.lastRows(SCAN_MAX_ROWS);
        boolean[][] nz = scan.nonZero(); // both detectors' row masks
        Map<String, String> exact = Map.of();
        try {
            List<SortedSet<String>> clusters = ExactClusters.find(scan, nz);
            if (!clusters.isEmpty()) exact = Representatives.select(clusters);
        } catch (RuntimeException e) {
            exact = Map.of();
        }
        Map<String, String> cohort = Map.of();
        try {
            List<SortedSet<String>> cohorts = CorrelatedCohorts.find(scan, nz, CorrelatedCohorts.TAU, CorrelatedCohorts.MIN_SUBMISSIONS);
            List<SortedSet<String>> stripped = new ArrayList<>();
            for (SortedSet<String> c : cohorts) {
                SortedSet<String> remaining = new TreeSet<>();
                for (String hk : c) if (!exact.containsKey(hk)) remaining.add(hk);
                if (remaining.size() >= 2) stripped.add(remaining);
            }
            if (!stripped.isEmpty()) cohort = Representatives.select(stripped);
        } catch (RuntimeException e) {
            cohort = Map.of();
        }
        return new Reps(exact, cohort);
    }

    /** {@code collapse(s, exact)} then {@code equalize(·, cohort)}. */
    public static LinkedHashMap<String, Double> apply(Map<String, Double> s, Reps reps) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>(s);
        if (!reps.exact().isEmpty()) out = Representatives.collapse(out, reps.exact());
        if (!reps.cohort().isEmpty()) out = Representatives.equalize(out, reps.cohort());
        return out;
    }
}
