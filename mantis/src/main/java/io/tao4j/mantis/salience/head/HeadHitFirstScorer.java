package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.salience.math.BlockBootstrap;
import io.tao4j.mantis.salience.math.NumpySum;
import io.tao4j.mantis.salience.math.SklearnLogistic;
import io.tao4j.mantis.salience.sybil.History;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HITFIRST salience at HEAD: {@code hitfirst.compute_hitfirst_salience} (spec §5.6). First-touch labels of ±σ
 * within 100 rows (σ: centred rolling std, window 7200, of the 100-row log returns); features are the logits of
 * the miners' normalised up/down probabilities, 0 where a miner did not submit; "up first" and "down first" are
 * each fitted by leave-one-block-out L2 logistic regressions (4 blocks, lbfgs, C 1, balanced) and the mean
 * |coefficient| of the two models is summed and normalised. Every hotkey is in the output, zeros included.
 */
public final class HeadHitFirstScorer {
    static final int LBO_BLOCKS = 4;

    private final double tol;
    private final SklearnLogistic.LbfgsRules rules;

    public HeadHitFirstScorer() {
        this(SklearnLogistic.LbfgsRules.SKLEARN_1_7);
    }

    /** With the given scikit-learn version's lbfgs rules (1.2: to compare with a reference run on Debian's 1.2). */
    public HeadHitFirstScorer(SklearnLogistic.LbfgsRules rules) {
        this(1e-4, rules);
    }

    /** With another lbfgs tolerance (for checking how far the reference's stopping point is from the optimum). */
    HeadHitFirstScorer(double tol) {
        this(tol, SklearnLogistic.LbfgsRules.SKLEARN_1_7);
    }

    private HeadHitFirstScorer(double tol, SklearnLogistic.LbfgsRules rules) {
        this.tol = tol;
        this.rules = rules;
    }

