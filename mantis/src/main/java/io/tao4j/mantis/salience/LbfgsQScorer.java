package io.tao4j.mantis.salience;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LBFGS Q-path salience: MANTIS bucket_forecast.py {@code compute_q_path_salience} at 2e9bc5b.
 *
 * <p>For each bucket c in {0,1,3,4} (rows whose realised bucket is c) and each threshold
 * m in {0.5, 1, 2} sigma, the label is whether the price path over the horizon made the opposite move
 * (for c in {0,1}: max log price over [t, t+h] minus log price at t-1 reached +m sigma; for c in {3,4}:
 * the minimum reached -m sigma). Sigma is the rolling std (window 7200) of the h-step returns, aligned
 * as the reference aligns it. Each of the 12 models is a softmax mixture over the miners' logit(Q) for
 * that slot (zero = missing = 0.5) plus a bias, fitted by Adam (20 epochs, batch 4096, lr 0.05) on
 * class-balanced, recency-weighted binary cross-entropy. The 12 weight vectors are averaged and
 * pruned to the top 25.
 */
public final class LbfgsQScorer {
    static final int BATCH = 4096;
    private static final int[] CLASSES = {0, 1, 3, 4};
    private static final int[] Q_START = {5, 8, -1, 11, 14};
    private static final double[] THR = {0.5, 1.0, 2.0};

    public Map<String, Double> score(ChallengeSeries s, int blocksAhead, int sampleEvery, long seed) {
        double[] price = s.prices();
        if (price == null || s.hotkeyCount() == 0) return Map.of();
        int required = PriceMath.MIN_REQUIRED_SAMPLES;
        if (price.length < required || s.rows() < required) return Map.of();
        if (s.dim() != 17) return Map.of();
        final int H = s.hotkeyCount();
        int h = LbfgsPScorer.horizonSteps(blocksAhead, sampleEvery);
        int T = price.length;
        int lenR = T - h;
        if (lenR <= 1) return Map.of();

        int volWindow = Math.max(required / 2, 1000);
        PriceMath.Bins bins = PriceMath.makeBins(price, h, volWindow);
        int[] yR = new int[lenR];
        java.util.Arrays.fill(yR, -1);
        for (int i = 0; i < bins.validIdx().length; i++) yR[bins.validIdx()[i]] = bins.labels()[i];

        double[] logp = PriceMath.logPrice(price);
        double[] rH = PriceMath.horizonReturns(logp, h);
        int volQ = Math.max(PriceMath.MIN_REQUIRED_SAMPLES, 10);
        double[] sigRaw = PriceMath.rollingStd(rH, volQ);
        double[] sigmaH = new double[lenR];
        java.util.Arrays.fill(sigmaH, Double.NaN);
        System.arraycopy(sigRaw, 0, sigmaH, volQ - 1, sigRaw.length);

        double[] maxLp = PriceMath.slidingMax(logp, h + 1);
        double[] minLp = PriceMath.slidingMin(logp, h + 1);

        // t0 = 1..lenR-1
        boolean anyValid = false;
        boolean[] validCommon = new boolean[lenR];
        for (int t = 1; t < lenR; t++) {
            double sg = sigmaH[t];
            validCommon[t] = Double.isFinite(sg) && sg > 0.0 && yR[t] >= 0;
            anyValid |= validCommon[t];
        }
        if (!anyValid) return Map.of();

        // collect the valid (c, threshold) models first, then fill their inputs hotkey by hotkey so each
        // hotkey's embedding is widened once
        record Model(int c, int j, int[] tSel, byte[] y, float[] w, float[] x) {}
        List<Model> models = new ArrayList<>();
        for (int c : CLASSES) {
            int nc = 0;
            for (int t = 1; t < lenR; t++) if (validCommon[t] && yR[t] == c) nc++;
            if (nc == 0) continue;
            int[] tSel = new int[nc];
            int k = 0;
            for (int t = 1; t < lenR; t++) if (validCommon[t] && yR[t] == c) tSel[k++] = t;
            float[] sw = PriceMath.recentMassWeights(tSel, LbfgsPScorer.RECENT_SAMPLES, LbfgsPScorer.RECENT_MASS);
            for (int j = 0; j < 3; j++) {
                byte[] yHit = new byte[nc];
                int pos = 0;
                for (int i = 0; i < nc; i++) {
                    int t = tSel[i];
                    double base = logp[t - 1];
                    double thr = THR[j] * sigmaH[t];
                    boolean hit = (c == 3 || c == 4) ? (minLp[t] - base) <= -thr : (maxLp[t] - base) >= thr;
                    yHit[i] = (byte) (hit ? 1 : 0);
                    pos += yHit[i];
                }
                if (nc < 100 || pos == 0 || pos == nc) continue;
                models.add(new Model(c, j, tSel, yHit, classBalanced(yHit, sw), new float[nc * H]));
            }
        }
        for (int m = 0; m < H; m++) {
            float[] e = s.embedding(m);
            for (Model md : models) {
                int start = Q_START[md.c()] + md.j();
                int[] tSel = md.tSel();
                float[] xl = md.x();
                for (int i = 0; i < tSel.length; i++) {
                    double q = e[tSel[i] * 17 + start];
                    if (q == 0.0) q = 0.5;
                    xl[i * H + m] = (float) PriceMath.logit(q);
                }
            }
        }
        double[][] fitted = new double[models.size()][];
        java.util.stream.IntStream.range(0, models.size()).parallel().forEach(i -> {
            Model md = models.get(i);
            fitted[i] = MixtureTraining.fitLogitMixture(md.x(), md.tSel().length, H, md.y(), md.w(),
                    LbfgsPScorer.EPOCHS, LbfgsPScorer.LR, BATCH,
                    MixtureTraining.modelSeed(seed, "q-" + md.c() + "-" + md.j()));
        });
        List<double[]> perModel = java.util.Arrays.asList(fitted);
        if (perModel.isEmpty()) return Map.of();
        double[] avg = new double[H];
        for (double[] wm : perModel) for (int m = 0; m < H; m++) avg[m] += wm[m];
        for (int m = 0; m < H; m++) avg[m] /= perModel.size();
        avg = MixtureTraining.topKPrune(avg, LbfgsPScorer.TOP_K);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int m = 0; m < H; m++) if (avg[m] > 0.0) out.put(s.hotkeys().get(m), avg[m]);
        return out;
    }

    /** Balanced class weights times recency weights, rescaled to mean 1 (float32 as the reference). */
    static float[] classBalanced(byte[] y, float[] sw) {
        int n = y.length;
        int pos = 0;
        for (byte b : y) pos += b;
        double wPos = n / (2.0 * pos);
        double wNeg = n / (2.0 * (n - pos));
        float[] w = new float[n];
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            w[i] = sw[i] * (float) (y[i] != 0 ? wPos : wNeg);
            s += w[i];
        }
        if (s > 0.0) {
            float f = (float) (n / s);
            for (int i = 0; i < n; i++) w[i] *= f;
        }
        return w;
    }
}
