package io.tao4j.drand;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockCiphertext;
import io.tao4j.drand.tlock.TlockLayout;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java-made ciphertexts (vectors/java_tlock_r1000.json, from mantis's JavaVectorGenerator) as decrypted
 * by the real wasm builds (its wasm_check section, written by tools/vectors/drand/check_java_tlock.mjs):
 * the recorded results must say they decrypted, and Java must agree with them. The file's MANTIS payloads
 * are checked by mantis's JavaSealedPayloadsTest.
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
}
