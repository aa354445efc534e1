package io.tao4j.mantis.validator;

import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** HEAD's weight rules (spec §3.3), one row per rule. */
class WeightCalculatorHeadTest {
    static final List<Integer> UIDS = List.of(0, 1, 2, 3, 4);
    static final List<String> HKS = List.of("owner", "val", "m1", "m2", "m3");
    static final long BLOCK = 100_000;
    static final Map<String, Long> OLD = Map.of("owner", 1L, "val", 1L, "m1", 1L, "m2", 1L, "m3", 1L);

    static Stream<Arguments> rules() {
        return Stream.of(
                // rule, salience, first blocks, expected vector over UIDS
                Arguments.of("35 % burn to UID 0 after normalising", Map.of("m1", 3.0, "m2", 1.0), OLD,
                        new double[] {0.35, 0, 0.4875, 0.1625, 0}),
                Arguments.of("__burn__ (TRADE-MIX pool) routed to UID 0", Map.of("m1", 0.5, "__burn__", 0.5), OLD,
                        new double[] {0.675, 0, 0.325, 0, 0}),
                Arguments.of("saliences on one UID add up (owner hotkey + __burn__)",
                        Map.of("owner", 0.2, "__burn__", 0.2, "m1", 0.6), OLD, new double[] {0.61, 0, 0.39, 0, 0}),
                Arguments.of("young UID gets 0.0001 before the burn", Map.of("m1", 1.0, "m3", 1.0),
                        Map.of("m1", 1L, "m3", BLOCK - 100), new double[] {0.35, 0, 0.9999 * 0.65, 0, 0.0001 * 0.65}),
                Arguments.of("young UID without salience still gets 0.0001", Map.of("m1", 1.0),
                        Map.of("m1", 1L, "m2", BLOCK - 35_999), new double[] {0.35, 0, 0.9999 * 0.65, 0.0001 * 0.65, 0}),
                Arguments.of("36 000 blocks old is mature", Map.of("m1", 1.0, "m2", 1.0),
                        Map.of("m1", 1L, "m2", BLOCK - 36_000), new double[] {0.35, 0, 0.325, 0.325, 0}),
                Arguments.of("hotkeys not in the metagraph are dropped", Map.of("m1", 1.0, "stranger", 5.0), OLD,
                        new double[] {0.35, 0, 0.65, 0, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rule(String name, Map<String, Double> sal, Map<String, Long> first, double[] want) {
        var out = WeightCalculator.compute(Protocol.BCFF57B, sal, UIDS, HKS, first, BLOCK, Optional.empty());
        assertThat(out).isInstanceOf(WeightCalculator.HeadWeights.class);
        float[] w = ((WeightCalculator.HeadWeights) out).weights().weights();
        for (int i = 0; i < want.length; i++) assertThat((double) w[i]).as(name + " uid " + i).isCloseTo(want[i], within(1e-6));
    }

    @Test
    void degenerateVectorsAreSkipped() {
        // only UID 0 left: one distinct non-zero value
        assertThat(WeightCalculator.compute(Protocol.BCFF57B, Map.of("owner", 1.0), UIDS, HKS, OLD, BLOCK, Optional.empty()))
                .isInstanceOf(WeightCalculator.Skipped.class);
        assertThat(WeightCalculator.compute(Protocol.BCFF57B, Map.of(), UIDS, HKS, OLD, BLOCK, Optional.empty()))
                .isInstanceOf(WeightCalculator.Skipped.class);
        // std/mean below 0.001 with torch's n-1 std: three equal-ish values
        assertThat(WeightCalculator.degenerate(new float[] {0.3333f, 0.33331f, 0.33329f})).contains("near-uniform");
        assertThat(WeightCalculator.degenerate(new float[] {0.3f, 0.31f, 0.39f})).isNull();
        assertThat(WeightCalculator.degenerate(new float[] {0.5f, 0f, 0.5f})).contains("uniform");
    }

    @Test
    void emaKeyedByHotkeyFollowsTheHotkeyAcrossUids() {
        // the saved vector had owner 0.5 and m2 0.5 on other uids
        var prev = new EmaState.Saved(99_000, List.of(7, 8, 9, 10, 11), List.of("owner", "val", "m2", "m1", "m3"),
                new float[] {0.5f, 0, 0.5f, 0, 0});
        var out = (WeightCalculator.HeadWeights) WeightCalculator.compute(Protocol.BCFF57B, Map.of("m1", 3.0, "m2", 1.0),
                UIDS, HKS, OLD, BLOCK, Optional.of(prev));
        float[] w = out.weights().weights();
        assertThat((double) w[0]).isCloseTo(0.3 * 0.35 + 0.7 * 0.5, within(1e-6));
        assertThat((double) w[2]).isCloseTo(0.3 * 0.4875, within(1e-6));
        assertThat((double) w[3]).isCloseTo(0.3 * 0.1625 + 0.7 * 0.5, within(1e-6));
        assertThat(out.state().hotkeys()).isEqualTo(HKS);
        assertThat(out.state().block()).isEqualTo(BLOCK);
        assertThat(out.state().weights()).containsExactly(w);
    }

    @Test
    void emaKeyedByUidWithoutSavedHotkeys() {
        var prev = new EmaState.Saved(99_000, UIDS, null, new float[] {1f, 0, 0, 0, 0});
        var out = (WeightCalculator.HeadWeights) WeightCalculator.compute(Protocol.BCFF57B, Map.of("m1", 3.0, "m2", 1.0),
                UIDS, HKS, OLD, BLOCK, Optional.of(prev));
        float[] w = out.weights().weights();
        assertThat((double) w[0]).isCloseTo(0.3 * 0.35 + 0.7, within(1e-6));
        assertThat((double) w[2]).isCloseTo(0.3 * 0.4875, within(1e-6));
        assertThat((double) w[3]).isCloseTo(0.3 * 0.1625, within(1e-6));
    }

    @Test
    void protocol2e9bc5bHasNoBurnAndNoEma() {
        var prev = new EmaState.Saved(99_000, UIDS, null, new float[] {1f, 0, 0, 0, 0});
        var out = WeightCalculator.compute(Protocol.P2E9BC5B, Map.of("m1", 3.0, "m2", 1.0), UIDS, HKS, OLD, BLOCK,
                Optional.of(prev));
        assertThat(out).isInstanceOf(WeightCalculator.Weights.class);
        float[] w = ((WeightCalculator.Weights) out).weights();
        assertThat(w[0]).isZero();
        assertThat((double) w[2]).isCloseTo(0.75, within(1e-7));
        assertThat((double) w[3]).isCloseTo(0.25, within(1e-7));
    }

    @Test
    void emitQuantisesLikeTheSdk() {
        var out = (WeightCalculator.HeadWeights) WeightCalculator.compute(Protocol.BCFF57B, Map.of("m1", 3.0, "m2", 1.0),
                UIDS, HKS, OLD, BLOCK, Optional.empty());
        var e = WeightCalculator.emit(out.weights());
        assertThat(e.uids()).containsExactly(0, 2, 3);
        assertThat(e.weights()).containsExactly(47051, 65535, 21845);
    }
}
