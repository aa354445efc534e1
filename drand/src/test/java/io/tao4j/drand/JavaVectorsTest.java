package io.tao4j.drand;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import io.tao4j.drand.mantis.OpenResult;
import io.tao4j.drand.mantis.PayloadOpener;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockCiphertext;
import io.tao4j.drand.tlock.TlockLayout;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java-made ciphertexts and payloads (vectors/java_tlock_r1000.json, from JavaVectorGenerator) as opened
 * by the real wasm builds and node:crypto (its wasm_check section, written by
 * tools/vectors/drand/check_java_tlock.mjs): the recorded results must say they opened, and Java must
 * agree with them.
 */
class JavaVectorsTest {

    static JsonNode doc() throws Exception {
        try (InputStream in = JavaVectorsTest.class.getResourceAsStream("/vectors/java_tlock_r1000.json")) {
            return Fixtures.JSON.readTree(in);
        }
    }

    @Test
    void wasmDecryptedEveryJavaCiphertextAndJavaAgrees() throws Exception {
        JsonNode d = doc();
        JsonNode check = d.get("wasm_check");
        assertThat(check).as("run tools/vectors/drand/check_java_tlock.mjs").isNotNull();
        assertThat(check.get("all_ok").asBoolean()).isTrue();
        byte[] sig = Hex.decode(d.get("round_signature_hex").asText());
        JsonNode tl = d.get("tlock");
        assertThat(tl.size()).isEqualTo(10);
        for (int i = 0; i < tl.size(); i++) {
            JsonNode v = tl.get(i);
            JsonNode w = check.get("tlock").get(i);
            assertThat(w.get("label").asText()).isEqualTo(v.get("label").asText());
            assertThat(w.get("decrypts_to_message").asBoolean()).as(v.get("label").asText()).isTrue();
            assertThat(w.get("wasm_plaintext_hex").asText()).isEqualTo(v.get("message_hex").asText());
            assertThat(w.get("other_build_refuses").asBoolean()).isTrue();
            byte[] ct = Hex.decode(v.get("ciphertext_hex").asText());
            TlockLayout layout = TlockLayout.valueOf(v.get("layout").asText().toUpperCase());
            assertThat(w.get("build").asText()).endsWith(layout == TlockLayout.LEGACY ? "@1.0.0" : "@0.3.0");
            assertThat(TlockCiphertext.detectLayout(ct)).isEqualTo(layout);
            assertThat(Hex.encode(Tlock.decrypt(ct, sig))).isEqualTo(v.get("message_hex").asText());
        }
    }

    @Test
    void javaSealedPayloadsOpenedInNodeAndOpenInJava() throws Exception {
        JsonNode d = doc();
        byte[] sig = Hex.decode(d.get("round_signature_hex").asText());
        JsonNode ps = d.get("mantis_payloads");
        assertThat(ps.size()).isEqualTo(2);
        for (int i = 0; i < ps.size(); i++) {
            JsonNode v = ps.get(i);
            JsonNode w = d.get("wasm_check").get("mantis_payloads").get(i);
            assertThat(w.get("validator_path_ok").asBoolean()).isTrue();
            assertThat(w.get("owner_path_ok").asBoolean()).isTrue();
            assertThat(w.get("validator_path_plaintext").asText()).isEqualTo(v.get("expected_plaintext_json").asText());
            PayloadOpener opener = new PayloadOpener(Hex.decode(v.get("owner_x25519_public_hex").asText()));
            OpenResult r = opener.openRaw(v.get("payload_json").asText().getBytes(StandardCharsets.UTF_8),
                    round -> round == 1000 ? sig : null, v.get("hotkey").asText());
            assertThat(r).isInstanceOf(OpenResult.Opened.class);
            assertThat(((OpenResult.Opened) r).plaintextUtf8()).isEqualTo(v.get("expected_plaintext_json").asText());
        }
    }
}
