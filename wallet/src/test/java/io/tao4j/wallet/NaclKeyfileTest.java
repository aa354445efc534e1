package io.tao4j.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.nacl.SecretBox;
import io.tao4j.crypto.nacl.Argon2i;
import io.tao4j.wallet.password.Password;
import io.tao4j.wallet.password.PasswordResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code $NACL} keyfiles: vectors made by libsodium (shared fixtures and our node script) decrypt,
 * and our own output round-trips. Each full Argon2i SENSITIVE derivation costs 512 MiB and ~2 s (bundled
 * libsodium; the pure-Java fallback ~5-10 s, see kdf.Argon2iKdfTest),
 * so only four derivations run here (the CLI tests add two).
 */
class NaclKeyfileTest {

    /**
     * No derivation here: the shared libsodium-made keyfiles open with the recorded libsodium key
     * ({@code crypto}'s NaclKeyfileVectorTest proves our Argon2i gives that key for the password).
     */
    @Test
    void decryptsSharedLibsodiumKeyfiles() throws Exception {
        for (String section : new String[]{"nacl", "nacl_rust_json"}) {
            JsonNode v = Vectors.keyfiles().at("/encrypted/" + section);
            byte[] plain = KeyfileCrypto.openNacl(Hex.decode(v.get("file_bytes_hex").asText()),
                    Hex.decode(v.get("derived_key_hex").asText()));
            assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(v.get("plaintext_utf8").asText());
            assertThat(KeyfileData.parse(plain, "k").ss58Address())
                    .isEqualTo(Vectors.keyfiles().at("/keypair/ss58_42").asText());
        }
    }

    /** Derivation 1: the node/libsodium keyfile (non-ASCII password) unlocked through a wallet on disk. */
    @Test
    void unlocksNodeMadeColdkey(@TempDir Path tmp) throws Exception {
        JsonNode v = Vectors.nodeNacl().get("nacl_keyfile");
        Wallet w = new Wallet(tmp, "node", "default");
        w.coldkeyFile().writeBytes(Hex.decode(v.get("file_bytes_hex").asText()), false);
        assertThat(w.coldkeyFile().isEncrypted()).isTrue();
        KeyfileData d = w.unlockColdkey(PasswordResolver.fixed(v.get("password_utf8").asText()));
        assertThat(d.ss58Address()).isEqualTo(v.get("ss58_42").asText());
        assertThat(d.toJson()).isEqualTo(v.get("plaintext_utf8").asText().getBytes(StandardCharsets.UTF_8));
    }

    /** Derivations 2-4: our own $NACL output is written, read back, and a wrong password is reported as such. */
    @Test
    void roundTripAndWrongPassword(@TempDir Path tmp) throws Exception {
        Wallet w = new Wallet(tmp, "enc", "default");
        KeyfileData key = KeyfileData.fromUri("//Alice");
        w.setColdkey(key, Password.of("correct horse", "test"), false);
        byte[] file = Files.readAllBytes(w.coldkeyFile().path());
        assertThat(new String(file, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("$NACL");
        assertThat(file).hasSize(5 + 24 + 16 + key.toJson().length);
        assertThat(WalletFilesTest.mode(w.coldkeyFile().path())).isEqualTo("rw-------");
        // coldkeypub.txt stays plaintext and readable without the password
        assertThat(w.coldkeyPub().ss58Address()).isEqualTo(key.ss58Address());

        assertThat(w.unlockColdkey(PasswordResolver.fixed("correct horse")).toJson()).isEqualTo(key.toJson());
        assertThatThrownBy(() -> w.unlockColdkey(PasswordResolver.fixed("wrong horse")))
                .isInstanceOf(WrongPasswordException.class)
                .hasMessage("wrong password for keyfile " + w.coldkeyFile().path()
                        + " (NaCl ($NACL) keyfile; password from the caller)");
    }

    /** No derivation: node's secretbox vectors of many lengths, and small-parameter Argon2i vectors. */
    @Test
    void nodeSecretboxAndArgon2Vectors() throws Exception {
        for (JsonNode b : Vectors.nodeNacl().get("secretbox")) {
            byte[] key = Hex.decode(b.get("key_hex").asText());
            byte[] nonce = Hex.decode(b.get("nonce_hex").asText());
            byte[] plain = Hex.decode(b.get("plaintext_hex").asText());
            byte[] boxed = Hex.decode(b.get("boxed_hex").asText());
            assertThat(SecretBox.seal(key, nonce, plain)).isEqualTo(boxed);
            assertThat(SecretBox.open(key, nonce, boxed)).isEqualTo(plain);
        }
        for (JsonNode a : Vectors.nodeNacl().get("argon2i")) {
            byte[] out = Argon2i.deriveKey(a.get("password_utf8").asText().getBytes(StandardCharsets.UTF_8),
                    Hex.decode(a.get("salt_hex").asText()), a.get("opslimit").asInt(), a.get("memlimit_bytes").asLong(), 32);
            assertThat(Hex.encode(out)).isEqualTo(a.get("key_hex").asText());
        }
        // the node keyfile opens with its recorded key too
        JsonNode v = Vectors.nodeNacl().get("nacl_keyfile");
        byte[] plain = KeyfileCrypto.openNacl(Hex.decode(v.get("file_bytes_hex").asText()),
                Hex.decode(v.get("derived_key_hex").asText()));
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(v.get("plaintext_utf8").asText());
        byte[] resealed = KeyfileCrypto.sealNacl(plain, Hex.decode(v.get("derived_key_hex").asText()),
                Arrays.copyOfRange(Hex.decode(v.get("file_bytes_hex").asText()), 5, 29));
        assertThat(Hex.encode(resealed)).isEqualTo(v.get("file_bytes_hex").asText());
    }
}
