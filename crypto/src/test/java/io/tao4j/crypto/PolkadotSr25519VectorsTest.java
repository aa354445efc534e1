package io.tao4j.crypto;

import static io.tao4j.crypto.TestJson.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vectors generated for this module by tools/vectors/crypto/gen-sr25519.mjs with polkadot-js 14 (@scure
 * sr25519) and @polkadot/wasm-crypto (Rust schnorrkel); see src/test/resources/vectors/README.md.
 */
class PolkadotSr25519VectorsTest {

    private static Map<String, Object> v;
    private static String dev;
    private static String mnemonic24;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        try (InputStream in = PolkadotSr25519VectorsTest.class.getResourceAsStream("/vectors/polkadot_sr25519.json")) {
            v = (Map<String, Object>) TestJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(v.get("all_checks_passed")).isEqualTo(Boolean.TRUE);
        dev = str(v, "dev_phrase");
        assertThat(dev).isEqualTo(SecretUri.DEV_PHRASE);
        mnemonic24 = TestJson.list(v, "mnemonics").stream()
                .filter(m -> str(m, "mnemonic").split(" ").length == 24).map(m -> str(m, "mnemonic"))
                .findFirst().orElseThrow();
    }

    private static String expand(String suri) {
        return suri.replace("<DEV_PHRASE>", dev).replace("<MNEMONIC_24>", mnemonic24);
    }

