package io.tao4j.mantis.salience;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Adam-trained mixtures against PyTorch autograd + Adam (float64) with one full batch per epoch,
 * where mini-batch order cannot matter (tools/parity/mantis/gen_math_vectors.py).
 */
class MixtureTrainingTest {
    private static final JsonNode V = Vectors.load("math_vectors.json");

    @Test
    void bucketMixtureMatchesTorch() {
        JsonNode r = V.get("bucket_mixture");
        JsonNode probs = r.get("probs");
        int n = probs.size();
        int H = probs.get(0).size();
        float[] p = new float[n * H * 5];
        for (int i = 0; i < n; i++)
            for (int m = 0; m < H; m++)
                for (int c = 0; c < 5; c++) p[(i * H + m) * 5 + c] = (float) probs.get(i).get(m).get(c).asDouble();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = r.get("y").get(i).asInt();
        float[] cw = new float[5];
        for (int c = 0; c < 5; c++) cw[c] = (float) r.get("class_weights").get(c).asDouble();
        float[] sw = new float[n];
        for (int i = 0; i < n; i++) sw[i] = (float) r.get("sample_weights").get(i).asDouble();
        double[] w = MixtureTraining.fitBucketMixture(p, n, H, y, cw, sw, r.get("epochs").asInt(),
                r.get("lr").asDouble(), n, 7L);
        double[] ref = Vectors.doubles(r.get("softmax_weights"));
        // inputs rounded to float32 here, float64 in the reference
        for (int m = 0; m < H; m++) assertThat(w[m]).isCloseTo(ref[m], within(1e-5));
    }

    @Test
    void logitMixtureMatchesTorch() {
        JsonNode r = V.get("logit_mixture");
        JsonNode xs = r.get("x");
        int n = xs.size();
        int H = xs.get(0).size();
        float[] x = new float[n * H];
        for (int i = 0; i < n; i++) for (int h = 0; h < H; h++) x[i * H + h] = (float) xs.get(i).get(h).asDouble();
        byte[] y = Vectors.labels(r.get("y"));
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) r.get("weights").get(i).asDouble();
        double[] out = MixtureTraining.fitLogitMixture(x, n, H, y, w, r.get("epochs").asInt(), r.get("lr").asDouble(),
                n, 3L);
        double[] ref = Vectors.doubles(r.get("softmax_weights"));
        for (int h = 0; h < H; h++) assertThat(out[h]).isCloseTo(ref[h], within(1e-5));
    }

    @Test
    void topKPruneKeepsLargestAndRenormalises() {
        double[] w = MixtureTraining.topKPrune(new double[] {0.1, 0.4, 0.2, 0.3}, 2);
        assertThat(w).containsExactly(0.0, 0.4 / 0.7, 0.0, 0.3 / 0.7);
        assertThat(MixtureTraining.topKPrune(new double[] {0.5, 0.5}, 3)).containsExactly(0.5, 0.5);
    }
}
