package io.tao4j.crypto;

import static io.tao4j.crypto.TestJson.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Ss58Test {

    private static final String ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    private static final String ALICE_PUB = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";

    @Test
    void vectorsFromSr25519Json() throws Exception {
        Map<String, Object> v = TestJson.readObject(TestJson.shared("fixtures", "vectors", "sr25519.json"));
        List<Map<String, Object>> keys = TestJson.list(v, "keys");
        assertThat(keys).isNotEmpty();
        for (Map<String, Object> k : keys) {
            byte[] pub = Hex.decode(str(k, "public_key_hex"));
            Map<String, Object> s42 = TestJson.obj(k, "ss58_42");
            assertThat(Ss58.encode(pub)).isEqualTo(str(s42, "address"));
            assertThat(Ss58.encode(pub, 42)).isEqualTo(str(s42, "address"));
            assertThat(Ss58.encode(pub, 0)).isEqualTo(str(k, "ss58_0"));
            assertThat(Ss58.decode(str(s42, "address"))).isEqualTo(pub);
            assertThat(Ss58.decodeAddress(str(k, "ss58_0"))).isEqualTo(new Ss58.Address(0, pub));
            assertThat(Ss58.isValid(str(s42, "address"))).isTrue();
        }
        for (Map<String, Object> d : TestJson.list(v, "derivations")) {
            byte[] pub = Hex.decode(str(d, "public_key_hex"));
            assertThat(Ss58.encode(pub)).isEqualTo(str(d, "ss58_42"));
        }
    }

    @Test
    void aliceAndTwoBytePrefixes() {
        byte[] pub = Hex.decode(ALICE_PUB);
        assertThat(Ss58.encode(pub)).isEqualTo(ALICE);
        for (int prefix : new int[] {0, 2, 42, 63, 64, 255, 1284, 4095, 16383}) {
            String a = Ss58.encode(pub, prefix);
            Ss58.Address d = Ss58.decodeAddress(a);
            assertThat(d.prefix()).as("prefix " + prefix).isEqualTo(prefix);
            assertThat(d.publicKey()).isEqualTo(pub);
        }
        // polkadot-js 14.0.3 encodeAddress(Alice, prefix), including the two-byte prefixes
        Map<Integer, String> pjs = Map.of(
                0, "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5",
                2, "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F",
                63, "7NPoMQbiA6trJKkjB35uk96MeJD4PGWkLQLH7k7hXEkZpiba",
                64, "cEaNSpz4PxFcZ7nT1VEKrKewH67rfx6MfcM6yKojyyPz7qaqp",
                255, "yGHXkYLYqxijLKKfd9Q2CB9shRVu8rPNBS53wvwGTutYg4zTg",
                1284, "VdvKmYJfD4VXA9fzz1SbmCo2eYHSzUFbaDCZSuaNKJAe8YNg6",
                4095, "yHnLeRDftj5rEfCjajPDYqfs57n3Yg8ozGBMvABuyriTzHtyB",
                16383, "yNa8JpqfFB3q8A29rCwSgxvdU94ufJw2yKKxDgznS5m1PoFvn");
        pjs.forEach((prefix, address) -> {
            assertThat(Ss58.encode(pub, prefix)).as("prefix " + prefix).isEqualTo(address);
            assertThat(Ss58.decodeAddress(address)).isEqualTo(new Ss58.Address(prefix, pub));
        });
    }

    @Test
    void rejectsWithNamedReasons() {
        byte[] pub = Hex.decode(ALICE_PUB);
        expect(() -> Ss58.decode(""), Ss58Exception.Reason.ENCODING);
        expect(() -> Ss58.decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQ0"), Ss58Exception.Reason.ENCODING);
        expect(() -> Ss58.decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"), Ss58Exception.Reason.CHECKSUM);
        expect(() -> Ss58.decode(Ss58.base58Encode(new byte[1 + 31 + 2])), Ss58Exception.Reason.LENGTH);
        expect(() -> Ss58.decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQ"), null);
        expect(() -> Ss58.decode(Ss58.base58Encode(new byte[] {(byte) 0x80, 1, 2})), Ss58Exception.Reason.PREFIX);
        expect(() -> Ss58.encode(new byte[31]), Ss58Exception.Reason.LENGTH);
        expect(() -> Ss58.encode(pub, 16384), Ss58Exception.Reason.PREFIX);
        expect(() -> Ss58.encode(pub, -1), Ss58Exception.Reason.PREFIX);
        expect(() -> Ss58.encode(pub, 46), Ss58Exception.Reason.PREFIX);
        assertThat(Ss58.isValid("not an address")).isFalse();
        assertThat(Ss58.isValid(null)).isFalse();
        assertThatThrownBy(() -> Ss58.decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"))
                .hasMessageContaining("CHECKSUM");
    }

    @Test
    void base58LeadingZeros() {
        byte[] b = {0, 0, 1, 2, 3};
        String e = Ss58.base58Encode(b);
        assertThat(e).startsWith("11");
        assertThat(Ss58.base58Decode(e)).isEqualTo(b);
        assertThat(Ss58.base58Decode("1")).isEqualTo(new byte[1]);
    }

    private static void expect(org.assertj.core.api.ThrowableAssert.ThrowingCallable c, Ss58Exception.Reason r) {
        if (r == null) {
            assertThatThrownBy(c).isInstanceOf(Ss58Exception.class);
            return;
        }
        assertThatThrownBy(c).isInstanceOf(Ss58Exception.class)
                .satisfies(e -> assertThat(((Ss58Exception) e).reason()).isEqualTo(r))
                .hasMessageContaining(r.name());
    }
}
