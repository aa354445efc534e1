package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.BreakoutSample;
import io.tao4j.mantis.salience.math.Auc;
import io.tao4j.mantis.salience.math.Half;
import io.tao4j.mantis.salience.math.LogisticRegression;
import io.tao4j.mantis.salience.math.NumpySum;
import io.tao4j.mantis.salience.math.SklearnLogistic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MULTI-BREAKOUT salience, {@code range_breakout.compute_multi_breakout_salience} at bcff57b (spec §5.7): the
 * resolved breakouts are grouped into episodes (trigger sample indices more than 1440 apart start a new one); a
 * hotkey qualifies with samples in ≥ 2 episodes, a population std of its {@code p_cont} ≥ 0.03, both outcomes
 * among its samples and an AUC of {@code p_cont} for "continued" above 0.5. The qualified hotkeys' {@code p_cont}
 * columns are z-scored (absent → 0) and fitted by an L2 logistic regression (C 0.01, lbfgs, balanced, max_iter
 * 1000, sample weights 1/|episode| scaled to sum to the sample count); the salience is the normalised |coef|,
 * entries ≤ 1e-6 dropped. Pure and single-threaded.
 */
public final class MultiBreakoutScorer {
    static final int MIN_SAMPLES = 50;
    static final int MIN_EPISODES = 2;
    static final double MIN_STD = 0.03;
    static final double MIN_AUC = 0.5;
    static final double META_C = 0.01;
    static final int EPISODE_GAP = 1440;

