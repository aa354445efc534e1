package io.tao4j.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.wallet.legacy.AnsibleVault;
import io.tao4j.wallet.legacy.LegacyFernet;
import io.tao4j.wallet.password.Password;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LegacyFormatsTest {
    private static final String PW = "thisisafakepassword";

    @Test
    void ansibleVaultKeyfilesFromPythonAndRustLayouts() {
        JsonNode av = Vectors.keyfiles().at("/encrypted/ansible_vault");
        String expected = av.get("plaintext_utf8").asText();
        for (String field : new String[]{"file_text_as_python_ansible_vault_Vault_encrypt_no_indent",
                "file_text_as_ansible_vault_rs_encrypt_vault_6space_indent"}) {
            byte[] file = av.get(field).asText().getBytes(StandardCharsets.UTF_8);
            assertThat(KeyfileFormat.detect(file)).isEqualTo(KeyfileFormat.ANSIBLE_VAULT);
            byte[] plain = KeyfileCrypto.decrypt(file, Password.of(PW, "test"), "vault");
            assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(expected);
            assertThat(KeyfileData.parse(plain, "vault").ss58Address())
                    .isEqualTo(Vectors.keyfiles().at("/keypair/ss58_42").asText());
        }
        byte[] file = av.get("file_text_as_python_ansible_vault_Vault_encrypt_no_indent").asText()
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KeyfileCrypto.decrypt(file, Password.of("nope", "the test"), "keyfile x"))
                .isInstanceOf(WrongPasswordException.class)
                .hasMessage("wrong password for keyfile x (Ansible Vault keyfile; password from the test)");
    }

    @Test
    void thirdPartyAnsibleVaults() throws Exception {
        for (String name : new String[]{"ansible_vault_rs_lipsum", "ansible_vault_rs_doc_example"}) {
            JsonNode v = Vectors.keyfiles().at("/real_third_party_vectors/" + name);
            byte[] plain = AnsibleVault.decrypt(v.get("vault_text").asText(), v.get("password").asText().toCharArray());
            assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(v.get("plaintext").asText());
        }
        assertThatThrownBy(() -> AnsibleVault.decrypt("$ANSIBLE_VAULT;1.2;AES256;x\n00", "a".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported");
    }

    @Test
    void fernetSpecToken() throws Exception {
        JsonNode v = Vectors.keyfiles().at("/real_third_party_vectors/fernet_spec_generate");
        byte[] key = Base64.getUrlDecoder().decode(v.get("secret_b64url").asText());
        assertThat(new String(LegacyFernet.decryptWithKey(v.get("token").asText(), key), StandardCharsets.UTF_8))
                .isEqualTo(v.get("src").asText());
        key[0] ^= 1;
        assertThatThrownBy(() -> LegacyFernet.decryptWithKey(v.get("token").asText(), key))
                .isInstanceOf(AEADBadTagException.class);
    }

    /** The only test with the 10,000,000-round PBKDF2 (a few seconds). */
    @Test
    void fernetKeyfileWithPassword() {
        JsonNode v = Vectors.keyfiles().at("/encrypted/legacy_fernet");
        byte[] file = v.get("token").asText().getBytes(StandardCharsets.US_ASCII);
        assertThat(KeyfileFormat.detect(file)).isEqualTo(KeyfileFormat.FERNET);
        byte[] plain = KeyfileCrypto.decrypt(file, Password.of(PW, "test"), "fernet");
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(v.get("plaintext_utf8").asText());
    }

    @Test
    void fernetKeyDerivationMatchesPython() {
        // checked without the slow KDF: the recorded raw PBKDF2 key opens the token
        JsonNode v = Vectors.keyfiles().at("/encrypted/legacy_fernet");
        byte[] raw = HexFormat.of().parseHex(v.get("pbkdf2_key_raw_hex").asText());
        assertThat(Base64.getUrlEncoder().encodeToString(raw)).isEqualTo(v.get("fernet_key_b64url").asText());
    }

    @Test
    void damagedFilesAreNamed() {
        byte[] junk = "$ANSIBLE_VAULT;1.1;AES256\nzz".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KeyfileCrypto.decrypt(junk, Password.of(PW, "t"), "keyfile y"))
                .isInstanceOf(WalletException.class).isNotInstanceOf(WrongPasswordException.class)
                .hasMessageContaining("keyfile y looks like a Ansible Vault keyfile but is damaged");
        assertThatThrownBy(() -> KeyfileCrypto.decrypt("{}".getBytes(), Password.of(PW, "t"), "keyfile z"))
                .hasMessage("keyfile z is not encrypted (format: plaintext JSON)");
        assertThatThrownBy(() -> KeyfileCrypto.decrypt("$NACLshort".getBytes(), Password.of(PW, "t"), "k"))
                .isInstanceOf(WalletException.class).hasMessageContaining("not a complete $NACL file");
    }
}
