package io.tao4j.crypto;

import static io.tao4j.crypto.TestJson.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashesTest {

    @Test
    void substrateHashingVectors() throws Exception {
        Map<String, Object> v = TestJson.readObject(TestJson.shared("fixtures", "vectors", "hashing.json"));
        List<Map<String, Object>> raw = TestJson.list(v, "raw_hashes");
        assertThat(raw).hasSizeGreaterThan(5);
        for (Map<String, Object> h : raw) {
            byte[] in = Hex.decode(str(h, "input_hex"));
            String label = "input " + str(h, "input_hex");
            check(h, "twox64_hex", Hashes.twox64(in), label);
            check(h, "twox128_hex", Hashes.twox128(in), label);
            check(h, "twox256_hex", Hashes.twox256(in), label);
            check(h, "blake2b_128_hex", Hashes.blake2b128(in), label);
            check(h, "blake2b_256_hex", Hashes.blake2b256(in), label);
            // twox64 bytes are the seed-0 XXH64 value written little-endian
            byte[] le = Hashes.twox64(in);
            byte[] be = new byte[8];
            for (int i = 0; i < 8; i++) {
                be[i] = le[7 - i];
            }
            assertThat(new BigInteger(1, be).toString()).as(label).isEqualTo(str(h, "xxh64_seed0_u64"));
        }
        assertThat(checked).isGreaterThan(40);
    }

    private static int checked;

    private static void check(Map<String, Object> h, String key, byte[] actual, String label) {
        if (h.get(key) != null) {
            assertThat(Hex.encode(actual)).as(label + " " + key).isEqualTo(str(h, key));
            checked++;
        }
    }

    @Test
    void storagePrefixOfSystemAccount() {
        byte[] prefix = new byte[32];
        System.arraycopy(Hashes.twox128("System".getBytes(StandardCharsets.UTF_8)), 0, prefix, 0, 16);
        System.arraycopy(Hashes.twox128("Account".getBytes(StandardCharsets.UTF_8)), 0, prefix, 16, 16);
        assertThat(Hex.encode(prefix))
                .isEqualTo("26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9");
    }

    @Test
    void standardDigests() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(Hex.encode(Hashes.sha256(abc)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Hex.encode(Hashes.sha512(abc))).startsWith("ddaf35a193617aba");
        // RFC 7693 Appendix A: BLAKE2b-512("abc")
        assertThat(Hex.encode(Hashes.blake2b512(abc))).startsWith("ba80a53f981c4d0d6a2797b69f12f6e9");
        assertThat(Hashes.blake2b(abc, 64)).isEqualTo(Hashes.blake2b512(abc));
        assertThat(Hashes.blake2b(abc, 20)).hasSize(20);
        assertThatThrownBy(() -> Hashes.blake2b(abc, 65)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hashes.blake2b(abc, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
