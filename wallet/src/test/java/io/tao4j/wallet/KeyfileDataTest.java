package io.tao4j.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyfileDataTest {
    private static final JsonNode KP = Vectors.keyfiles().at("/keypair");

    private static KeyfileData parse(String text) {
        return KeyfileData.parse(text.getBytes(StandardCharsets.UTF_8), "test keyfile");
    }

    @Test
    void readsPythonAndBtwalletJson() {
        for (String f : new String[]{"python_bittensor_keyfile_py_json", "btwallet_rust_json_example_key_order_unspecified"}) {
            KeyfileData d = parse(Vectors.keyfiles().at("/keyfile_plaintexts/" + f).asText());
            assertThat(d.ss58Address()).isEqualTo(KP.get("ss58_42").asText());
            assertThat(Hex.encode(d.publicKey())).isEqualTo(KP.get("public_key_hex").asText());
            assertThat(Hex.encode(d.privateKey().orElseThrow())).isEqualTo(KP.get("private_key_canonical_hex").asText());
            assertThat(d.secretPhrase()).contains(KP.get("mnemonic").asText());
            assertThat(Hex.encode(d.secretSeed().orElseThrow())).isEqualTo(KP.get("mini_secret_hex").asText());
            byte[] sig = d.keyPair().sign("msg".getBytes());
            assertThat(Sr25519.verify(d.publicKey(), "msg".getBytes(), sig)).isTrue();
        }
    }

    @Test
    void privateKeyAloneIsTheCanonicalForm() {
        KeyfileData d = parse("{\"privateKey\":\"0x" + KP.get("private_key_canonical_hex").asText() + "\"}");
        assertThat(d.ss58Address()).isEqualTo(KP.get("ss58_42").asText());
        assertThat(d.secretPhrase()).isEmpty();
    }

    @Test
    void publicFilesAndLegacyHex() {
        for (String f : new String[]{"coldkeypub_txt_btwallet_example", "coldkeypub_txt_python_example"}) {
            KeyfileData d = parse(Vectors.keyfiles().at("/keyfile_plaintexts/" + f).asText());
            assertThat(d.hasSecret()).isFalse();
            assertThat(d.ss58Address()).isEqualTo(KP.get("ss58_42").asText());
            assertThatThrownBy(d::keyPair).isInstanceOf(WalletException.class).hasMessageContaining("public only");
        }
        JsonNode legacy = Vectors.keyfiles().at("/keyfile_plaintexts/legacy_coldkeypub_txt_real");
        assertThat(KeyfileFormat.detect(legacy.get("content").asText().getBytes())).isEqualTo(KeyfileFormat.LEGACY_PUBLIC_HEX);
        assertThat(parse(legacy.get("content").asText()).ss58Address()).isEqualTo(legacy.get("ss58_42").asText());
        JsonNode test = Vectors.keyfiles().at("/keyfile_plaintexts/legacy_coldkey_test_real");
        assertThat(parse(test.get("content").asText()).ss58Address()).isEqualTo(test.get("expected_ss58").asText());
    }

    @Test
    void writesBtwalletFields() throws Exception {
        KeyfileData d = KeyfileData.fromMnemonic(KP.get("mnemonic").asText());
        JsonNode written = new ObjectMapper().readTree(d.toJson());
        JsonNode python = new ObjectMapper().readTree(
                Vectors.keyfiles().at("/keyfile_plaintexts/python_bittensor_keyfile_py_json").asText());
        assertThat(written).isEqualTo(python); // same six fields and values, whatever the order
        JsonNode pub = new ObjectMapper().readTree(d.publicPart().toJson());
        assertThat(pub).isEqualTo(new ObjectMapper().readTree(
                Vectors.keyfiles().at("/keyfile_plaintexts/coldkeypub_txt_btwallet_example").asText()));
    }

    @Test
    void seedsOfBothLengths() {
        KeyfileData mini = KeyfileData.fromSeed(Hex.decode(KP.get("mini_secret_hex").asText()));
        assertThat(mini.ss58Address()).isEqualTo(KP.get("ss58_42").asText());
        assertThat(mini.secretSeed()).isPresent();
        KeyfileData canon = KeyfileData.fromSeed(Hex.decode(KP.get("private_key_canonical_hex").asText()));
        assertThat(canon.ss58Address()).isEqualTo(KP.get("ss58_42").asText());
        assertThat(canon.secretSeed()).isEmpty();
        assertThatThrownBy(() -> KeyfileData.fromSeed(new byte[31])).hasMessageContaining("32 bytes");
    }

    @Test
    void uriKeys() {
        assertThat(KeyfileData.fromUri("//Alice").ss58Address()).isEqualTo("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
        assertThatThrownBy(() -> KeyfileData.fromUri("not a uri at all //x"))
                .isInstanceOf(WalletException.class).hasMessageStartingWith("invalid secret URI");
    }

    @Test
    void rejectsInconsistentOrMalformedFiles() {
        String pk = KP.get("private_key_canonical_hex").asText();
        String alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        assertThatThrownBy(() -> parse("{\"privateKey\":\"0x" + pk + "\",\"ss58Address\":\"" + alice + "\"}"))
                .hasMessageContaining("do not match");
        assertThatThrownBy(() -> parse("{\"privateKey\":\"0x1234\"}")).hasMessageContaining("privateKey must be 64 bytes");
        assertThatThrownBy(() -> parse("{\"ss58Address\":\"5Grw\"}")).hasMessageContaining("ss58Address is invalid");
        assertThatThrownBy(() -> parse("{\"foo\":1}")).hasMessageContaining("holds no key");
        assertThatThrownBy(() -> parse("garbage")).hasMessageContaining("not a keyfile");
        assertThatThrownBy(() -> parse("{\"secretPhrase\":\"old leopard transfer\"}"))
                .hasMessageStartingWith("invalid mnemonic");
    }

    @Test
    void toStringHidesSecrets() {
        KeyfileData d = KeyfileData.fromMnemonic(KP.get("mnemonic").asText());
        assertThat(d.toString()).contains(KP.get("ss58_42").asText())
                .doesNotContain("leopard").doesNotContain(KP.get("private_key_canonical_hex").asText().substring(0, 16));
    }
}
