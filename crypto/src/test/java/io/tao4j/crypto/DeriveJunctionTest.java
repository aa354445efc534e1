package io.tao4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeriveJunctionTest {

    private static String cc(DeriveJunction j) {
        return Hex.encode(j.chainCode());
    }

    @Test
    void chainCodes() {
        assertThat(cc(DeriveJunction.hard("Alice"))).isEqualTo("14416c6963650000000000000000000000000000000000000000000000000000");
        assertThat(cc(DeriveJunction.soft("0"))).isEqualTo("00".repeat(32));
        assertThat(cc(DeriveJunction.soft("1"))).isEqualTo("01" + "00".repeat(31));
        assertThat(cc(DeriveJunction.soft("258"))).isEqualTo("0201" + "00".repeat(30));
        assertThat(cc(DeriveJunction.soft("18446744073709551616"))).isEqualTo("00".repeat(8) + "01" + "00".repeat(23));
        assertThat(cc(DeriveJunction.soft("0x0102"))).isEqualTo("0102" + "00".repeat(30));
        // odd-length "hex" is text, as in polkadot-js
        assertThat(cc(DeriveJunction.soft("0x012"))).isEqualTo("14307830313200" + "00".repeat(25));
        String longJ = "PathNameLongerThan32BytesWhichShouldBeHashed";
        assertThat(cc(DeriveJunction.hard(longJ)))
                .isEqualTo("93393b3f81a58cdf71cf9687a3637162acbdaeffc55bb601715678808d2bb935");
        // 64-byte UTF-8 text takes a two-byte compact prefix before hashing
        String s64 = "x".repeat(64);
        byte[] scale = new byte[66];
        scale[0] = 0x01;
        scale[1] = 0x01;
        java.util.Arrays.fill(scale, 2, 66, (byte) 'x');
        assertThat(DeriveJunction.soft(s64).chainCode()).isEqualTo(Hashes.blake2b256(scale));
    }

    @Test
    void paths() {
        List<DeriveJunction> p = DeriveJunction.parsePath("//Alice/soft//0");
        assertThat(p).extracting(DeriveJunction::isHard).containsExactly(true, false, true);
        assertThat(p).extracting(DeriveJunction::toString).containsExactly("//Alice", "/soft", "//0");
        assertThat(DeriveJunction.parsePath("")).isEmpty();
        assertThatThrownBy(() -> DeriveJunction.parsePath("Alice")).hasMessageContaining("offset 0");
        assertThatThrownBy(() -> DeriveJunction.parsePath("//a///b")).hasMessageContaining("password");
        assertThatThrownBy(() -> DeriveJunction.parsePath("/")).hasMessageContaining("empty junction");
        assertThatThrownBy(() -> DeriveJunction.hard("a/b")).hasMessageContaining("'/'");
        assertThatThrownBy(() -> DeriveJunction.hard("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DeriveJunction.soft("9".repeat(80))).hasMessageContaining("256 bits");
    }
}