    @Test
    void mnemonicsOfEveryLengthWithPasswords() {
        List<Map<String, Object>> ms = TestJson.list(v, "mnemonics");
        assertThat(ms).hasSize(5);
        int checked = 0;
        for (Map<String, Object> m : ms) {
            String phrase = str(m, "mnemonic");
            assertThat(Hex.encode(Bip39.toEntropy(phrase))).isEqualTo(str(m, "entropy_hex"));
            assertThat(Bip39.fromEntropy(Hex.decode(str(m, "entropy_hex")))).isEqualTo(phrase);
            for (Map<String, Object> p : TestJson.list(m, "passwords")) {
                String pw = str(p, "password");
                assertThat(Hex.encode(Bip39.miniSecret(phrase, pw))).isEqualTo(str(p, "mini_secret_hex"));
                Sr25519KeyPair kp = Sr25519KeyPair.fromMnemonic(phrase, pw);
                assertThat(Hex.encode(kp.ed25519Secret())).isEqualTo(str(p, "secret_ed25519_form_hex"));
                assertThat(Hex.encode(kp.publicKey())).isEqualTo(str(p, "public_key_hex"));
                assertThat(kp.ss58()).isEqualTo(str(p, "ss58_42"));
                if (!pw.isEmpty()) {
                    assertThat(Sr25519KeyPair.fromUri(phrase + "///" + pw).publicKey()).isEqualTo(kp.publicKey());
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(20);
    }

    @Test
    void invalidMnemonicsAreRejected() {
        for (Map<String, Object> b : TestJson.list(v, "invalid_mnemonics")) {
            String m = str(b, "mnemonic");
            assertThat(Bip39.isValid(m)).as(str(b, "reason")).isFalse();
            assertThatThrownBy(() -> Bip39.toEntropy(m)).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(m.split(" ")[2]));
        }
    }

    @Test
    void secretUris() {
        List<Map<String, Object>> uris = TestJson.list(v, "uris");
        assertThat(uris).hasSizeGreaterThan(30);
        for (Map<String, Object> u : uris) {
            String suri = expand(str(u, "suri"));
            String label = str(u, "suri");
            Sr25519KeyPair kp = Sr25519KeyPair.fromUri(suri);
            assertThat(Hex.encode(kp.publicKey())).as(label).isEqualTo(str(u, "public_key_hex"));
            assertThat(kp.ss58()).as(label).isEqualTo(str(u, "ss58_42"));
            assertThat(kp.ss58(0)).as(label).isEqualTo(str(u, "ss58_0"));
            if (u.get("secret_ed25519_form_hex") instanceof String sec) {
                assertThat(Hex.encode(kp.ed25519Secret())).as(label).isEqualTo(sec);
                assertThat(kp.miniSecret()).as(label).isPresent();
            }
            SecretUri parsed = SecretUri.parse(suri);
            List<Map<String, Object>> js = TestJson.list(u, "junctions");
            // a mini secret exists for a root key and after a final hard step, not after a soft step
            boolean lastHard = js.isEmpty() || Boolean.TRUE.equals(js.get(js.size() - 1).get("hard"));
            assertThat(kp.miniSecret().isPresent()).as(label).isEqualTo(lastHard);
            assertThat(parsed.path()).as(label).hasSize(js.size());
            for (int i = 0; i < js.size(); i++) {
                assertThat(parsed.path().get(i).isHard()).isEqualTo(js.get(i).get("hard"));
                assertThat(Hex.encode(parsed.path().get(i).chainCode())).as(label + " junction " + i)
                        .isEqualTo(str(js.get(i), "chain_code_hex"));
            }
            assertThat(parsed.password().orElse(null)).isEqualTo(u.get("password"));
            assertThat(parsed.toString()).doesNotContain(parsed.phrase());
        }
    }

    @Test
    void projectGenesisAccounts() {
        Map<String, String> expected = Map.of(
                "//Alice", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
                "//Bob", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty",
                "//Ferdie", "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL");
        expected.forEach((uri, addr) -> assertThat(Sr25519KeyPair.fromUri(uri).ss58()).isEqualTo(addr));
        List<String> needed = List.of("//Bob//validator", "//Charlie//miner", "//Charlie//aggregator",
                "//Eve//miner0", "//Eve//miner1", "//Eve//miner2", "//Eve//miner3");
        List<String> present = TestJson.list(v, "uris").stream().map(u -> str(u, "suri")).toList();
        assertThat(present).containsAll(needed);
    }

    @Test
    void softPublicDerivation() {
        for (Map<String, Object> s : TestJson.list(v, "soft_public")) {
            byte[] parent = Hex.decode(str(s, "parent_public_key_hex"));
            assertThat(Hex.encode(Sr25519.deriveSoftPublic(parent, str(s, "path"))))
                    .as(str(s, "path")).isEqualTo(str(s, "public_key_hex"));
        }
        assertThatThrownBy(() -> Sr25519.deriveSoftPublic(new byte[32], "//hard"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void softSecretDerivationWithFixedNonceRandomness() {
        byte[] rng = Sr25519Fixtures.rng42();
        Sr25519KeyPair alice = Sr25519KeyPair.fromUri("//Alice");
        for (Map<String, Object> s : TestJson.list(v, "soft_secret_rng_32x0x42")) {
            String junction = str(s, "junction").substring(1);
            Sr25519KeyPair child = alice.deriveSoft(junction, rng);
            assertThat(Hex.encode(child.ed25519Secret())).as(junction).isEqualTo(str(s, "secret_ed25519_form_hex"));
            assertThat(Hex.encode(child.publicKey())).isEqualTo(str(s, "public_key_hex"));
            // the public API draws fresh nonce randomness: same public key, different nonce
            Sr25519KeyPair random = alice.deriveSoft(junction);
            assertThat(random.publicKey()).isEqualTo(child.publicKey());
            assertThat(Arrays.copyOf(random.canonicalSecret(), 32)).isEqualTo(Arrays.copyOf(child.canonicalSecret(), 32));
        }
    }

    @Test
    void signaturesFromPolkadotJsAndWasmSchnorrkel() {
        List<Map<String, Object>> sigs = TestJson.list(v, "signatures");
        assertThat(sigs).hasSizeGreaterThanOrEqualTo(30);
        for (Map<String, Object> s : sigs) {
            byte[] pub = Hex.decode(str(s, "public_key_hex"));
            byte[] msg = Hex.decode(str(s, "message_hex"));
            String label = str(s, "signer") + " msg " + msg.length;
            for (String key : List.of("signature_polkadot_js_hex", "signature_wasm_schnorrkel_hex")) {
                byte[] sig = Hex.decode(str(s, key));
                assertThat(Sr25519.verify(pub, msg, sig)).as(label + " " + key).isTrue();
                byte[] flipped = sig.clone();
                flipped[40] ^= 0x10;
                assertThat(Sr25519.verify(pub, msg, flipped)).as(label).isFalse();
            }
            Sr25519KeyPair kp = Sr25519KeyPair.fromUri(expand(str(s, "signer")));
            assertThat(kp.publicKey()).isEqualTo(pub);
            Sr25519Fixtures.checkDeterministic(kp, msg, s.get("deterministic_scure_rng_32x0x42_hex"), label);
        }
        assertThat(sigs).filteredOn(s -> s.get("deterministic_scure_rng_32x0x42_hex") instanceof String)
                .hasSizeGreaterThanOrEqualTo(18);
    }
}
