package io.tao4j.mantis.ledger;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The incremental range window gives the trackers exactly what the reference's scan of the history gives. */
class RangeWindowTest {
    @Test
    void incrementalRangesTriggerAndResolveExactlyAsTheScan() {
        // lookback 500 blocks = 100 samples (50 needed), barrier 25 %, min range 1 %, pending ≤ 2000 blocks
        RangeBreakoutTracker fast = new RangeBreakoutTracker("SOL", 500, 25.0, 1.0, 2000, 5);
        RangeBreakoutTracker scan = new RangeBreakoutTracker("SOL", 500, 25.0, 1.0, 2000, 5);
        scan.scanRanges();
        SplittableRandom r = new SplittableRandom(11);
        double logP = Math.log(100);
        long sidx = -40_000;
        for (int i = 0; i < 30_000; i++) {
            sidx += r.nextInt(8) == 0 ? 2 : 1; // now and then a missed step
            logP += 0.004 * (r.nextDouble() - 0.5) + (r.nextInt(400) == 0 ? 0.05 * (r.nextBoolean() ? 1 : -1) : 0);
            double p = r.nextInt(50) == 0 ? 0.0 : Math.exp(logP); // a missing price: skipped by both
            fast.step(sidx, sidx * 5, p);
            scan.step(sidx, sidx * 5, p);
            assertThat(fast.pendingHigh()).isEqualTo(scan.pendingHigh());
            assertThat(fast.pendingLow()).isEqualTo(scan.pendingLow());
        }
        assertThat(fast.completed()).hasSizeGreaterThan(50).isEqualTo(scan.completed());
        assertThat(fast.toJson(true)).isEqualTo(scan.toJson(true));
    }

    @Test
    void aRestoredTrackerKeepsTheSameRanges() {
        RangeBreakoutTracker a = new RangeBreakoutTracker("BTC", 500, 25.0, 1.0, 2000, 5);
        SplittableRandom r = new SplittableRandom(5);
        double logP = Math.log(50_000);
        long sidx = 0;
        RangeBreakoutTracker b = null;
        for (int i = 0; i < 6_000; i++) {
            sidx++;
            logP += 0.004 * (r.nextDouble() - 0.5);
            if (i == 3_000) {
                b = RangeBreakoutTracker.fromJson(a.toJson(true), 500, 25.0, 1.0, 5);
            }
            a.step(sidx, sidx * 5, Math.exp(logP));
            if (b != null) {
                b.step(sidx, sidx * 5, Math.exp(logP));
            }
        }
        assertThat(b.completed()).isNotEmpty().isEqualTo(a.completed());
    }
}
