package io.tao4j.crypto;

import static io.tao4j.crypto.TestJson.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signatures made by this implementation (JavaSignatureVectors) and checked by polkadot-js, the Rust
 * schnorrkel wasm build and @scure/sr25519 (tools/vectors/crypto/verify-java-signatures.mjs). The test pins
 * the external verdicts and checks that Java still agrees with them.
 */
class JavaSignaturesInteropTest {

    @Test
    @SuppressWarnings("unchecked")
    void externalVerdictsAndJavaAgree() throws Exception {
        Map<String, Object> v;
        try (InputStream in = getClass().getResourceAsStream("/vectors/java_sr25519_signatures.json")) {
            v = (Map<String, Object>) TestJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(v.get("all_verdicts_as_expected")).isEqualTo(Boolean.TRUE);
        List<Map<String, Object>> entries = TestJson.list(v, "entries");
        int positive = 0;
        int negative = 0;
        int sameBytes = 0;
        for (Map<String, Object> e : entries) {
            boolean expected = (Boolean) e.get("expected_valid");
            String label = str(e, "signer") + " " + str(e, "kind") + " msg " + str(e, "message_hex").length() / 2;
            assertThat(e.get("polkadot_js_signatureVerify")).as(label).isEqualTo(expected);
            assertThat(e.get("wasm_schnorrkel_sr25519Verify")).as(label).isEqualTo(expected);
            assertThat(e.get("scure_verify")).as(label).isEqualTo(expected);
            boolean java = Sr25519.verify(Hex.decode(str(e, "public_key_hex")), Hex.decode(str(e, "message_hex")),
                    Hex.decode(str(e, "signature_hex")));
            assertThat(java).as(label).isEqualTo(expected);
            if (expected) {
                positive++;
            } else {
                negative++;
            }
            if (Boolean.TRUE.equals(e.get("scure_sign_rng42_same_bytes"))) {
                sameBytes++;
            }
        }
        assertThat(positive).isGreaterThanOrEqualTo(50);
        assertThat(negative).isGreaterThanOrEqualTo(30);
        assertThat(sameBytes).isGreaterThanOrEqualTo(20);
    }
}
