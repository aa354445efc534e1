package io.tao4j.drand.tlock;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import io.tao4j.drand.ChainInfo;
import io.tao4j.drand.Fixtures;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlockTest {
    static final byte[] SIG = Hex.decode(Fixtures.SIG_1000);
    static final Tlock TLOCK = new Tlock(ChainInfo.QUICKNET.publicKeyPoint());

    @Test
    void decryptsEveryWasmCiphertextOfBothLayouts() throws Exception {
        JsonNode vectors = Fixtures.vector("timelock_quicknet_r1000.json").get("vectors");
        assertThat(vectors.size()).isEqualTo(12);
        for (JsonNode v : vectors) {
            byte[] ct = Hex.decode(v.get("ciphertext_hex").asText());
            TlockLayout expected = v.get("layout").asText().equals("legacy_vec_vw") ? TlockLayout.LEGACY : TlockLayout.CURRENT;
            assertThat(TlockCiphertext.detectLayout(ct)).as(v.get("label").asText()).isEqualTo(expected);
            assertThat(Tlock.decrypt(ct, SIG)).as(v.get("label").asText())
                    .isEqualTo(Hex.decode(v.get("message_hex").asText()));
            TlockCiphertext parsed = TlockCiphertext.parse(ct);
            assertThat(Tlock.recoverSecret(parsed, io.tao4j.crypto.bls.G1Point.fromCompressed(SIG)))
                    .isEqualTo(Hex.decode(v.get("sk_hex").asText()));
            assertThat(parsed.toBytes()).isEqualTo(ct);
        }
    }

    @Test
    void encryptionReproducesWasmBytesFromTheSameRandomness() throws Exception {
        for (JsonNode v : Fixtures.vector("timelock_quicknet_r1000.json").get("vectors")) {
            TlockLayout layout = v.get("layout").asText().equals("legacy_vec_vw") ? TlockLayout.LEGACY : TlockLayout.CURRENT;
            byte[] sigma = Hex.decode(v.get("decrypt_intermediates_with_round1000_sig").get("sigma").asText());
            byte[] nonce = Hex.decode(v.get("parsed").get("aes_gcm_nonce").asText());
            byte[] ct = TLOCK.encryptDeterministic(1000, Hex.decode(v.get("message_hex").asText()),
                    Hex.decode(v.get("sk_hex").asText()), layout, sigma, nonce);
            assertThat(Hex.encode(ct)).as(v.get("label").asText()).isEqualTo(v.get("ciphertext_hex").asText());
        }
    }

    @Test
    void randomEncryptionRoundTripsInBothLayoutsWithTheRightLengths() throws Exception {
        byte[] msg = "hello tlock".getBytes();
        byte[] sk = new byte[32];
        new SecureRandom().nextBytes(sk);
        byte[] cur = TLOCK.encrypt(1000, msg, sk);
        byte[] leg = TLOCK.encrypt(1000, msg, sk, TlockLayout.LEGACY, new SecureRandom());
        assertThat(cur).hasSize(228 + msg.length);
        assertThat(leg).hasSize(244 + msg.length);
        assertThat(Tlock.decrypt(cur, SIG)).isEqualTo(msg);
        assertThat(Tlock.decrypt(leg, SIG)).isEqualTo(msg);
        assertThatThrownBy(() -> TLOCK.encrypt(1000, msg, new byte[31])).hasMessageContaining("32 bytes");
    }

    static TlockException.Reason reasonOf(byte[] ct, byte[] sig) {
        try {
            Tlock.decrypt(ct, sig);
            return null;
        } catch (TlockException e) {
            return e.reason();
        }
    }

    @Test
    void tamperingTruncationAndWrongSignaturesGiveDistinctReasons() throws Exception {
        for (JsonNode v : Fixtures.vector("timelock_quicknet_r1000.json").get("vectors")) {
            byte[] ct = Hex.decode(v.get("ciphertext_hex").asText());
            boolean legacy = TlockCiphertext.detectLayout(ct) == TlockLayout.LEGACY;
            // truncated by one byte
            assertThat(reasonOf(Arrays.copyOf(ct, ct.length - 1), SIG)).isEqualTo(TlockException.Reason.TRUNCATED);
            assertThat(reasonOf(Arrays.copyOf(ct, 50), SIG)).isEqualTo(TlockException.Reason.TRUNCATED);
            assertThat(reasonOf(new byte[0], SIG)).isEqualTo(TlockException.Reason.TRUNCATED);
            // flipped bit in V
            byte[] badV = ct.clone();
            badV[legacy ? 110 : 100] ^= 1;
            assertThat(reasonOf(badV, SIG)).isEqualTo(TlockException.Reason.WRONG_SIGNATURE);
            // flipped bit in the AES-GCM ciphertext/tag (first byte after the two length prefixes)
            byte[] badBody = ct.clone();
            badBody[(legacy ? 184 : 168) + 8] ^= 1;
            assertThat(reasonOf(badBody, SIG)).isEqualTo(TlockException.Reason.BODY_AUTHENTICATION_FAILED);
            // wrong round's signature (round 42, a real one)
            byte[] sig42 = Hex.decode("95a9f9f5b231b7714de1553105d8ffdf3dcda24cfdb1e689319bccf79a9c8ce430a91b811fbfaf763900bc998b5d686a");
            assertThat(reasonOf(ct, sig42)).isEqualTo(TlockException.Reason.WRONG_SIGNATURE);
            byte[] garbage = new byte[48];
            assertThat(reasonOf(ct, garbage)).isEqualTo(TlockException.Reason.BAD_SIGNATURE_ENCODING);
            // a garbage U point
            byte[] badU = ct.clone();
            badU[5] ^= 0x55;
            assertThat(reasonOf(badU, SIG)).isIn(TlockException.Reason.MALFORMED);
            // trailing bytes are ignored, like the reference
            byte[] longer = Arrays.copyOf(ct, ct.length + 3);
            assertThat(reasonOf(longer, SIG)).isNull();
        }
    }
}
