package io.tao4j.mantis.validator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WeightCalculatorTest {
    static final List<Integer> UIDS = List.of(0, 1, 2, 3, 4);
    static final List<String> HKS = List.of("owner", "val", "m1", "m2", "m3");

    @Test
    void matureMinersShareBySalienceAndYoungOnesGetTheFixedShare() {
        // m1 and m2 mature, m3 first seen 1 000 blocks ago: young
        var out = WeightCalculator.compute(Map.of("m1", 3.0, "m2", 1.0, "m3", 5.0, "stranger", 9.0), UIDS, HKS,
                Map.of("m1", 1_000L, "m2", 2_000L, "m3", 99_000L), 100_000);
        assertThat(out).isInstanceOf(WeightCalculator.Weights.class);
        var w = (WeightCalculator.Weights) out;
        assertThat(w.youngUids()).containsExactly(4);
        double mature = 1 - 0.0001;
        assertThat(w.weights()[2]).isCloseTo((float) (0.75 * mature), within(1e-6f));
        assertThat(w.weights()[3]).isCloseTo((float) (0.25 * mature), within(1e-6f));
        assertThat(w.weights()[4]).isCloseTo(0.0001f, within(1e-7f));
        assertThat(w.weights()[0]).isZero();
        double sum = 0;
        for (float x : w.weights()) {
            sum += x;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void emptyOrForeignSalienceSetsNothing() {
        assertThat(WeightCalculator.compute(Map.of(), UIDS, HKS, Map.of(), 1)).isInstanceOf(WeightCalculator.Skipped.class);
        assertThat(WeightCalculator.compute(Map.of("nobody", 1.0), UIDS, HKS, Map.of(), 1)).isInstanceOf(WeightCalculator.Skipped.class);
    }

    @Test
    void degenerateResultsAreRefused() {
        var uniform = WeightCalculator.compute(Map.of("m1", 1.0, "m2", 1.0, "m3", 1.0), UIDS, HKS, Map.of(), 100_000);
        assertThat(uniform).isInstanceOf(WeightCalculator.Skipped.class);
        assertThat(((WeightCalculator.Skipped) uniform).reason()).contains("uniform");
        var near = WeightCalculator.compute(Map.of("m1", 1.0, "m2", 1.0000005, "m3", 0.9999995), UIDS, HKS, Map.of(), 100_000);
        assertThat(near).isInstanceOf(WeightCalculator.Skipped.class);
        // only young miners: everyone gets 0.0001 -> uniform -> refused, as the reference does
        var allYoung = WeightCalculator.compute(Map.of("m1", 2.0, "m2", 1.0), UIDS, HKS, Map.of("m1", 99_500L, "m2", 99_600L), 100_000);
        assertThat(allYoung).isInstanceOf(WeightCalculator.Skipped.class);
        // a single non-zero weight is one distinct value too: the reference refuses it as well
        assertThat(WeightCalculator.compute(Map.of("m1", 1.0), UIDS, HKS, Map.of(), 100_000)).isInstanceOf(WeightCalculator.Skipped.class);
    }
}