    /** Python's {@code sorted} order of str: by code point. */
    private static final Comparator<String> CODE_POINT =
            (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

    private MultiBreakoutScorer() {}

    /** hotkey → salience (code-point order), or empty where the reference returns {}. */
    public static Map<String, Double> score(List<BreakoutSample> samples) {
        return score(samples, SklearnLogistic.LbfgsRules.SKLEARN_1_7);
    }

    /** With the given scikit-learn version's lbfgs rules (1.2: to compare with a reference run on Debian's 1.2). */
    public static Map<String, Double> score(List<BreakoutSample> samples, SklearnLogistic.LbfgsRules rules) {
        return score(samples, 1e-4, 1000, rules);
    }

    /** The same with another lbfgs tolerance and iteration cap (tests: the fit's optimum). */
    static Map<String, Double> score(List<BreakoutSample> samples, double tol, int maxIter) {
        return score(samples, tol, maxIter, SklearnLogistic.LbfgsRules.SKLEARN_1_7);
    }

    private static Map<String, Double> score(List<BreakoutSample> samples, double tol, int maxIter,
                                             SklearnLogistic.LbfgsRules rules) {
        int n = samples.size();
        if (n < MIN_SAMPLES) return Map.of();
        int[] ep = episodes(samples);
        int nEpisodes = 0;
        for (int e : ep) nEpisodes = Math.max(nEpisodes, e + 1);

        // per hotkey, in order of first appearance: (sample, p_cont) pairs
        LinkedHashMap<String, List<double[]>> per = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            for (Map.Entry<String, short[]> e : samples.get(i).embeddings().entrySet()) {
                short[] v = e.getValue();
                if (v == null || v.length != 2) continue; // the reference keeps shape (2,) only
                per.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[]{i, Half.toFloat(v[0])});
            }
        }
        List<String> qualified = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : per.entrySet()) {
            if (qualifies(e.getValue(), samples, ep)) qualified.add(e.getKey());
        }
        if (qualified.isEmpty()) return Map.of();
        qualified.sort(CODE_POINT);
        int p = qualified.size();
        Map<String, Integer> col = new HashMap<>();
        for (int j = 0; j < p; j++) col.put(qualified.get(j), j);

        double[] mat = new double[n * p];
        Arrays.fill(mat, Double.NaN);
        for (Map.Entry<String, List<double[]>> e : per.entrySet()) {
            Integer j = col.get(e.getKey());
            if (j == null) continue;
            for (double[] sv : e.getValue()) mat[(int) sv[0] * p + j] = sv[1];
        }
        zscoreColumns(mat, n, p);

        byte[] y = new byte[n];
        boolean pos = false, neg = false;
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (samples.get(i).label() == 1 ? 1 : 0);
            if (y[i] != 0) pos = true; else neg = true;
        }
        if (!pos || !neg || nEpisodes < MIN_EPISODES) return Map.of();

        double[] sw = episodeWeights(ep, nEpisodes);
        LogisticRegression.Model m = SklearnLogistic.fitLbfgs(mat, n, p, y,
                SklearnLogistic.balancedSampleWeights(y, sw), META_C, tol, maxIter, rules);
        double[] w = new double[p];
        for (int j = 0; j < p; j++) w[j] = Math.abs(m.coef()[j]);
        double tot = NumpySum.sum(w);
        if (tot < 1e-12) return Map.of();
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < p; j++) {
            double v = w[j] / tot;
            if (v > 1e-6) out.put(qualified.get(j), v);
        }
        return out;
    }

    /** {@code _assign_episodes}: episode id of each sample, in sample order (stable sort by trigger index). */
    static int[] episodes(List<BreakoutSample> samples) {
        int n = samples.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingLong(i -> samples.get(i).triggerSidx())); // stable (TimSort)
        int[] ep = new int[n];
        int e = 0;
        for (int k = 1; k < n; k++) {
            if (samples.get(order[k]).triggerSidx() - samples.get(order[k - 1]).triggerSidx() > EPISODE_GAP) e++;
            ep[order[k]] = e;
        }
        return ep;
    }

    /** The per-hotkey gate: ≥ 2 episodes, population std ≥ 0.03, both labels, AUC > 0.5. */
    private static boolean qualifies(List<double[]> vals, List<BreakoutSample> samples, int[] ep) {
        int m = vals.size();
        double[] e = new double[m];
        byte[] y = new byte[m];
        Set<Integer> eps = new HashSet<>();
        boolean pos = false, neg = false;
        for (int k = 0; k < m; k++) {
            int i = (int) vals.get(k)[0];
            e[k] = vals.get(k)[1];
            y[k] = (byte) (samples.get(i).label() == 1 ? 1 : 0);
            if (y[k] != 0) pos = true; else neg = true;
            eps.add(ep[i]);
        }
        if (eps.size() < MIN_EPISODES || !(populationStd(e) >= MIN_STD) || !pos || !neg) return false;
        return Auc.rocAuc(y, e) > MIN_AUC;
    }

    /** numpy's {@code a.std()}: pairwise mean, pairwise sum of squared deviations, / n. */
    static double populationStd(double[] a) {
        double mean = NumpySum.sum(a) / a.length;
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - mean;
            d[i] = x * x;
        }
        return Math.sqrt(NumpySum.sum(d) / a.length);
    }

    /**
     * {@code (x − nanmean) / nanstd} per column (std < 1e-8 → 1), NaN → 0; the column reductions of an (n, p) array
     * along axis 0 run row by row, as numpy's.
     */
    static void zscoreColumns(double[] mat, int n, int p) {
        for (int j = 0; j < p; j++) {
            double s = 0.0;
            int cnt = 0;
            for (int i = 0; i < n; i++) {
                double v = mat[i * p + j];
                if (!Double.isNaN(v)) {
                    s += v;
                    cnt++;
                }
            }
            double mu = s / cnt;
            double ss = 0.0;
            for (int i = 0; i < n; i++) {
                double v = mat[i * p + j];
                if (!Double.isNaN(v)) {
                    double d = v - mu;
                    ss += d * d;
                }
            }
            double sd = Math.sqrt(ss / cnt);
            if (sd < 1e-8) sd = 1.0;
            for (int i = 0; i < n; i++) {
                double v = mat[i * p + j];
                mat[i * p + j] = Double.isNaN(v) ? 0.0 : (v - mu) / sd;
            }
        }
    }

    /** {@code 1/|episode|} per sample, divided by their (pairwise) sum and multiplied by the sample count. */
    static double[] episodeWeights(int[] ep, int nEpisodes) {
        int n = ep.length;
        int[] cnt = new int[nEpisodes];
        for (int e : ep) cnt[e]++;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = 1.0 / cnt[ep[i]];
        double s = NumpySum.sum(w);
        for (int i = 0; i < n; i++) w[i] = w[i] / s * n;
        return w;
    }
}
