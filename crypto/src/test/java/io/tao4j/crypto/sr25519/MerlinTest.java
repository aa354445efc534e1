package io.tao4j.crypto.sr25519;

import static org.assertj.core.api.Assertions.assertThat;

import io.tao4j.crypto.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MerlinTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void keccakOnZeroState() {
        // Keccak-f[1600] applied to the all-zero state (Keccak team "KeccakF-1600-IntermediateValues.txt")
        long[] a = new long[25];
        KeccakF1600.permute(a);
        assertThat(a[0]).isEqualTo(0xF1258F7940E1DDE7L);
        assertThat(a[1]).isEqualTo(0x84D5CCF933C0478AL);
        assertThat(a[24]).isEqualTo(0xEAF1FF7B5CECA249L);
    }

    @Test
    void strobeConformance() {
        // The STROBE-128 conformance sequence used by merlin's and other implementations' tests
        Strobe128 s = new Strobe128(b("Conformance Test Protocol"));
        byte[] msg = new byte[1024];
        java.util.Arrays.fill(msg, (byte) 99);
        s.metaAd(b("ms"), false);
        s.metaAd(b("g"), true);
        s.ad(msg, false);
        byte[] prf1 = new byte[32];
        s.metaAd(b("prf"), false);
        s.prf(prf1, false);
        assertThat(unsigned(prf1)).containsExactly(180, 142, 100, 92, 161, 124, 102, 127, 213, 32, 107, 165,
                122, 106, 34, 141, 114, 216, 225, 144, 56, 20, 211, 241, 127, 98, 41, 150, 215, 207, 239, 176);
        s.metaAd(b("key"), false);
        s.key(prf1, false);
        byte[] prf2 = new byte[32];
        s.metaAd(b("prf"), false);
        s.prf(prf2, false);
        assertThat(unsigned(prf2)).containsExactly(7, 228, 92, 206, 128, 120, 206, 226, 89, 227, 227, 117, 187,
                133, 215, 86, 16, 226, 209, 225, 32, 28, 95, 100, 80, 69, 161, 148, 237, 212, 159, 248);
    }

    @Test
    void merlinPublishedVector() {
        MerlinTranscript t = new MerlinTranscript("test protocol");
        t.appendMessage("some label", b("some data"));
        assertThat(Hex.encode(t.challengeBytes("challenge", 32)))
                .isEqualTo("d5a21972d0d5fe320c0d263fac7fffb8145aa640af6e9bca177c03c7efcf0615");
    }

    @Test
    void copiesAreIndependentAndWitnessDependsOnAllInputs() {
        MerlinTranscript t = new MerlinTranscript("x");
        MerlinTranscript c = t.copy();
        t.appendMessage("m", b("1"));
        assertThat(t.challengeBytes("c", 16)).isNotEqualTo(c.challengeBytes("c", 16));
        MerlinTranscript u = new MerlinTranscript("x");
        byte[] r = new byte[32];
        byte[] w1 = u.witnessBytes("w", 32, new byte[][] {b("a")}, r);
        byte[] w2 = u.witnessBytes("w", 32, new byte[][] {b("a")}, r);
        byte[] w3 = u.witnessBytes("w", 32, new byte[][] {b("b")}, r);
        r[0] = 1;
        byte[] w4 = u.witnessBytes("w", 32, new byte[][] {b("a")}, r);
        assertThat(w1).isEqualTo(w2).isNotEqualTo(w3).isNotEqualTo(w4);
    }

    private static int[] unsigned(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }
}
