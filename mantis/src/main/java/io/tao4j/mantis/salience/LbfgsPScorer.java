package io.tao4j.mantis.salience;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LBFGS p-only salience: MANTIS bucket_forecast.py {@code compute_lbfgs_salience} /
 * {@code compute_linear_salience} at 2e9bc5b. Labels are the 5 sigma-scaled buckets of the horizon
 * log return ({@link PriceMath#makeBins}); rows get recency mass weights (the last 14 000 samples carry half
 * the mass) and balanced class weights {@code n / (K * count)}; a softmax mixture over the miners'
 * clamped, renormalised p[0:5] plus a bias is fitted by Adam (20 epochs, batch 1024, lr 0.05) on the
 * weighted cross-entropy; the mixture weights, pruned to the top 25, are the salience.
 */
public final class LbfgsPScorer {
    public static final int RECENT_SAMPLES = 14_000;
    public static final double RECENT_MASS = 0.5;
    public static final int TOP_K = 25;
    static final int EPOCHS = 20;
    static final double LR = 0.05;
    static final int BATCH = 1024;

    /** Salience per hotkey with positive weight, or empty where the reference returns {}. */
    public Map<String, Double> score(ChallengeSeries s, int blocksAhead, int sampleEvery, long seed) {
        double[] price = s.prices();
        if (price == null || s.hotkeyCount() == 0) return Map.of();
        int required = PriceMath.MIN_REQUIRED_SAMPLES;
        if (price.length < required || s.rows() < required) return Map.of();
        if (s.dim() != 17) return Map.of();
        final int H = s.hotkeyCount();
        int h = horizonSteps(blocksAhead, sampleEvery);
        int volWindow = Math.max(required / 2, 1000);
        PriceMath.Bins bins = PriceMath.makeBins(price, h, volWindow);
        int n = bins.validIdx().length;
        if (n < required) return Map.of();

        float[] sw = PriceMath.recentMassWeights(bins.validIdx(), RECENT_SAMPLES, RECENT_MASS);
        int[] y = bins.labels();
        int K = 0;
        int[] counts = new int[5];
        for (int v : y) {
            K = Math.max(K, v + 1);
            counts[v]++;
        }
        float[] cw = new float[5];
        java.util.Arrays.fill(cw, 1.0f);
        for (int c = 0; c < K; c++) if (counts[c] > 0) cw[c] = (float) ((double) n / (K * (double) counts[c]));

        float[] probs = new float[n * H * 5];
        float[] p = new float[5];
        for (int m = 0; m < H; m++) {
            float[] e = s.embedding(m);
            for (int i = 0; i < n; i++) {
                int off = bins.validIdx()[i] * 17;
                float sum = 0f;
                for (int c = 0; c < 5; c++) {
                    float v = e[off + c];
                    v = Math.min(Math.max(v, 1e-6f), 1.0f); // torch.clamp(1e-6, 1.0); NaN stays NaN
                    p[c] = v;
                    sum += v;
                }
                int o = (i * H + m) * 5;
                for (int c = 0; c < 5; c++) probs[o + c] = p[c] / sum;
            }
        }
        double[] w = MixtureTraining.fitBucketMixture(probs, n, H, y, cw, sw, EPOCHS, LR, BATCH,
                MixtureTraining.modelSeed(seed, "p-only"));
        w = MixtureTraining.topKPrune(w, TOP_K);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int m = 0; m < H; m++) if (w[m] > 0.0) out.put(s.hotkeys().get(m), w[m]);
        return out;
    }

    /** {@code max(1, round(blocks_ahead / max(1, sample_every)))} with Python's round-half-even. */
    static int horizonSteps(int blocksAhead, int sampleEvery) {
        return Math.max(1, (int) Math.rint(blocksAhead / (double) Math.max(1, sampleEvery)));
    }
}
