package io.tao4j.chain.subtensor;

import io.tao4j.chain.ChainException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Expected values follow bittensor v9.12.2 {@code convert_weights_and_uids_for_emit}: float32 weights, max-upscale,
 * round-half-to-even of w/max·65535, zeros dropped.
 */
class WeightConversionTest {
    @Test
    void maxUpscaleAndRounding() {
        var e = WeightConversion.convert(new int[]{0, 1, 2}, new double[]{0.5, 1.0, 0.25});
        assertThat(e.uids()).containsExactly(0, 1, 2);
        // 0.5·65535 = 32767.5 → 32768 (half to even), 0.25·65535 = 16383.75 → 16384
        assertThat(e.weights()).containsExactly(32768, 65535, 16384);
        assertThat(WeightConversion.convert(new int[]{7}, new double[]{1.0}).weights()).containsExactly(65535);
        // LFC burn: [burn_uid] [1.0]; scale does not matter
        assertThat(WeightConversion.convert(new int[]{4}, new double[]{3.0}).weights()).containsExactly(65535);
    }

    @Test
    void float32AndZeroDropping() {
        // 1e-6 / 1 · 65535 = 0.0655 → 0 → dropped with its uid
        var e = WeightConversion.convert(new int[]{3, 9}, new double[]{1e-6, 2.0});
        assertThat(e.uids()).containsExactly(9);
        assertThat(e.weights()).containsExactly(65535);
        // 0.1 as float32 is 0.10000000149…, ·65535 = 6553.50009… → 6554
        assertThat(WeightConversion.convert(new int[]{0, 1}, new double[]{0.1, 1.0}).weights()).containsExactly(6554, 65535);
    }

    @Test
    void sortedByUidEmptyAndErrors() {
        var e = WeightConversion.convert(new int[]{5, 1}, new double[]{1, 1});
        assertThat(e.uids()).containsExactly(1, 5);
        assertThat(WeightConversion.convert(new int[]{1, 2}, new double[]{0, 0}).isEmpty()).isTrue();
        assertThatThrownBy(() -> WeightConversion.convert(new int[]{1}, new double[]{-1})).isInstanceOf(ChainException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> WeightConversion.convert(new int[]{1, 2}, new double[]{1})).hasMessageContaining("same length");
        assertThatThrownBy(() -> WeightConversion.convert(new int[]{1, 1}, new double[]{1, 1})).hasMessageContaining("uid 1");
        assertThatThrownBy(() -> WeightConversion.convert(new int[]{1}, new double[]{Double.NaN})).hasMessageContaining("finite");
    }

    @Test
    void sdkVersionKey() {
        assertThat(WeightConversion.versionAsInt("9.12.2")).isEqualTo(9012002L).isEqualTo(WeightConversion.SDK_VERSION_KEY);
        assertThat(WeightConversion.versionAsInt("10.2.0")).isEqualTo(10002000L);
    }
}
