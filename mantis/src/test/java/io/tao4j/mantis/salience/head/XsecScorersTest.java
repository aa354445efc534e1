package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.salience.math.Auc;
import io.tao4j.mantis.salience.math.Half;
import io.tao4j.mantis.salience.math.LogisticRegression;
import io.tao4j.mantis.salience.math.SklearnLogistic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-built inputs for the XSEC-RANK / FUNDING-XSEC machinery (spec §5.8, §5.9). */
class XsecScorersTest {
    private static float half(double v) {
        return Half.toFloat(Half.fromFloat((float) v));
    }

    /** Rows of a float16 feature with a weak signal, their codes and labels. */
    private static short[] codes(int n, long seed, byte[] y) {
        SplittableRandom r = new SplittableRandom(seed);
        short[] c = new short[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (r.nextDouble() < 0.47 ? 1 : 0);
            double v = Math.tanh(0.4 * (y[i] - 0.5) + 0.6 * r.nextGaussian());
            c[i] = r.nextDouble() < 0.1 ? 0 : Half.fromFloat((float) v);
        }
        return c;
    }

    @Test
    void histogramFitIsTheRowFit() {
        int n = 6000;
        byte[] y = new byte[n];
        short[] c = codes(n, 1, y);
        PrefixHistograms hg = new PrefixHistograms(c, y, new int[] {2500, n});
        // the row fit over the non-zero rows of the prefix [0, 2500)
        List<Double> xs = new ArrayList<>();
        List<Byte> ys = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            if (Half.toFloat(c[i]) == 0f) continue;
            xs.add((double) Half.toFloat(c[i]));
            ys.add(y[i]);
        }
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        byte[] yy = new byte[ys.size()];
        for (int i = 0; i < yy.length; i++) yy[i] = ys.get(i);
        LogisticRegression.Model rows = SklearnLogistic.fitLbfgs(x, x.length, 1, yy, null, 0.5, 1e-4, 200);
        LogisticRegression.Model hist = hg.fit(0, 0.5, 1e-4, 200, SklearnLogistic.LbfgsRules.SKLEARN_1_7, "t");
        assertEquals(rows.iterations(), hist.iterations());
        assertEquals(rows.coef()[0], hist.coef()[0], 1e-10);
        assertEquals(rows.intercept(), hist.intercept(), 1e-10);
        // AUC of the decision function over [2500, n): counted from the histograms, both signs and w = 0
        double[] s = new double[n - 2500];
        byte[] ye = new byte[n - 2500];
        int m = 0;
        for (int i = 2500; i < n; i++) {
            if (Half.toFloat(c[i]) == 0f) continue;
            s[m] = -0.7 * Half.toFloat(c[i]) + 0.1;
            ye[m++] = y[i];
        }
        double want = Auc.rocAuc(Arrays.copyOf(ye, m), Arrays.copyOf(s, m));
        assertEquals(want, hg.auc(0, 1, -0.7, "t"), 1e-15);
        assertEquals(1 - want, hg.auc(0, 1, 0.7, "t"), 1e-15);
        assertEquals(0.5, hg.auc(0, 1, 0.0, "t"));
        assertEquals(m, hg.classCounts(0, 1)[0] + hg.classCounts(0, 1)[1]);
    }

    @Test
    void weightedRowsAreTheRepeatedRows() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 400, p = 3;
        float[] x = new float[n * p];
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) r.nextInt(2);
            for (int k = 0; k < p; k++) x[i * p + k] = (float) (r.nextGaussian() * 0.3 + (k == 0 ? y[i] - 0.5 : 0));
        }
        int[] mult = new int[n];
        List<Integer> rep = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            mult[i] = r.nextInt(3);
            for (int q = 0; q < mult[i]; q++) rep.add(i);
        }
        int u = (int) Arrays.stream(mult).filter(v -> v > 0).count();
        int[] idx = new int[u];
        byte[] yu = new byte[u];
        double[] mu = new double[u];
        u = 0;
        for (int i = 0; i < n; i++) if (mult[i] > 0) { idx[u] = i; yu[u] = y[i]; mu[u++] = mult[i]; }
        double[] xd = new double[rep.size() * p];
        byte[] yd = new byte[rep.size()];
        for (int q = 0; q < rep.size(); q++) {
            for (int k = 0; k < p; k++) xd[q * p + k] = x[rep.get(q) * p + k];
            yd[q] = y[rep.get(q)];
        }
        LogisticRegression.Model dup = SklearnLogistic.fitLbfgs(xd, yd.length, p, yd, SklearnLogistic.balancedSampleWeights(yd, null), 0.5, 1e-4, 100);
        LogisticRegression.Model w = SklearnLogistic.fitLbfgs(x, p, idx, yu, SklearnLogistic.balancedSampleWeights(yu, mu), 0.5, 1e-4, 100,
                SklearnLogistic.LbfgsRules.SKLEARN_1_7);
        assertEquals(dup.iterations(), w.iterations());
        for (int k = 0; k < p; k++) assertEquals(dup.coef()[k], w.coef()[k], 1e-9);
        assertEquals(dup.intercept(), w.intercept(), 1e-9);
    }

    @Test
    void segmentsFollowTheReference() {
        // XSEC with T_u = 16 760: (0, 60, 8000), (8000, 8060, 16000), (16000, 16060, 16760)
        List<int[]> s = CrossSectionWalkForward.segments(16_760, 60);
        assertEquals(3, s.size());
        assertArrayEquals(new int[] {16_000, 16_060, 16_760}, s.get(2));
        // a last chunk no longer than the gap is dropped
        assertEquals(2, CrossSectionWalkForward.segments(16_060, 60).size());
        assertEquals(List.of(), CrossSectionWalkForward.segments(400, 480));
    }

    @Test
    void forwardPairsMatchBySidxWithinTolerance() {
        long[] sidx = {0, 1, 2, 470, 479, 481, 560, 1000};
        int[] f = FundingXsecScorer.forwardPairs(sidx, 480);
        // row 0 -> target 480: 479 and 481 are equally close, the earlier wins; row 1 -> 481 exact; row 2 -> 482: 481
        // (560 is 78 > 72 away); rows 3..6 -> 1000 within 72; the last row has no later row
        assertArrayEquals(new int[] {4, 5, 5, 7, 7, 7, 7, -1}, f);
    }

    @Test
    void tiesKeepIndexOrder() {
        assertArrayEquals(new int[] {2, 0, 1, 3}, CrossSectionWalkForward.descendingStable(new float[] {0.5f, 0.5f, 0.7f, 0.5f}));
    }

    /** Price series where hotkey 0 predicts the cross-sectional rank of the 240-row return, hotkey 1 is noise. */
    static MultiAssetSeries xsec(int t, int h, int a, long seed, boolean funding) {
        SplittableRandom r = new SplittableRandom(seed);
        int ahead = funding ? 480 : 240;
        double[] v = new double[t * a];
        for (int k = 0; k < a; k++) {
            double x = funding ? 1e-4 : 50 + k;
            for (int i = 0; i < t; i++) {
                if (funding) {
                    if (i % 480 == 0) x = 0.7 * x + 3e-5 + 4e-5 * r.nextGaussian();
                } else {
                    x *= Math.exp(1e-3 * r.nextGaussian());
                }
                v[i * a + k] = x;
            }
        }
        float[] hist = new float[t * h * a];
        for (int i = 0; i < t; i++) {
            int fi = Math.min(t - 1, i + ahead);
            for (int k = 0; k < a; k++) {
                double rel = funding ? (v[fi * a + k] - v[i * a + k]) / 5e-5 : Math.log(v[fi * a + k] / v[i * a + k]) / 0.015;
                for (int j = 0; j < h; j++) {
                    double e = j == 0 ? Math.tanh(0.5 * (rel + r.nextGaussian())) : 2 * r.nextDouble() - 1;
                    hist[(i * h + j) * a + k] = half(e);
                }
            }
        }
        long[] sidx = new long[t];
        for (int i = 0; i < t; i++) sidx[i] = 2_000_000L + i;
        List<String> hks = new ArrayList<>();
        for (int j = 0; j < h; j++) hks.add("hk" + j);
        return MultiAssetSeries.ofFloats(funding ? "FUNDINGXSEC" : "MULTIXSEC", hks, a, hist, v, sidx, funding ? 2400 : 1200);
    }

    @Test
    void tooShortHistoriesGiveNothing() {
        // T_u = T - 240 < 500
        assertEquals(Map.of(), XsecRankScorer.score(xsec(739, 2, 5, 1, false)));
        // long enough to pool but no segment can select (the first two segments never have fit rows)
        assertEquals(Map.of(), XsecRankScorer.score(xsec(9000, 2, 5, 1, false)));
        assertEquals(Map.of(), FundingXsecScorer.score(xsec(979, 2, 5, 1, true)));
        assertEquals(Map.of(), FundingXsecScorer.score(xsec(9000, 2, 5, 1, true)));
    }

    @Test
    void theInformativeMinerWins() {
        Map<String, Double> x = XsecRankScorer.score(xsec(17_200, 3, 6, 2, false));
        assertTrue(x.getOrDefault("hk0", 0.0) > 0.5, x.toString());
        assertEquals(1.0, x.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        Map<String, Double> f = FundingXsecScorer.score(xsec(18_000, 3, 6, 2, true));
        assertTrue(f.getOrDefault("hk0", 0.0) > 0.5, f.toString());
    }

    /** Parallel selection, meta columns and bootstrap replicates write fixed slots: same bits on 1 or 4 threads. */
    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        MultiAssetSeries x = xsec(17_200, 3, 6, 2, false);
        MultiAssetSeries f = xsec(18_000, 3, 6, 2, true);
        java.util.List<Map<String, Double>> out = new java.util.ArrayList<>();
        for (int threads : new int[] {1, 4}) {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
            try {
                out.add(pool.submit(() -> XsecRankScorer.score(x)).get());
                out.add(pool.submit(() -> FundingXsecScorer.score(f)).get());
            } finally {
                pool.shutdown();
            }
        }
        assertTrue(!out.get(0).isEmpty() && !out.get(1).isEmpty());
        assertEquals(out.get(0), out.get(2));
        assertEquals(out.get(1), out.get(3));
    }

    @Test
    void staleColumnsAreZeroedAndNaNIsANamedError() {
        MultiAssetSeries s = xsec(1200, 2, 3, 4, true);
        short[] hist = s.histBits();
        for (int i = 0; i < s.rows(); i++) hist[(i * 2 + 1) * 3 + 2] = Half.fromFloat(0.25f); // hotkey 1, asset 2: constant
        int[] valid = java.util.stream.IntStream.range(0, 700).toArray();
        boolean[] z = FundingXsecScorer.staleColumns(s, valid);
        assertTrue(z[1 * 3 + 2]);
        assertTrue(!z[0] && !z[1 * 3]);
        MultiAssetSeries bad = xsec(17_200, 2, 4, 5, false);
        bad.histBits()[(100 * 2 + 1) * 4] = Half.fromFloat(Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XsecRankScorer.score(bad));
        assertTrue(e.getMessage().contains("hk1"), e.getMessage());
    }

    @Test
    void staleFilterReadsMinerGroupsAsEachMinerAlone() {
        int h = FundingXsecScorer.STALE_GROUP + 3, a = 3;
        MultiAssetSeries s = xsec(900, h, a, 6, true);
        short[] hist = s.histBits();
        int stale = FundingXsecScorer.STALE_GROUP + 1; // in the second group
        for (int i = 0; i < s.rows(); i++) hist[(i * h + stale) * a + 1] = Half.fromFloat(-0.5f);
        int[] valid = java.util.stream.IntStream.range(0, 800).filter(i -> i % 3 != 0).toArray();
        boolean[] z = FundingXsecScorer.staleColumns(s, valid);
        for (int j = 0; j < h; j++) {
            for (int k = 0; k < a; k++) {
                float[] col = new float[valid.length];
                for (int q = 0; q < valid.length; q++) col[q] = Half.toFloat(hist[(valid[q] * h + j) * a + k]);
                assertEquals(FundingXsecScorer.std32(col) < 1e-4f, z[j * a + k], "miner " + j + " asset " + k);
            }
        }
        assertTrue(z[stale * a + 1]);
    }
}
