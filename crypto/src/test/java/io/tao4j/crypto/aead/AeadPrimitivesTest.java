package io.tao4j.crypto.aead;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AeadPrimitivesTest {
    static final HexFormat HEX = HexFormat.of();

    @Test
    void x25519Rfc7748Section6_1() {
        byte[] aliceSk = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] bobSk = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        assertThat(HEX.formatHex(X25519.publicKey(aliceSk)))
                .isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        byte[] bobPk = X25519.publicKey(bobSk);
        assertThat(HEX.formatHex(bobPk)).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        assertThat(HEX.formatHex(X25519.sharedSecret(aliceSk, bobPk)))
                .isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertThatThrownBy(() -> X25519.sharedSecret(aliceSk, new byte[32])).hasMessageContaining("low order");
        assertThatThrownBy(() -> X25519.publicKey(new byte[31])).hasMessageContaining("32 bytes");
    }

    @Test
    void hkdfRfc5869TestCases() {
        byte[] okm = Hkdf.sha256(HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
                HEX.parseHex("000102030405060708090a0b0c"), HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertThat(HEX.formatHex(okm)).isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                + "34007208d5b887185865");
        // test case 3: no salt, no info
        byte[] okm3 = Hkdf.sha256(HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), null, null, 42);
        assertThat(HEX.formatHex(okm3)).isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                + "9d201395faa4b61a96c8");
        // output is prefix-stable (MANTIS derives 44 bytes and keeps 32)
        assertThat(Hkdf.sha256(new byte[]{1}, null, "x".getBytes(), 32))
                .isEqualTo(java.util.Arrays.copyOf(Hkdf.sha256(new byte[]{1}, null, "x".getBytes(), 44), 32));
    }

    @Test
    void chacha20Poly1305Rfc8439Section2_8_2() throws Exception {
        byte[] key = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = HEX.parseHex("070000004041424344454647");
        byte[] aad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] pt = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, "
                + "sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        byte[] ct = ChaCha20Poly1305.seal(key, nonce, pt, aad);
        assertThat(HEX.formatHex(ct)).endsWith("1ae10b594f09e26a7e902ecbd0600691").startsWith("d31a8d34648e60db7b86afbc53ef7ec2");
        assertThat(ChaCha20Poly1305.open(key, nonce, ct, aad)).isEqualTo(pt);
        ct[3] ^= 1;
        assertThatThrownBy(() -> ChaCha20Poly1305.open(key, nonce, ct, aad)).isInstanceOf(AeadException.class);
        ct[3] ^= 1;
        assertThatThrownBy(() -> ChaCha20Poly1305.open(key, nonce, ct, new byte[1])).isInstanceOf(AeadException.class);
        assertThatThrownBy(() -> ChaCha20Poly1305.open(key, new byte[8], ct, aad)).isInstanceOf(AeadException.class)
                .hasMessageContaining("12 bytes");
    }

    @Test
    void aesGcmRoundTripAndTamper() throws Exception {
        // NIST GCM test case 14 (AES-256, zero key, zero IV, one zero block)
        byte[] key = new byte[32];
        byte[] ct = AesGcm.seal(key, new byte[12], new byte[16], null);
        assertThat(HEX.formatHex(ct)).isEqualTo("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919");
        assertThat(AesGcm.open(key, new byte[12], ct, null)).isEqualTo(new byte[16]);
        ct[0] ^= 1;
        assertThatThrownBy(() -> AesGcm.open(key, new byte[12], ct, null)).isInstanceOf(AeadException.class);
    }
}
