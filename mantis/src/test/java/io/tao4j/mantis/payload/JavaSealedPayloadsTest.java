package io.tao4j.mantis.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two Java-sealed payloads of drand's vectors/java_tlock_r1000.json (written by tools.JavaVectorGenerator)
 * as opened by node:crypto and the wasm tld (its wasm_check section, from tools/vectors/drand/check_java_tlock.mjs):
 * the recorded results must say they opened, and Java must open the same bytes to the same plaintext.
 */
class JavaSealedPayloadsTest {
    @Test
    void javaSealedPayloadsOpenedInNodeAndOpenInJava() throws Exception {
        JsonNode d = PayloadFixtures.javaVectors();
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
            byte[] raw = v.get("payload_json").asText().getBytes(StandardCharsets.UTF_8);
            OpenResult r = opener.openRaw(raw, round -> round == 1000 ? sig : null, v.get("hotkey").asText());
            assertThat(r).isInstanceOf(OpenResult.Opened.class);
            assertThat(((OpenResult.Opened) r).plaintextUtf8()).isEqualTo(v.get("expected_plaintext_json").asText());
        }
    }
}
