package io.tao4j.crypto;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** What the sr25519 vector tests share: the fixed randomness the vectors' deterministic outputs were made with. */
final class Sr25519Fixtures {
    private Sr25519Fixtures() {
    }

    /** The vectors' fixed RNG output: 32 bytes of 0x42 (a fresh array each call). */
    static byte[] rng42() {
        byte[] rng = new byte[32];
        Arrays.fill(rng, (byte) 0x42);
        return rng;
    }

    /**
     * When the vector has a deterministic signature ({@code expectedHex} a String), asserts that {@code signer} makes it
     * over {@code msg} with {@link #rng42()}.
     */
    static void checkDeterministic(Sr25519KeyPair signer, byte[] msg, Object expectedHex, String label) {
        if (expectedHex instanceof String hex) {
            assertThat(Hex.encode(signer.sign(msg, rng42()))).as(label).isEqualTo(hex);
        }
    }
}
