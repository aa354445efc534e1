package io.tao4j.lfc;

import io.tao4j.chain.events.DispatchErrorInfo;
import io.tao4j.chain.subtensor.SetWeightsResult;
import io.tao4j.chain.tx.TxOutcome;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure decisions: failure classes, alert rate limits, epoch boundaries, sweep plans. */
class DecisionsTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void textClassificationFollowsTheReference() {
        assertThat(FailureClassifier.classify("No attempt made. Perhaps it is too soon to commit weights!")).isEqualTo(FailureType.BENIGN);
        assertThat(FailureClassifier.classify("too soon to commit")).isEqualTo(FailureType.BENIGN);
        assertThat(FailureClassifier.classify("RecursionError: maximum recursion depth exceeded")).isEqualTo(FailureType.CRITICAL);
        assertThat(FailureClassifier.classify("Subtensor returned: Invalid Transaction")).isEqualTo(FailureType.CRITICAL);
        assertThat(FailureClassifier.classify("connection reset")).isEqualTo(FailureType.UNKNOWN);
        assertThat(FailureClassifier.classify((String) null)).isEqualTo(FailureType.UNKNOWN);
    }

    @Test
    void structuredRateLimitsAreBenignOtherRejectionsCritical() {
        var tooSoon = new SetWeightsResult(false, SetWeightsResult.Status.TOO_SOON, "x", null);
        assertThat(FailureClassifier.classify(tooSoon)).isEqualTo(FailureType.BENIGN);
        var rateLimited = new TxOutcome.Rejected("0x", 1010, "Invalid Transaction", "Custom error: 6", 6, "RateLimitExceeded");
        assertThat(FailureClassifier.classify(new SetWeightsResult(false, SetWeightsResult.Status.REJECTED, rateLimited.message(), rateLimited)))
                .isEqualTo(FailureType.BENIGN);
        var badProof = new TxOutcome.Rejected("0x", 1010, "Invalid Transaction", "Transaction has a bad signature", null, null);
        assertThat(FailureClassifier.classify(new SetWeightsResult(false, SetWeightsResult.Status.REJECTED, badProof.message(), badProof)))
                .isEqualTo(FailureType.CRITICAL);
        var tooFast = new TxOutcome.Included("0x", "0xb", true, 1, List.of(),
                new DispatchErrorInfo("Module", "SubtensorModule", "SettingWeightsTooFast", List.of(), 7, 0, null));
        assertThat(FailureClassifier.classify(new SetWeightsResult(false, SetWeightsResult.Status.FAILED, "x", tooFast)))
                .isEqualTo(FailureType.BENIGN);
        var other = new TxOutcome.Included("0x", "0xb", true, 1, List.of(),
                new DispatchErrorInfo("Module", "SubtensorModule", "UidVecContainInvalidOne", List.of(), 7, 0, null));
        assertThat(FailureClassifier.classify(new SetWeightsResult(false, SetWeightsResult.Status.FAILED, "x", other)))
                .isEqualTo(FailureType.UNKNOWN);
    }

    @Test
    void alertRules() {
        // the pure rule, case by case
        assertThat(AlertPolicy.shouldAlert(FailureType.CRITICAL, 1, 10, 5)).isTrue();
        assertThat(AlertPolicy.shouldAlert(FailureType.UNKNOWN, 1, 10, 10_000)).isFalse();
        assertThat(AlertPolicy.shouldAlert(FailureType.UNKNOWN, 2, 10, 10_000)).isTrue();
        assertThat(AlertPolicy.shouldAlert(FailureType.UNKNOWN, 5, 10, 599)).isFalse();
        assertThat(AlertPolicy.shouldAlert(FailureType.BENIGN, 9, 3599, 10_000)).isFalse();
        assertThat(AlertPolicy.shouldAlert(FailureType.BENIGN, 9, 3601, 1)).isTrue();
        assertThat(AlertPolicy.shouldAlert(FailureType.BENIGN, 1, 7201, 1)).isTrue();
    }

    @Test
    void alertPolicyTracksConsecutiveFailuresAndRecovery() {
        ManualClock clock = new ManualClock();
        AlertPolicy p = new AlertPolicy(clock);
        assertThat(p.recordFailure(FailureType.UNKNOWN).alert()).isFalse();
        AlertPolicy.Decision second = p.recordFailure(FailureType.UNKNOWN);
        assertThat(second.alert()).isTrue();
        assertThat(second.consecutiveFailures()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(5));
        assertThat(p.recordFailure(FailureType.UNKNOWN).alert()).as("within 10 min of the last alert").isFalse();
        assertThat(p.recordFailure(FailureType.CRITICAL).alert()).as("critical is never rate limited").isTrue();
        assertThat(p.recordSuccess()).as("recovery after a critical failure").isTrue();
        assertThat(p.recordSuccess()).isFalse();
        clock.advance(Duration.ofMinutes(61));
        assertThat(p.recordFailure(FailureType.BENIGN).alert()).as("benign after 1 h without success").isTrue();
        assertThat(p.recordSuccess()).as("no recovery message without a critical failure").isFalse();
    }

    @Test
    void epochWatcherFiresAtTheNextStartAndRecomputes() {
        Deque<Long> blocks = new ArrayDeque<>(List.of(10L, 20L, 21L, 22L, 41L, 42L));
        long[] current = {0};
        EpochWatcher w = new EpochWatcher(() -> current[0] = blocks.isEmpty() ? current[0] : blocks.poll(),
                b -> (b / 21 + 1) * 21, () -> 20);
        assertThat(w.start()).isEqualTo(21);  // from block 10
        assertThat(w.poll()).isFalse();       // 20
        assertThat(w.poll()).isTrue();        // 21
        assertThat(w.nextStart()).isEqualTo(42);
        assertThat(w.poll()).isFalse();       // 22
        assertThat(w.poll()).isFalse();       // 41
        assertThat(w.poll()).isTrue();        // 42
    }

    @Test
    void epochWatcherFallsBackToTempo() {
        Deque<Long> blocks = new ArrayDeque<>(List.of(5L, 15L, 19L, 20L, 21L, 40L));
        EpochWatcher w = new EpochWatcher(blocks::poll, b -> null, () -> 20);
        assertThat(w.start()).isNull();       // 5
        assertThat(w.poll()).isFalse();       // 15: first index remembered
        assertThat(w.poll()).isFalse();       // 19
        assertThat(w.poll()).isTrue();        // 20: index 1
        assertThat(w.poll()).isFalse();       // 21
        assertThat(w.poll()).isTrue();        // 40: index 2
    }

    @Test
    void sweepPlans() {
        assertThat(SweepPlanner.sweep("a", "a", 5L).skipReason()).contains("is the aggregator");
        assertThat(SweepPlanner.sweep("a", "b", 0L).skipReason()).contains("no stake");
        assertThat(SweepPlanner.sweep("a", "b", null).skipReason()).contains("could not be read");
        assertThat(SweepPlanner.sweep("", "b", 3L).acts()).isFalse();
        assertThat(SweepPlanner.sweep("a", "b", 7L)).isEqualTo(SweepPlanner.Plan.act(7));
        assertThat(SweepPlanner.transfer(0L).acts()).isFalse();
        assertThat(SweepPlanner.transfer(9L).amount()).isEqualTo(9);
        assertThat(SweepPlanner.alpha(1_500_000_000L)).isEqualTo("1.500000000 α");
    }

    @Test
    void configsRejectBadValuesByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LfcWeightValidator.Config(35, 2, 0, Duration.ofSeconds(1), Duration.ofSeconds(1), false))
                .hasMessageContaining("--set_weights_interval");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Sweeper.Config(35, "x", "not-an-address",
                        "5HLBDbdKfPCPKW33sPPyut8dPRTXA413Yp4ZRBgVKfrk4PcD", false, false, Duration.ofSeconds(1)))
                .hasMessageContaining("--aggregator-hotkey is not a valid SS58 address");
    }

    @Test
    void plannerSkipsAmountsUnderTheMinimumStakeMove() {
        assertThat(SweepPlanner.sweep("m", "a", 1_999_999L, 2_000_000L).acts()).isFalse();
        assertThat(SweepPlanner.sweep("m", "a", 1_999_999L, 2_000_000L).skipReason())
                .isEqualTo("0.001999999 α is below the chain's minimum stake movement of 0.002000000 α; left for a later epoch");
        assertThat(SweepPlanner.sweep("m", "a", 2_000_000L, 2_000_000L).amount()).isEqualTo(2_000_000L);
        assertThat(SweepPlanner.transfer(5L, 2_000_000L).acts()).isFalse();
        assertThat(SweepPlanner.transfer(0L, 2_000_000L).skipReason()).isEqualTo("aggregator hotkey holds no stake");
        assertThat(SweepPlanner.transfer(3_000_000L, 2_000_000L).amount()).isEqualTo(3_000_000L);
    }
}