    public Map<String, Double> score(History hist, double[] price, int blocksAhead, int sampleEvery) {
        int h = hist.hotkeys();
        if (h == 0 || hist.dim() != 3) return Map.of();
        int samplesPerDay = (24 * 60 * 60) / (12 * Math.max(1, sampleEvery));
        int required = (int) Math.max(HeadLabels.MIN_REQUIRED_SAMPLES, Math.ceil(samplesPerDay * 5.0));
        if (price.length < required || hist.rows() < required) return Map.of();
        int hs = HeadLabels.horizonSteps(blocksAhead, sampleEvery);
        int lenR = Math.max(0, price.length - hs);
        if (lenR <= 0) return Map.of();
        double[] rh = HeadLabels.horizonReturns(price, hs);
        int volWindow = Math.max(required, HeadLabels.MIN_REQUIRED_SAMPLES);
        if (rh.length < volWindow) return Map.of();
        double[] sig = HeadLabels.placedRollingStd(rh, volWindow, lenR);
        double[] lp = HeadLabels.logPrice(price);
        int[] labels = new int[lenR];
        int n = 0;
        for (int t = 0; t < lenR; t++) {
            labels[t] = -1;
            double st = sig[t];
            if (!Double.isFinite(st) || st <= 0.0) continue;
            double base = lp[t];
            int iUp = -1, iDn = -1;
            for (int k = 0; k < hs && t + 1 + k < lp.length; k++) {
                double dlt = lp[t + 1 + k] - base;
                if (iUp < 0 && dlt >= st) iUp = k;
                if (iDn < 0 && dlt <= -st) iDn = k;
                if (iUp >= 0 && iDn >= 0) break;
            }
            if (iUp < 0 && iDn < 0) labels[t] = 2;
            else {
                int u = iUp < 0 ? hs + 1 : iUp, dd = iDn < 0 ? hs + 1 : iDn;
                labels[t] = u < dd ? 0 : dd < u ? 1 : 2;
            }
            n++;
        }
        if (n < required) return Map.of();
        double[] up = new double[n * h];
        double[] dn = new double[n * h];
        byte[] yUp = new byte[n];
        byte[] yDn = new byte[n];
        int r = 0;
        double eps = HeadLabels.EPS;
        for (int t = 0; t < lenR; t++) {
            if (labels[t] < 0) continue;
            yUp[r] = (byte) (labels[t] == 0 ? 1 : 0);
            yDn[r] = (byte) (labels[t] == 1 ? 1 : 0);
            for (int m = 0; m < h; m++) {
                double a = hist.at(t, m, 0), b = hist.at(t, m, 1), c = hist.at(t, m, 2);
                boolean submitted = a != 0.0 || b != 0.0 || c != 0.0;
                if (!submitted) continue; // logits stay 0
                double pa = clip(a, eps), pb = clip(b, eps), pc = clip(c, eps);
                double sum = pa + pb + pc;
                if (sum <= 0.0) sum = 1.0;
                up[r * h + m] = finite(HeadLabels.logit(pa / sum));
                dn[r * h + m] = finite(HeadLabels.logit(pb / sum));
            }
            r++;
        }
        double[] importance = new double[h];
        if (bothClasses(yUp)) add(importance, lboImportance(up, yUp, n, h));
        if (bothClasses(yDn)) add(importance, lboImportance(dn, yDn, n, h));
        double total = NumpySum.sum(importance);
        if (!(total > 0.0)) return Map.of();
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : hist.hk2idx().entrySet()) {
            int i = e.getValue();
            if (i >= 0 && i < h) out.put(e.getKey(), importance[i] / total);
        }
        return out;
    }

    /** {@code _lbo_l2_importance}: mean |coef| over the leave-one-block-out replicates. */
    double[] lboImportance(double[] x, byte[] y, int n, int p) {
        if (LBO_BLOCKS <= 1 || n < 2 * LBO_BLOCKS) return fit(x, y, n, p, null);
        int[] bounds = new int[LBO_BLOCKS + 1];
        double step = n / (double) LBO_BLOCKS;
        for (int b = 0; b < LBO_BLOCKS; b++) bounds[b] = (int) (b * step);
        bounds[LBO_BLOCKS] = n;
        List<double[]> reps = new ArrayList<>();
        for (int b = 0; b < LBO_BLOCKS; b++) {
            int lo = bounds[b], hi = bounds[b + 1];
            int[] keep = new int[n - (hi - lo)];
            int k = 0;
            for (int i = 0; i < n; i++) if (i < lo || i >= hi) keep[k++] = i;
            double[] c = fit(x, y, n, p, keep);
            if (c != null) reps.add(c);
        }
        if (reps.isEmpty()) return fit(x, y, n, p, null);
        return BlockBootstrap.meanAxis0(reps);
    }

    private double[] fit(double[] x, byte[] y, int n, int p, int[] rows) {
        int maxIter = tol < 1e-4 ? 100_000 : 500;
        if (rows == null) {
            if (!bothClasses(y)) return null;
            return HeadBinaryScorer.absCoef(SklearnLogistic.fitLbfgs(x, n, p, y,
                    SklearnLogistic.balancedSampleWeights(y, null), 1.0, tol, maxIter, rules));
        }
        // the kept rows are read in place (no copy of the design), the same fit as on their copy
        byte[] ys = new byte[rows.length];
        for (int r = 0; r < rows.length; r++) ys[r] = y[rows[r]];
        if (!bothClasses(ys)) return null;
        return HeadBinaryScorer.absCoef(SklearnLogistic.fitLbfgs(x, p, rows, ys,
                SklearnLogistic.balancedSampleWeights(ys, null), 1.0, tol, maxIter, rules));
    }

    private static void add(double[] acc, double[] v) {
        if (v == null) return;
        for (int i = 0; i < acc.length; i++) acc[i] += v[i];
    }

    static boolean bothClasses(byte[] y) {
        boolean p = false, q = false;
        for (byte v : y) {
            if (v != 0) p = true; else q = true;
            if (p && q) return true;
        }
        return false;
    }

    private static double clip(double v, double eps) {
        return Math.min(Math.max(v, eps), 1.0 - eps);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
