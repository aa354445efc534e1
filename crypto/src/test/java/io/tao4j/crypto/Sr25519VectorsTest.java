package io.tao4j.crypto;

import static io.tao4j.crypto.TestJson.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared sr25519.json vectors (polkadot-js 13.5.9 / @scure/sr25519 0.2.0), see its source field. */
class Sr25519VectorsTest {

    private static Map<String, Object> vectors;

    @BeforeAll
    static void load() throws Exception {
        vectors = TestJson.readObject(TestJson.shared("fixtures", "vectors", "sr25519.json"));
        assertThat(vectors.get("all_checks_passed")).isEqualTo(Boolean.TRUE);
    }

    @Test
    void mnemonicToKeys() {
        List<Map<String, Object>> keys = TestJson.list(vectors, "keys");
        assertThat(keys).hasSizeGreaterThanOrEqualTo(5);
        for (Map<String, Object> k : keys) {
            String m = str(k, "mnemonic");
            assertThat(Hex.encode(Bip39.toEntropy(m))).isEqualTo(str(k, "entropy_hex"));
            assertThat(Hex.encode(Bip39.miniSecret(m, ""))).isEqualTo(str(k, "mini_secret_hex"));
            assertThat(Hex.encode(Bip39.miniSecret(m, "Tr0ub4dour")))
                    .isEqualTo(str(k, "mini_secret_with_password_Tr0ub4dour_hex"));

            Sr25519KeyPair kp = Sr25519KeyPair.fromMnemonic(m, "");
            assertThat(Hex.encode(kp.miniSecret().orElseThrow())).isEqualTo(str(k, "mini_secret_hex"));
            assertThat(Hex.encode(kp.publicKey())).isEqualTo(str(k, "public_key_hex"));
            assertThat(Hex.encode(kp.ed25519Secret())).isEqualTo(str(k, "secret_key_ed25519_form_hex"));
            assertThat(Hex.encode(kp.canonicalSecret())).isEqualTo(str(k, "secret_key_canonical_form_hex"));
            assertThat(kp.ss58()).isEqualTo(str(TestJson.obj(k, "ss58_42"), "address"));
            assertThat(kp.ss58(0)).isEqualTo(str(k, "ss58_0"));

            Sr25519KeyPair fromCanonical = Sr25519KeyPair.fromCanonicalSecret(
                    Hex.decode(str(k, "secret_key_canonical_form_hex")));
            assertThat(Hex.encode(fromCanonical.publicKey())).isEqualTo(str(k, "public_key_hex"));
            assertThat(fromCanonical.miniSecret()).isEmpty();
            Sr25519KeyPair fromEd = Sr25519KeyPair.fromEd25519Secret(Hex.decode(str(k, "secret_key_ed25519_form_hex")));
            assertThat(fromEd.canonicalSecret()).isEqualTo(kp.canonicalSecret());
            Sr25519KeyPair fromMini = Sr25519KeyPair.fromMiniSecret(Hex.decode(str(k, "mini_secret_hex")));
            assertThat(fromMini.publicKey()).isEqualTo(kp.publicKey());
        }
    }

    @Test
    void derivations() {
        List<Map<String, Object>> ds = TestJson.list(vectors, "derivations");
        assertThat(ds).hasSizeGreaterThanOrEqualTo(9);
        for (Map<String, Object> d : ds) {
            String uri = str(d, "uri").replace("<DEV_PHRASE>", SecretUri.DEV_PHRASE);
            Sr25519KeyPair kp = Sr25519KeyPair.fromUri(uri);
            assertThat(Hex.encode(kp.publicKey())).as(str(d, "uri")).isEqualTo(str(d, "public_key_hex"));
            assertThat(kp.ss58()).isEqualTo(str(d, "ss58_42"));
            for (Map<String, Object> step : TestJson.list(d, "derivation_steps")) {
                String j = str(step, "junction");
                DeriveJunction dj = DeriveJunction.parsePath(j).get(0);
                assertThat(dj.isHard()).isEqualTo(step.get("hard"));
                assertThat(Hex.encode(dj.chainCode())).as(j).isEqualTo(str(step, "chain_code_hex"));
            }
            // the same through explicit steps
            String path = str(d, "uri").substring(str(d, "uri").indexOf('/'));
            String phrase = uri.substring(0, uri.indexOf('/'));
            assertThat(Sr25519KeyPair.fromMnemonic(phrase, "").derive(path).publicKey()).isEqualTo(kp.publicKey());
        }
    }

    @Test
    void signatures() {
        List<Map<String, Object>> sigs = TestJson.list(vectors, "signatures");
        assertThat(sigs).hasSizeGreaterThanOrEqualTo(10);
        List<Map<String, Object>> keys = TestJson.list(vectors, "keys");
        for (Map<String, Object> s : sigs) {
            byte[] pub = Hex.decode(str(s, "public_key_hex"));
            byte[] msg = Hex.decode(str(s, "message_hex"));
            byte[] sig = Hex.decode(str(s, "signature_polkadot_hex"));
            String label = str(s, "signer") + " len " + msg.length;
            assertThat(Sr25519.verify(pub, msg, sig)).as(label).isTrue();

            byte[] tampered = Arrays.copyOf(msg, msg.length + 1);
            assertThat(Sr25519.verify(pub, tampered, sig)).as(label).isFalse();
            byte[] noMarker = sig.clone();
            noMarker[63] &= 0x7F;
            assertThat(Sr25519.verify(pub, msg, noMarker)).as(label).isFalse();
            byte[] badR = sig.clone();
            badR[0] ^= 1;
            assertThat(Sr25519.verify(pub, msg, badR)).as(label).isFalse();

            Sr25519KeyPair signer = keys.stream()
                    .map(k -> Sr25519KeyPair.fromMnemonic(str(k, "mnemonic"), ""))
                    .filter(k -> Arrays.equals(k.publicKey(), pub))
                    .findFirst().orElseThrow();
            Sr25519Fixtures.checkDeterministic(signer, msg, s.get("deterministic_signature_with_rng_32x0x42_hex"), label);
            byte[] fresh = signer.sign(msg);
            assertThat(Sr25519.verify(pub, msg, fresh)).as(label).isTrue();
            assertThat(fresh).isNotEqualTo(signer.sign(msg));
        }
        assertThat(sigs).allSatisfy(s -> assertThat(s.get("deterministic_signature_with_rng_32x0x42_hex")).isInstanceOf(String.class));
    }
}
