package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.salience.sybil.History;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Behaviour of the HEAD scorers on small synthetic histories (parity with the reference: HeadParityTest). */
class HeadScorersTest {
    static History history(float[][][] perMiner, int rows, int dim) {
        LinkedHashMap<String, Integer> m = new LinkedHashMap<>();
        String[] names = {"absent", "good", "noise"};
        for (int i = 0; i < perMiner.length; i++) m.put(names[i], i);
        float[] x = new float[rows * perMiner.length * dim];
        for (int t = 0; t < rows; t++) {
            for (int i = 0; i < perMiner.length; i++) System.arraycopy(perMiner[i][t], 0, x, (t * perMiner.length + i) * dim, dim);
        }
        return new History(x, rows, m, dim);
    }

    /** {@link HeadLabels#history} interleaves the hotkey-major series row by row, for any hotkey count. */
    @Test
    void historyInterleavesTheSeriesRowMajor() {
        Random r = new Random(3);
        for (int h : new int[] {1, 7, 8, 9, 19}) {
            for (int d : new int[] {1, 2, 17}) {
                int rows = 13;
                java.util.List<String> hks = new java.util.ArrayList<>();
                float[][] e = new float[h][rows * d];
                for (int i = 0; i < h; i++) {
                    hks.add("hk" + i);
                    for (int v = 0; v < rows * d; v++) e[i][v] = r.nextInt(9) == 0 ? 0f : (float) r.nextGaussian();
                }
                History got = HeadLabels.history(io.tao4j.mantis.salience.ChallengeSeries.ofReturns(hks, d, e, new float[rows]));
                assertThat(got.hk2idx().keySet()).containsExactlyElementsOf(hks);
                for (int t = 0; t < rows; t++) for (int i = 0; i < h; i++) for (int k = 0; k < d; k++) {
                    assertThat(got.at(t, i, k)).as("h %d d %d t %d i %d k %d", h, d, t, i, k).isEqualTo(e[i][t * d + k]);
                }
            }
        }
    }

    @Test
    void binarySelectsTheInformativeMinerAndNeverTheAbsentOne() {
        int t = 20_000;
        Random r = new Random(7);
        float[] y = new float[t];
        float[][][] e = new float[3][t][2];
        for (int i = 0; i < t; i++) {
            y[i] = (float) r.nextGaussian();
            e[1][i][0] = (float) Math.tanh(0.7 * y[i] + r.nextGaussian());
            e[1][i][1] = (float) r.nextGaussian() * 0.1f;
            e[2][i][0] = (float) r.nextGaussian();
            e[2][i][1] = (float) r.nextGaussian();
        }
        HeadBinaryScorer.Detail d = new HeadBinaryScorer(86_400).detail(history(e, t, 2), y);
        assertThat(d.selAuc()[0]).isEqualTo(0.5f); // never submits: keeps the default AUC
        assertThat(d.selAuc()[1]).isGreaterThan(0.6f);
        assertThat(d.salience()).doesNotContainKey("absent").containsKey("good");
        double noise = d.salience().getOrDefault("noise", 0.0);
        assertThat(d.salience().get("good")).isGreaterThan(noise);
        assertThat(d.salience().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void hitfirstGivesTheNonSubmitterZeroAndTheInformedMinerMost() {
        int t = 15_000; // 7 199 rows of σ warm-up + 7 200 valid rows + the 100-row horizon
        Random r = new Random(11);
        double[] price = new double[t];
        price[0] = 100;
        for (int i = 1; i < t; i++) price[i] = price[i - 1] * Math.exp(0.001 * r.nextGaussian());
        // the informed miner looks ahead 30 rows: up-first more likely when the price rises
        float[][][] e = new float[3][t][3];
        for (int i = 0; i < t; i++) {
            double ahead = i + 30 < t ? Math.log(price[i + 30] / price[i]) / 0.005 : 0;
            double pu = 1 / (1 + Math.exp(-3 * ahead));
            e[1][i] = new float[] {(float) (0.8 * pu), (float) (0.8 * (1 - pu)), 0.2f};
            double a = r.nextDouble(), b = r.nextDouble() * (1 - a);
            e[2][i] = new float[] {(float) a, (float) b, (float) (1 - a - b)};
        }
        Map<String, Double> s = new HeadHitFirstScorer().score(history(e, t, 3), price, 500, 5);
        assertThat(s).containsOnlyKeys("absent", "good", "noise");
        assertThat(s.get("absent")).isZero();
        assertThat(s.get("good")).isGreaterThan(s.get("noise"));
    }

    @Test
    void binarySelectionIsStableTopFiftyWithAMarginBandAndAucAboveHalf() {
        // ties keep index order; AUC 0.5 (the default) and below never selected
        assertThat(HeadBinaryScorer.select(new float[] {0.6f, 0.4f, 0.6f, 0.5f})).containsExactly(0, 2);
        assertThat(HeadBinaryScorer.select(new float[] {0.5f, 0.5f})).isEmpty();
        // 60 miners: 50 at 0.7, then 0.699 and 0.6955 inside the 0.005 band, 0.6949 outside, the rest 0.55
        float[] a = new float[60];
        java.util.Arrays.fill(a, 0, 50, 0.7f);
        a[50] = 0.6955f;
        a[51] = 0.6949f;
        a[52] = 0.699f;
        java.util.Arrays.fill(a, 53, 60, 0.55f);
        int[] sel = HeadBinaryScorer.select(a);
        assertThat(sel).hasSize(52);
        assertThat(sel[50]).isEqualTo(52);
        assertThat(sel[51]).isEqualTo(50);
        // the band adds at most 15
        float[] b = new float[80];
        java.util.Arrays.fill(b, 0.7f);
        assertThat(HeadBinaryScorer.select(b)).hasSize(65).startsWith(0, 1, 2);
    }
}
