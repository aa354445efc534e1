package io.tao4j.chain.tx;

import io.tao4j.crypto.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mortal era examples from subtensor_golden_vectors.txt §4 and spec §6.4 (checked there with polkadot-js). */
class EraTest {
    @ParameterizedTest
    @CsvSource({
            "32, 6852690, 0x2401, 6852690",
            "64, 42, 0xa502, 42",
            "64, 6852690, 0x2501, 6852690",
            "128, 7000000, 0x0604, 7000000",
            "256, 9233529, 0x9707, 9233529",
            "100, 1000, 0x8606, 1000",  // polkadot-js ExtrinsicEra {current: 1000, period: 100}
    })
    void encodesLikeSubstrate(long period, long current, String hex, long birth) {
        Era e = Era.mortal(period, current);
        assertThat(Hex.encode0x(e.encode())).isEqualTo(hex);
        assertThat(e.birth(current)).isEqualTo(birth);
        assertThat(e.birth(current + 5)).isEqualTo(birth);
        assertThat(e.death(current)).isEqualTo(birth + e.period());
        assertThat(Era.decode(e.encode())).isEqualTo(e);
    }

    @Test
    void immortalAndClamping() {
        assertThat(Era.immortal().encode()).containsExactly(0);
        assertThat(Era.decode(new byte[]{0}).isImmortal()).isTrue();
        assertThat(Era.mortal(1, 10).period()).isEqualTo(4);
        assertThat(Era.mortal(1 << 20, 10).period()).isEqualTo(65536);
        assertThatThrownBy(() -> Era.mortal(0, 1)).hasMessageContaining("period");
        assertThatThrownBy(() -> Era.decode(new byte[]{1, 2, 3})).hasMessageContaining("2 bytes");
    }
}
