package io.tao4j.mantis.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RangeBreakoutTrackerTest {
    /** Lookback 100 blocks = 20 samples (10 needed), barrier 25 % of the range, min range 1 %, pending ≤ 100 blocks. */
    private static RangeBreakoutTracker small() {
        return new RangeBreakoutTracker("BTC", 100, 25.0, 1.0, 100, 5);
    }

    /** 20 samples alternating 100 / 102: range [100, 102]. */
    private static long base(RangeBreakoutTracker t) {
        long sidx = 1000;
        for (int i = 0; i < 20; i++, sidx++) {
            t.step(sidx, sidx * 5, i % 2 == 0 ? 100 : 102);
        }
        assertThat(t.pendingHigh()).isNull();
        assertThat(t.pendingLow()).isNull();
        return sidx;
    }

    @Test
    void upwardBreakoutThatContinues() {
        RangeBreakoutTracker t = small();
        long s = base(t);
        t.step(s, s * 5, 104);
        assertThat(t.pendingHigh()).isNotNull();
        assertThat(t.pendingHigh().continuationBarrier()).isEqualTo(104.5); // 104 + 0.25 × (102 − 100)
        assertThat(t.pendingHigh().reversalBarrier()).isEqualTo(103.5);
        t.step(s + 1, (s + 1) * 5, 104.2); // between the barriers: still pending
        assertThat(t.completed()).isEmpty();
        t.step(s + 2, (s + 2) * 5, 104.5);
        assertThat(t.pendingHigh()).isNull();
        assertThat(t.completed()).singleElement().satisfies(c -> {
            assertThat(c.direction()).isEqualTo(1);
            assertThat(c.label()).isEqualTo(1);
            assertThat(c.triggerSidx()).isEqualTo(s);
            assertThat(c.resolutionBlock()).isEqualTo((s + 2) * 5);
        });
    }

    @Test
    void downwardBreakoutThatReverses() {
        RangeBreakoutTracker t = small();
        long s = base(t);
        t.step(s, s * 5, 98);
        assertThat(t.pendingLow()).isNotNull();
        assertThat(t.pendingLow().continuationBarrier()).isEqualTo(97.5);
        t.step(s + 1, (s + 1) * 5, 98.5);
        assertThat(t.completed()).singleElement().satisfies(c -> {
            assertThat(c.direction()).isEqualTo(-1);
            assertThat(c.label()).isZero();
        });
    }

    @Test
    void narrowRangeOrTooFewSamplesDoNotTrigger() {
        RangeBreakoutTracker t = small();
        for (long s = 0; s < 9; s++) {
            t.step(1000 + s, (1000 + s) * 5, s % 2 == 0 ? 100 : 102);
        }
        t.step(1009, 1009 * 5, 110); // 9 samples in the window, 10 needed
        assertThat(t.pendingHigh()).isNull();
        RangeBreakoutTracker n = small();
        for (long s = 0; s < 20; s++) {
            n.step(1000 + s, (1000 + s) * 5, s % 2 == 0 ? 100 : 100.5); // range 0.5 < 1 % of the price
        }
        n.step(1020, 1020 * 5, 101);
        assertThat(n.pendingHigh()).isNull();
    }

    @Test
    void aPendingBreakoutExpiresAfterMaxPendingBlocks() {
        RangeBreakoutTracker t = small();
        long s = base(t);
        t.step(s, s * 5, 104);
        for (long k = 1; k <= 20; k++) {
            t.step(s + k, (s + k) * 5, 104.2); // 100 blocks later: not yet stale (> 100 needed)
        }
        assertThat(t.pendingHigh()).isNotNull();
        t.step(s + 21, (s + 21) * 5, 104.2);
        assertThat(t.pendingHigh()).isNull();
        assertThat(t.completed()).isEmpty();
    }

    @Test
    void matchesTheReferenceTrackerStepForStepAndThroughItsJson() throws Exception {
        JsonNode v;
        try (InputStream in = getClass().getResourceAsStream("/ledger/head/tracker_vectors.json")) {
            v = new ObjectMapper().readTree(in);
        }
        JsonNode p = v.get("params");
        RangeBreakoutTracker t = new RangeBreakoutTracker("BTC", p.get(0).asInt(), p.get(1).asDouble(),
                p.get(2).asDouble(), p.get(3).asLong(), 5);
        int check = v.get("checkpoint").asInt();
        RangeBreakoutTracker restored = null;
        for (int i = 0; i < v.get("prices").size(); i++) {
            double price = v.get("prices").get(i).asDouble();
            long block = v.get("blocks").get(i).asLong();
            for (RangeBreakoutTracker x : restored == null ? List.of(t) : List.of(t, restored)) {
                if (price > 0) {
                    x.step(block / 5, block, price);
                }
            }
            if (i == check) {
                assertThat(t.toJson(true)).isEqualTo(v.get("state_at_checkpoint").asText());
                restored = RangeBreakoutTracker.fromJson(v.get("state_at_checkpoint").asText(), p.get(0).asInt(),
                        p.get(1).asDouble(), p.get(2).asDouble(), 5);
            }
        }
        assertThat(t.completed()).hasSize(v.get("completed").asInt());
        assertThat(t.toJson(true)).isEqualTo(v.get("state_at_end").asText());
        assertThat(restored.toJson(true)).isEqualTo(v.get("restored_state_at_end").asText());
    }

    @Test
    void aValidatorRestartedInTheMiddleOfAPendingBreakoutResolvesItAsAnUninterruptedOne(@TempDir Path dir) {
        int need = 28_800 / 5 / 2; // bcff57b: half of the 5760-sample lookback
        Map<String, Double> prices = new HashMap<>();
        long block = 7_000_000;
        Path db = dir.resolve("ledger.db");
        RangeBreakoutTracker ref = new RangeBreakoutTracker("BTC", 28_800, 25.0, 1.0, 43_200, 5);
        Ledger l = Ledger.open(db, Protocol.BCFF57B);
        for (int i = 0; i < need; i++, block += 5) {
            double p = i % 2 == 0 ? 100 : 102;
            prices.put("BTC", p);
            l.appendStep(block, prices, Map.of(), Map.of());
            ref.step(block / 5, block, p);
        }
        prices.put("BTC", 104.0);
        l.appendStep(block, prices, Map.of(), Map.of());
        ref.step(block / 5, block, 104);
        block += 5;
        assertThat(l.breakoutTrackers().get("BTC").pendingHigh()).isNotNull();
        l.close(); // restart with the breakout pending
        try (Ledger again = Ledger.open(db, Protocol.BCFF57B)) {
            RangeBreakoutTracker t = again.breakoutTrackers().get("BTC");
            assertThat(t.pendingHigh()).isNotNull();
            assertThat(t.pendingHigh().triggerSidx()).isEqualTo(ref.pendingHigh().triggerSidx());
            assertThat(t.historySize()).isEqualTo(ref.historySize());
            for (double p : new double[]{104.2, 103.9, 104.5}) {
                prices.put("BTC", p);
                again.appendStep(block, prices, Map.of(), Map.of());
                ref.step(block / 5, block, p);
                block += 5;
            }
            assertThat(t.completed()).singleElement().satisfies(c -> assertThat(c.label()).isEqualTo(1));
            assertThat(t.toJson(true)).isEqualTo(ref.toJson(true));
        }
        try (Ledger third = Ledger.open(db, Protocol.BCFF57B)) {
            assertThat(third.breakoutTrackers().get("BTC").toJson(true)).isEqualTo(ref.toJson(true));
        }
    }
}
