package io.tao4j.mantis.salience;

import io.tao4j.mantis.salience.math.Adam;
import io.tao4j.mantis.salience.math.Softmax;

import java.util.SplittableRandom;

/**
 * The two softmax-mixture models of MANTIS bucket_forecast.py (2e9bc5b), trained the way the reference
 * trains them with PyTorch: parameters updated by Adam (lr 0.05, PyTorch defaults otherwise) on shuffled
 * mini-batches ({@code DataLoader(shuffle=True)}: a fresh permutation each epoch, last batch partial),
 * per-batch loss {@code sum(loss_i * w_i) / max(sum(w_i), 1)}. Gradients are derived analytically (what
 * autograd computes for these graphs).
 *
 * <p>The permutation comes from {@link SplittableRandom} seeded per model, so runs are reproducible;
 * PyTorch's own permutation stream cannot be reproduced, so results agree with the reference only up
 * to mini-batch order (see the parity notes in the module README).
 */
final class MixtureTraining {
    private MixtureTraining() {}

    static int[] permutation(SplittableRandom rnd, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    /**
     * {@code LinearEnsembleOptimizer}: logits_c = log(sum_m w_m P[i,m,c] + 1e-9) + bias_c with
     * w = softmax(theta), theta initialised to 1/H, bias to 0; loss = class-weighted cross-entropy
     * ({@code F.cross_entropy(weight=cw, reduction="none")}) times sample weight.
     *
     * @param probs  row-major {@code [n][H][5]} miner probabilities, already clamped and normalised
     * @param labels bucket per row
     * @return softmax(theta) after training
     */
    static double[] fitBucketMixture(float[] probs, int n, int H, int[] labels, float[] classWeights,
                                     float[] sampleWeights, int epochs, double lr, int batchSize, long seed) {
        final int C = 5;
        double[] params = new double[H + C];
        for (int m = 0; m < H; m++) params[m] = 1.0 / Math.max(H, 1);
        Adam adam = new Adam(H + C, lr);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] theta = new double[H];
        double[] w = new double[H];
        double[] gradW = new double[H];
        double[] grad = new double[H + C];
        double[] gTheta = new double[H];
        double[] q = new double[C];
        double[] z = new double[C];
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] perm = permutation(rnd, n);
            for (int b0 = 0; b0 < n; b0 += batchSize) {
                int b1 = Math.min(n, b0 + batchSize);
                System.arraycopy(params, 0, theta, 0, H);
                Softmax.softmaxInto(theta, w);
                java.util.Arrays.fill(gradW, 0.0);
                java.util.Arrays.fill(grad, 0.0);
                double denom = 0.0;
                for (int k = b0; k < b1; k++) denom += sampleWeights[perm[k]];
                denom = Math.max(denom, 1.0);
                for (int k = b0; k < b1; k++) {
                    int i = perm[k];
                    int base = i * H * C;
                    java.util.Arrays.fill(q, 0.0);
                    for (int m = 0; m < H; m++) {
                        double wm = w[m];
                        int o = base + m * C;
                        for (int c = 0; c < C; c++) q[c] += wm * probs[o + c];
                    }
                    double zmax = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < C; c++) {
                        z[c] = Math.log(q[c] + 1e-9) + params[H + c];
                        zmax = Math.max(zmax, z[c]);
                    }
                    double se = 0.0;
                    for (int c = 0; c < C; c++) {
                        z[c] = Math.exp(z[c] - zmax);
                        se += z[c];
                    }
                    int yi = labels[i];
                    double coef = classWeights[yi] * (double) sampleWeights[i] / denom;
                    for (int c = 0; c < C; c++) {
                        double dz = coef * (z[c] / se - (c == yi ? 1.0 : 0.0));
                        grad[H + c] += dz;
                        q[c] = dz / (q[c] + 1e-9); // reuse q as dL/dq
                    }
                    for (int m = 0; m < H; m++) {
                        int o = base + m * C;
                        double g = 0.0;
                        for (int c = 0; c < C; c++) g += q[c] * probs[o + c];
                        gradW[m] += g;
                    }
                }
                Softmax.backward(w, gradW, gTheta);
                System.arraycopy(gTheta, 0, grad, 0, H);
                adam.step(params, grad);
            }
        }
        System.arraycopy(params, 0, theta, 0, H);
        return Softmax.softmax(theta);
    }

    /**
     * The Q-path binary logit mixture: z = sum_h x[i,h] softmax(theta)_h + b, loss =
     * {@code binary_cross_entropy_with_logits} times weight; theta and b initialised to 0.
     *
     * @param x row-major {@code [n][H]} miner logits
     * @return softmax(theta) after training
     */
    static double[] fitLogitMixture(float[] x, int n, int H, byte[] y, float[] weights, int epochs, double lr,
                                    int batchSize, long seed) {
        double[] params = new double[H + 1];
        Adam adam = new Adam(H + 1, lr);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] theta = new double[H];
        double[] w = new double[H];
        double[] gradW = new double[H];
        double[] gTheta = new double[H];
        double[] grad = new double[H + 1];
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] perm = permutation(rnd, n);
            for (int b0 = 0; b0 < n; b0 += batchSize) {
                int b1 = Math.min(n, b0 + batchSize);
                System.arraycopy(params, 0, theta, 0, H);
                Softmax.softmaxInto(theta, w);
                java.util.Arrays.fill(gradW, 0.0);
                double gb = 0.0;
                double denom = 0.0;
                for (int k = b0; k < b1; k++) denom += weights[perm[k]];
                denom = Math.max(denom, 1.0);
                double bias = params[H];
                for (int k = b0; k < b1; k++) {
                    int i = perm[k];
                    int o = i * H;
                    double z = bias;
                    for (int h = 0; h < H; h++) z += x[o + h] * w[h];
                    double sig = z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
                    double r = weights[i] / denom * (sig - (y[i] != 0 ? 1.0 : 0.0));
                    gb += r;
                    for (int h = 0; h < H; h++) gradW[h] += r * x[o + h];
                }
                Softmax.backward(w, gradW, gTheta);
                System.arraycopy(gTheta, 0, grad, 0, H);
                grad[H] = gb;
                adam.step(params, grad);
            }
        }
        System.arraycopy(params, 0, theta, 0, H);
        return Softmax.softmax(theta);
    }

    /** Keeps the k largest weights (ties by index), renormalised to sum 1; others become 0. */
    static double[] topKPrune(double[] w, int k) {
        if (w.length <= k) return w;
        Integer[] order = new Integer[w.length];
        for (int i = 0; i < w.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(w[b], w[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        double s = 0.0;
        for (int i = 0; i < k; i++) s += w[order[i]];
        double[] out = new double[w.length];
        for (int i = 0; i < k; i++) out[order[i]] = s > 0.0 ? w[order[i]] / s : w[order[i]];
        return out;
    }

    /** Deterministic 64-bit seed for one model from the global seed and a label. */
    static long modelSeed(long seed, String label) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < label.length(); i++) {
            h ^= label.charAt(i);
            h *= 0x100000001B3L;
        }
        h ^= (h >>> 33);
        h *= 0xff51afd7ed558ccdL;
        h ^= (h >>> 33);
        return h;
    }
}
