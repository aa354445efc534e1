package io.tao4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void roundTrip() {
        byte[] b = {0, 1, (byte) 0xab, (byte) 0xff, 0x10};
        assertThat(Hex.encode(b)).isEqualTo("0001abff10");
        assertThat(Hex.encode0x(b)).isEqualTo("0x0001abff10");
        assertThat(Hex.decode("0001ABff10")).isEqualTo(b);
        assertThat(Hex.decode("0x0001abff10")).isEqualTo(b);
        assertThat(Hex.decode("0X0001abff10")).isEqualTo(b);
        assertThat(Hex.decode("")).isEmpty();
        assertThat(Hex.decode("0x")).isEmpty();
        assertThat(Hex.encode(new byte[0])).isEmpty();
    }

    @Test
    void rejectsOddLength() {
        assertThatThrownBy(() -> Hex.decode("0xabc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("odd length");
    }

    @Test
    void rejectsBadCharacterWithIndex() {
        assertThatThrownBy(() -> Hex.decode("0x12zz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 4");
        assertThatThrownBy(() -> Hex.decode("1g")).hasMessageContaining("index 1");
        assertThatThrownBy(() -> Hex.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
