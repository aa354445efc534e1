package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.salience.math.Half;
import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradeMixScorerTest {
    static final Protocol.TradeMixParams P = Protocol.BCFF57B.tradeMix().orElseThrow();
    static final TradeMixConfig CFG = TradeMixConfig.from(P);
    static final String BURN = HeadSalienceEngine.BURN_KEY;

    /** A ledger of given sidx, constant prices (or 0 where {@code priceless}), one hotkey at 0.5 in every asset. */
    static MultiAssetSeries ledger(long[] sidx, int... priceless) {
        int n = sidx.length, a = 4;
        float[] hist = new float[n * a];
        double[] v = new double[n * a];
        java.util.Arrays.fill(hist, 0.5f);
        java.util.Arrays.fill(v, 100.0);
        for (int r : priceless) v[r * a + 2] = 0.0;
        return MultiAssetSeries.ofFloats("TRADEMIX", List.of("hk"), a, hist, v, sidx, 300);
    }

    @Test
    void configAppliesTheSpecOverridesToTheReferenceDefaults() {
        assertArrayEquals(new int[] {12, 24, 48}, CFG.horizons());
        assertEquals(10.0 * 1e-4, CFG.feePerSide());
        assertEquals(0.75, CFG.channelSplitRv());
        assertEquals(0.25, CFG.channelSplitBeta());
        assertEquals(504, CFG.probationHours());
        assertEquals(720, CFG.volWindow());
        assertEquals(1440, CFG.betaWindow());
        assertEquals(60, CFG.hourStep());
        assertEquals(TradeMixConfig.defaults().minShift(), CFG.minShift());
    }

    @Test
    void warmUpBurnsThePoolAndNoHotkeysGiveNothing() {
        // 11 days = 264 hourly rows < 3 × 96
        assertEquals(Map.of(BURN, 1.0), TradeMixScorer.score(TradeMixSynthetic.series(8, 11, 1), P));
        // fewer than 10 hourly rows
        long[] sidx = new long[500];
        for (int i = 0; i < sidx.length; i++) sidx[i] = i;
        assertEquals(Map.of(BURN, 1.0), TradeMixScorer.score(ledger(sidx), P));
        MultiAssetSeries none = new MultiAssetSeries("TRADEMIX", List.of(), 4, new short[0], new double[40],
                new long[10], 300);
        assertEquals(Map.of(), TradeMixScorer.score(none, P));
    }

    @Test
    void hourlyGridIsAnchoredAtTheFirstRowAndToleratesTenSamples() {
        // grid 7, 67, 127, 187, 247, …: first row at or after each point, kept within 10 samples
        long[] sidx = {7, 8, 70, 77, 138, 197, 198, 240, 250, 307, 367, 427, 487, 547, 607, 667, 727};
        TradeMixPanel p = TradeMixPanel.of(ledger(sidx), CFG);
        assertNotNull(p);
        // 7 → row 0; 67 → 70 (Δ 3) row 2; 127 → 138 (Δ 11) dropped; 187 → 197 (Δ 10) row 5; 247 → 250 row 8;
        // then 307 … 727 exactly: rows 9 … 16
        assertArrayEquals(new int[] {0, 2, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16}, p.ledgerRow());
        // a grid row without every price is dropped
        TradeMixPanel q = TradeMixPanel.of(ledger(sidx, 5), CFG);
        assertArrayEquals(new int[] {0, 2, 8, 9, 10, 11, 12, 13, 14, 15, 16}, q.ledgerRow());
        // 9 priced grid rows are not enough
        assertNull(TradeMixPanel.of(ledger(sidx, 5, 8, 9), CFG));
        assertTrue(p.submitted()[0]);
    }

    @Test
    void positionsAreClippedAndNanCountsAsSubmittedButFlat() {
        long[] sidx = new long[10 * 60];
        for (int i = 0; i < sidx.length; i++) sidx[i] = i;
        MultiAssetSeries s = ledger(sidx);
        short[] x = s.histBits();
        x[0] = Half.fromFloat(3f);
        x[1] = Half.fromFloat(Float.NaN);
        x[2] = Half.fromFloat(-7f);
        x[3] = 0;
        TradeMixPanel p = TradeMixPanel.of(s, CFG);
        assertEquals(1.0, p.p0(0, 0, 0));
        assertEquals(0.0, p.p0(0, 0, 1));
        assertEquals(-1.0, p.p0(0, 0, 2));
        assertTrue(p.submitted()[0]);
        java.util.Arrays.fill(x, 0, 4, (short) 0);
        x[1] = Half.fromFloat(Float.NaN);
        assertTrue(TradeMixPanel.of(s, CFG).submitted()[0], "NaN != 0 marks the row submitted");
    }

    @Test
    void benjaminiHochbergStepsUpAndKeepsTies() {
        // thresholds 0.01, 0.02, 0.03, 0.04, 0.05 against 0.001, 0.015, 0.025, 0.035, 0.5
        assertArrayEquals(new boolean[] {true, true, true, false, true},
                TradeMixPayment.bhGate(new double[] {0.035, 0.001, 0.025, 0.5, 0.015}, 0.05));
        // rank 0 alone fails (0.02 > 0.05/3) but rank 1 passes, which passes rank 0 too
        assertArrayEquals(new boolean[] {true, true, false},
                TradeMixPayment.bhGate(new double[] {0.02, 0.021, 0.9}, 0.05));
        assertArrayEquals(new boolean[] {false, false}, TradeMixPayment.bhGate(new double[] {0.06, 0.9}, 0.05));
        // equal p: stable order, both at ranks 0 and 1 (0.025 ≤ 0.05·2/2)
        assertArrayEquals(new boolean[] {true, true}, TradeMixPayment.bhGate(new double[] {0.05, 0.05}, 0.05));
    }

    @Test
    void capRedistributesTheExcessOnceAndTheRestIsBurned() {
        double[] s = {0.5, 0.3, 0.15, 0.05, 0.0};
        TradeMixPayment.capOnce(s, 0.2);
        // excess 0.4 to the uncapped positives pro rata (0.3 and 0.1) but each only up to the cap
        assertArrayEquals(new double[] {0.2, 0.2, 0.2, 0.15, 0.0}, s, 1e-15);
        double[] one = {0.7, 0.3};
        TradeMixPayment.capOnce(one, 0.2);
        assertArrayEquals(new double[] {0.2, 0.2}, one, 1e-15, "no second round: a single capped miner burns 0.6");
    }

    @Test
    void duplicateClusterSharesOneCredit() {
        // miners 0, 1, 2 nearly identical books, 3 apart; all gated, t ordered 3 > 0 > 1 > 2
        double[][] sim = {
                {1, 0.97, 0.96, 0.1},
                {0.97, 1, 0.99, 0.1},
                {0.96, 0.99, 1, 0.1},
                {0.1, 0.1, 0.1, 1}};
        double[] t = {5, 4, 3, 6};
        List<int[]> cl = TradeMixPayment.greedyClusters(sim, 0.95, t);
        assertEquals(2, cl.size());
        assertArrayEquals(new int[] {3}, cl.get(0));
        assertArrayEquals(new int[] {0, 1, 2}, cl.get(1));
        boolean[] gate = {true, true, false, true};
        double[] attr = {1.0, 2.0, 5.0, 1.0};
        double[] cov = {1, 1, 1, 1};
        double[] out = TradeMixPayment.channelShares(gate, t, attr, cov, cl, TradeMixConfig.defaults()
                .withCap(1.0));
        double r0 = TradeMixPayment.softplus(3) * 1.0, r1 = TradeMixPayment.softplus(2) * 2.0;
        double r3 = TradeMixPayment.softplus(4);
        double each = (r0 + r1) / 4; // Σraw / g², g = 2 paid members (miner 2 is not gated)
        double tot = 2 * each + r3;
        assertEquals(each / tot, out[0], 1e-15);
        assertEquals(each / tot, out[1], 1e-15);
        assertEquals(0.0, out[2]);
        assertEquals(r3 / tot, out[3], 1e-15);
        assertEquals(0.0, out[4], 1e-15);
        double[] nobody = TradeMixPayment.channelShares(new boolean[4], t, attr, cov, cl, TradeMixConfig.defaults());
        assertArrayEquals(new double[] {0, 0, 0, 0, 1}, nobody);
    }

    @Test
    void seniorityTieBreakIsPythonStringOrder() {
        // U+FF61 sorts before U+1F600 by code point, after it in UTF-16 (surrogate 0xD83D < 0xFF61)
        assertArrayEquals(new int[] {1, 2, 0, 3}, // String.compareTo would give {1, 3, 0, 2}
                TradeMixScorer.lexRanks(List.of("b", "\uFF61", "a", "\uD83D\uDE00")));
    }

    @Test
    void softplusIsStable() {
        assertEquals(Math.log(2), TradeMixPayment.softplus(0), 1e-16);
        assertEquals(800.0, TradeMixPayment.softplus(800));
        assertEquals(Math.exp(-800), TradeMixPayment.softplus(-800), 1e-320);
        assertEquals(Math.log1p(Math.exp(1.5)), TradeMixPayment.softplus(1.5), 1e-15);
    }

    @Test
    void seniorityResidualisesJuniorsInOrderOfFirstSubmissionThenHotkeyRank() {
        // books of 3 hours × 2 assets; base, other and w mutually orthogonal
        double[] base = {1, 2, -1, 0.5, 0, 1};
        double[] other = {0, 0, 0, 0, 1, 0};
        double[] w = {2, -1, 0, 0, 0, 0};
        double[] mix = base.clone();
        mix[4] += 3;                                      // base + 3·other
        double[] near = w.clone();
        for (int k = 0; k < 6; k++) near[k] += 0.05 * base[k];   // |cos| with base ≈ 0.07 < 0.2
        double[][] q = {base.clone(), base.clone(), other.clone(), mix.clone(), near.clone()};
        double[][] sim = TradeMixScorer.cosines(q, 3, 2, 0);
        assertTrue(Math.abs(sim[1][4]) < 0.2 && Math.abs(sim[2][4]) < 0.2 && Math.abs(sim[2][3]) >= 0.2);
        // columns 0 and 1 started together: the tie goes to the lower hotkey rank (column 1); 2 is first in time
        int[] first = {4, 4, 0, 9, 9};
        int[] rank = {2, 0, 1, 3, 4};
        double[][] out = TradeMixScorer.seniorityResidualize(q, sim, first, rank, 0.2);
        assertArrayEquals(base, out[1], "the senior of the tie keeps its book");
        assertArrayEquals(other, out[2], "the oldest miner keeps its book");
        for (double v : out[0]) assertEquals(0.0, v, "an exact copy is projected to exactly zero");
        for (double v : out[3]) assertEquals(0.0, v, "off other (older) first, then off base: nothing left");
        assertArrayEquals(near, out[4], "below |cos| 0.2 with every senior: untouched");
        // with the ranks swapped, column 0 is the senior and column 1 the copy
        double[][] swapped = TradeMixScorer.seniorityResidualize(q, sim, first, new int[] {0, 2, 1, 3, 4}, 0.2);
        assertArrayEquals(base, swapped[0]);
        for (double v : swapped[1]) assertEquals(0.0, v);
    }

    @Test
    void forwardSumsBlankTheWarmUpAndTheTail() {
        double[] y = {1, 2, 3, 4, 5};
        assertArrayEquals(new double[] {0, 7, 9, 0, 0}, TradeMixEvidence.forwardSum(y, 5, 1, 2, 1));
    }

    @Test
    void evidenceOfAFlatBookIsZeroAndOfTheLabelItselfStrong() {
        int n = 400;
        double[] s0 = new double[n];
        assertArrayEquals(new double[] {0.0, 1.0}, TradeMixEvidence.evidenceT(new double[][] {s0}, new double[] {1},
                96));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(2);
        double[] s = new double[n];
        for (int k = 0; k < n; k++) s[k] = rnd.nextGaussian();
        s[0] = 10;
        double[] tp = TradeMixEvidence.evidenceT(new double[][] {s}, new double[] {1}, 96);
        assertTrue(tp[0] > 5, "t " + tp[0]);
        assertEquals(Math.max(0.5 * io.tao4j.mantis.salience.math.Erfc.erfc(tp[0] / Math.sqrt(2)), 1e-12), tp[1],
                "t > 0: the normal tail (floored at 1e-12) when below p_emp = 1/(1 + " + (n - 191) + ")");
        s[0] = -10;
        double[] neg = TradeMixEvidence.evidenceT(new double[][] {s}, new double[] {1}, 96);
        assertTrue(neg[0] < -5);
        assertEquals(1.0, neg[1], "t ≤ 0: p_emp, every null value is ≥ the observed one");
        assertArrayEquals(new double[] {0.0, 1.0}, TradeMixEvidence.evidenceT(new double[][] {new double[250]},
                new double[] {1}, 96), "fewer than 3 × minShift rows");
    }

    @Test
    void syntheticLedgerPaysSkillAndNotCopiesAbsenteesOrLateComers() {
        MultiAssetSeries s = TradeMixSynthetic.series(16, 26, 11);
        Map<String, Double> out = TradeMixScorer.score(s, P);
        assertEquals(out, TradeMixScorer.score(s, P), "deterministic");
        assertEquals(1.0, out.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        TradeMixScorer.Epoch e = TradeMixScorer.epoch(s, CFG);
        List<String> hk = s.hotkeys();
        for (int i = 0; i < hk.size(); i++) {
            double v = out.getOrDefault(hk.get(i), 0.0);
            assertTrue(v <= 0.2 + 1e-12, hk.get(i) + " over the cap: " + v);
            switch (i % 8) {
                case 1 -> assertFalse(e.gateRv()[i], "an exact copy has no RV evidence of its own");
                case 4, 5 -> assertEquals(0.0, v, "absent / still on probation");
                default -> { }
            }
        }
        assertTrue(e.gateRv()[0] && e.gateRv()[8], "the informed miners pass the RV gate");
        assertTrue(out.get(hk.get(0)) > 0 && out.get(hk.get(8)) > 0);
        assertEquals(0.0, e.tRv()[1], "the copy's residual book is exactly zero");
        assertEquals(1.0, e.pRv()[1]);
    }
}
