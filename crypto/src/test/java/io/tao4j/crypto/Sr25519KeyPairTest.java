package io.tao4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sr25519KeyPairTest {

    private static final byte[] MSG = "tao4j".getBytes(StandardCharsets.UTF_8);
    private static final BigInteger ELL =
            BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

    @Test
    void toStringShowsOnlyTheAddress() {
        Sr25519KeyPair kp = Sr25519KeyPair.fromUri("//Alice");
        assertThat(kp.toString()).isEqualTo("Sr25519KeyPair[5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY]");
        assertThat(kp.toString()).doesNotContain(Hex.encode(kp.canonicalSecret()).substring(0, 8));
    }

    @Test
    void signerInterfaceAndRoundTrips() {
        Signer s = Sr25519KeyPair.generate();
        byte[] sig = s.sign(MSG);
        assertThat(sig).hasSize(64);
        assertThat(sig[63] & 0x80).isEqualTo(0x80);
        assertThat(Sr25519.verify(s.publicKey(), MSG, sig)).isTrue();
        Sr25519KeyPair kp = (Sr25519KeyPair) s;
        assertThat(kp.verify(MSG, sig)).isTrue();
        assertThat(Sr25519KeyPair.fromCanonicalSecret(kp.canonicalSecret()).publicKey()).isEqualTo(kp.publicKey());
        assertThat(Sr25519KeyPair.fromEd25519Secret(kp.ed25519Secret()).canonicalSecret()).isEqualTo(kp.canonicalSecret());
        assertThat(Sr25519KeyPair.fromMiniSecret(kp.miniSecret().orElseThrow()).publicKey()).isEqualTo(kp.publicKey());
        // secrets are copies
        byte[] c = kp.canonicalSecret();
        c[0] ^= 1;
        assertThat(kp.canonicalSecret()).isNotEqualTo(c);
    }

    @Test
    void derivationApi() {
        Sr25519KeyPair dev = Sr25519KeyPair.fromUri(SecretUri.DEV_PHRASE);
        assertThat(dev.deriveHard("Alice").ss58()).isEqualTo("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
        assertThat(dev.derive("//Alice").publicKey()).isEqualTo(dev.deriveHard("Alice").publicKey());
        assertThat(dev.derive("")).isSameAs(dev);
        assertThat(dev.deriveSoft("Alice").ss58()).isEqualTo("5GvKEoc787uDV8etY1AM8vF385edu2iyqD1WfCjDugzLUiAL");
        assertThat(dev.deriveSoft("Alice").miniSecret()).isEmpty();
        assertThat(Sr25519.deriveSoftPublic(dev.publicKey(), "/Alice")).isEqualTo(dev.deriveSoft("Alice").publicKey());
        Sr25519KeyPair soft = dev.derive("//Alice/soft");
        assertThat(soft.verify(MSG, soft.sign(MSG))).isTrue();
        assertThatThrownBy(() -> dev.deriveHard("//Alice")).hasMessageContaining("'/'");
    }

    @Test
    void rejectsBadSecrets() {
        assertThatThrownBy(() -> Sr25519KeyPair.fromMiniSecret(new byte[31])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Sr25519KeyPair.fromCanonicalSecret(new byte[63])).hasMessageContaining("64 bytes");
        byte[] nonCanonical = new byte[64];
        java.util.Arrays.fill(nonCanonical, 0, 32, (byte) 0xff);
        assertThatThrownBy(() -> Sr25519KeyPair.fromCanonicalSecret(nonCanonical))
                .hasMessageContaining("not a canonical scalar").hasMessageNotContaining("ffff");
        assertThatThrownBy(() -> Sr25519KeyPair.fromEd25519Secret(new byte[10])).hasMessageContaining("64 bytes");
        assertThatThrownBy(() -> Sr25519KeyPair.fromUri("//Alice").sign(MSG, new byte[31]))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void verifyReturnsFalseForMalformedInput() {
        Sr25519KeyPair kp = Sr25519KeyPair.fromUri("//Bob");
        byte[] pub = kp.publicKey();
        byte[] sig = kp.sign(MSG);
        assertThat(Sr25519.verify(pub, MSG, sig)).isTrue();
        assertThat(Sr25519.verify(null, MSG, sig)).isFalse();
        assertThat(Sr25519.verify(pub, null, sig)).isFalse();
        assertThat(Sr25519.verify(pub, MSG, null)).isFalse();
        assertThat(Sr25519.verify(new byte[31], MSG, sig)).isFalse();
        assertThat(Sr25519.verify(pub, MSG, java.util.Arrays.copyOf(sig, 63))).isFalse();
        byte[] badPub = new byte[32];
        java.util.Arrays.fill(badPub, (byte) 0xff);
        assertThat(Sr25519.verify(badPub, MSG, sig)).isFalse();
        assertThat(Sr25519.verify(Sr25519KeyPair.fromUri("//Alice").publicKey(), MSG, sig)).isFalse();
        assertThat(Sr25519.verify(pub, "substrate2".getBytes(StandardCharsets.US_ASCII), MSG, sig)).isFalse();

        byte[] noMarker = sig.clone();
        noMarker[63] &= 0x7F;
        assertThat(Sr25519.verify(pub, MSG, noMarker)).isFalse();

        // s + ℓ is the same residue but not canonical: schnorrkel rejects it, so must we
        byte[] sLe = java.util.Arrays.copyOfRange(sig, 32, 64);
        sLe[31] &= 0x7F;
        BigInteger s = new BigInteger(1, reverse(sLe));
        byte[] bumped = reverse(toFixed(s.add(ELL)));
        byte[] nonCanonical = sig.clone();
        System.arraycopy(bumped, 0, nonCanonical, 32, 32);
        nonCanonical[63] |= (byte) 0x80;
        assertThat(Sr25519.verify(pub, MSG, nonCanonical)).isFalse();
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    private static byte[] toFixed(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - len, out, 32 - len, len);
        return out;
    }
}
