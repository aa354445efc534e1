package io.tao4j.mantis.salience;

import io.tao4j.mantis.salience.math.LogisticRegression;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HITFIRST salience: MANTIS hitfirst.py {@code compute_hitfirst_salience} at 2e9bc5b.
 *
 * <p>Label per start t: 0 if the log price first rises by sigma within the next h samples, 1 if it
 * first falls by sigma, 2 if neither (sigma = rolling std, window 7200, of h-step returns, aligned as
 * the reference aligns it). Features are logit of the miners' normalised (up, down) probabilities;
 * two logistic models (scikit-learn {@code solver="lbfgs"}, L2, C=1, balanced, intercept unpenalised)
 * predict "up first" and "down first" from the first 70% of rows; importance per hotkey is
 * |coef| times the mean |feature| on the remaining 30%, summed over both models and normalised.
 */
public final class HitFirstScorer {

    public Map<String, Double> score(ChallengeSeries s, int blocksAhead, int sampleEvery) {
        double[] price = s.prices();
        if (price == null) return Map.of();
        final int H = s.hotkeyCount();
        if (H == 0 || s.dim() != 3) return Map.of();
        int samplesPerDay = (24 * 60 * 60) / (12 * Math.max(1, sampleEvery));
        int required = Math.max(PriceMath.MIN_REQUIRED_SAMPLES, (int) Math.ceil(samplesPerDay * 5.0));
        if (price.length < required || s.rows() < required) return Map.of();
        int h = LbfgsPScorer.horizonSteps(blocksAhead, sampleEvery);
        int lenR = Math.max(0, price.length - h);
        if (lenR <= 0) return Map.of();
        double[] logp = PriceMath.logPrice(price);
        double[] rH = PriceMath.horizonReturns(logp, h);
        int volWindow = Math.max(required, PriceMath.MIN_REQUIRED_SAMPLES);
        if (rH.length < volWindow) return Map.of();
        double[] sigRaw = PriceMath.rollingStd(rH, volWindow);
        double[] sig = new double[lenR];
        java.util.Arrays.fill(sig, Double.NaN);
        System.arraycopy(sigRaw, 0, sig, volWindow - 1, sigRaw.length);

        int[] labels = new int[lenR];
        int nValid = 0;
        for (int t = 0; t < lenR; t++) {
            labels[t] = -1;
            double st = sig[t];
            if (!Double.isFinite(st) || st <= 0.0) continue;
            double base = logp[t];
            int iUp = -1, iDn = -1;
            for (int k = 0; k < h; k++) {
                double d = logp[t + 1 + k] - base;
                if (iUp < 0 && d >= st) iUp = k;
                if (iDn < 0 && d <= -st) iDn = k;
                if (iUp >= 0 && iDn >= 0) break;
            }
            if (iUp < 0 && iDn < 0) labels[t] = 2;
            else {
                int u = iUp < 0 ? h + 1 : iUp;
                int dn = iDn < 0 ? h + 1 : iDn;
                labels[t] = u < dn ? 0 : dn < u ? 1 : 2;
            }
            nValid++;
        }
        if (nValid < required) return Map.of();

        final int n = nValid;
        double[] up = new double[n * H];
        double[] dn = new double[n * H];
        byte[] yUp = new byte[n];
        byte[] yDn = new byte[n];
        int[] rows = new int[n];
        int r = 0;
        for (int t = 0; t < lenR; t++) {
            if (labels[t] < 0) continue;
            rows[r] = t;
            yUp[r] = (byte) (labels[t] == 0 ? 1 : 0);
            yDn[r] = (byte) (labels[t] == 1 ? 1 : 0);
            r++;
        }
        final double eps = PriceMath.EPS;
        for (int m = 0; m < H; m++) {
            float[] e = s.embedding(m);
            for (int i = 0; i < n; i++) {
                int o = rows[i] * 3;
                double p0 = clip(e[o], eps), p1 = clip(e[o + 1], eps), p2 = clip(e[o + 2], eps);
                double sum = p0 + p1 + p2;
                if (sum <= 0.0) sum = 1.0;
                up[i * H + m] = finiteOrZero(PriceMath.logit(p0 / sum));
                dn[i * H + m] = finiteOrZero(PriceMath.logit(p1 / sum));
            }
        }
        int split = (int) Math.max(1, Math.floor(0.7 * n));
        double[] importance = new double[H];
        addImportance(up, yUp, n, H, split, importance);
        addImportance(dn, yDn, n, H, split, importance);
        double total = 0.0;
        for (double v : importance) total += v;
        if (!(total > 0.0)) return Map.of();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int m = 0; m < H; m++) out.put(s.hotkeys().get(m), importance[m] / total);
        return out;
    }

    private static void addImportance(double[] x, byte[] y, int n, int H, int split, double[] importance) {
        int pos = 0;
        for (int i = 0; i < split; i++) pos += y[i];
        if (pos == 0 || pos == split) return;
        byte[] yTrain = java.util.Arrays.copyOf(y, split);
        // scikit-learn LogisticRegression(penalty="l2", C=1.0, solver="lbfgs", class_weight="balanced")
        LogisticRegression.Model m = LogisticRegression.fitL2(x, split, H, yTrain,
                LogisticRegression.balancedWeights(yTrain), 1.0, false);
        int nTest = n - split;
        for (int h = 0; h < H; h++) {
            double scale;
            if (nTest > 0) {
                double s = 0.0;
                for (int i = split; i < n; i++) s += Math.abs(x[i * H + h]);
                scale = s / nTest;
            } else {
                scale = 1.0;
            }
            importance[h] += Math.abs(m.coef()[h]) * scale;
        }
    }

    /** np.clip(v, EPS, 1-EPS); NaN stays NaN. */
    private static double clip(double v, double eps) {
        if (Double.isNaN(v)) return v;
        return Math.min(Math.max(v, eps), 1.0 - eps);
    }

    private static double finiteOrZero(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
