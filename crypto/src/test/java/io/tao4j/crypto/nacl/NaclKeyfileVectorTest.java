package io.tao4j.crypto.nacl;

import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SecretBox and Argon2i against {@code bittensor_keyfiles.json}, whose {@code $NACL} files were made
 * by libsodium 1.0.20 (libsodium-wrappers-sumo) exactly as btwallet encrypts keyfiles.
 */
class NaclKeyfileVectorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NACL_SALT = HEX.parseHex("137183dff15a09bc9c90b5518739e9b1");

    /** The value of {@code key} in the JSON object that starts at the line {@code "section": {}. */
    static String field(String section, String key) throws IOException {
        Path file = Path.of(System.getProperty("tao4j.shared"), "fixtures", "vectors", "bittensor_keyfiles.json");
        List<String> lines = Files.readAllLines(file);
        int i = 0;
        while (!lines.get(i).trim().startsWith("\"" + section + "\": {")) {
            i++;
        }
        for (i++; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            String prefix = "\"" + key + "\": \"";
            if (t.startsWith(prefix)) {
                String raw = t.substring(prefix.length(), t.lastIndexOf('"'));
                return raw.replace("\\\"", "\"").replace("\\\\", "\\");
            }
            if (t.startsWith("}")) {
                break;
            }
        }
        throw new IllegalStateException(key + " not found in " + section);
    }

    @Test
    void opensLibsodiumKeyfilesWithTheRecordedKey() throws Exception {
        for (String section : List.of("nacl", "nacl_rust_json")) {
            byte[] file = HEX.parseHex(field(section, "file_bytes_hex"));
            byte[] key = HEX.parseHex(field(section, "derived_key_hex"));
            assertThat(new String(file, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("$NACL");
            byte[] nonce = Arrays.copyOfRange(file, 5, 29);
            byte[] boxed = Arrays.copyOfRange(file, 29, file.length);
            byte[] plain = SecretBox.open(key, nonce, boxed);
            assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(field(section, "plaintext_utf8"));
            // sealing again with the same nonce reproduces libsodium's bytes exactly
            assertThat(SecretBox.seal(key, nonce, plain)).isEqualTo(boxed);
        }
    }

    @Test
    void rejectsAlteredDataAndWrongKey() throws Exception {
        byte[] file = HEX.parseHex(field("nacl", "file_bytes_hex"));
        byte[] key = HEX.parseHex(field("nacl", "derived_key_hex"));
        byte[] nonce = Arrays.copyOfRange(file, 5, 29);
        byte[] boxed = Arrays.copyOfRange(file, 29, file.length);
        byte[] flipped = boxed.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThatThrownBy(() -> SecretBox.open(key, nonce, flipped)).isInstanceOf(AEADBadTagException.class);
        byte[] otherKey = key.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> SecretBox.open(otherKey, nonce, boxed)).isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> SecretBox.open(key, nonce, new byte[15])).isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> SecretBox.open(new byte[31], nonce, boxed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void roundTripsAllLengths() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        for (int len : new int[]{0, 1, 31, 32, 33, 63, 64, 65, 1000}) {
            byte[] msg = new byte[len];
            for (int i = 0; i < len; i++) {
                msg[i] = (byte) (i * 31);
            }
            byte[] nonce = SecretBox.randomNonce();
            byte[] boxed = SecretBox.seal(key, nonce, msg);
            assertThat(boxed).hasSize(len + 16);
            assertThat(SecretBox.open(key, nonce, boxed)).isEqualTo(msg);
        }
    }

    /** One full SENSITIVE derivation (512 MiB, several seconds): the libsodium key for the test password. */
    @Test
    void argon2iSensitiveMatchesLibsodium() throws Exception {
        byte[] key = Argon2i.deriveSensitive("thisisafakepassword".getBytes(StandardCharsets.UTF_8), NACL_SALT);
        assertThat(HEX.formatHex(key)).isEqualTo(field("nacl", "derived_key_hex"));
    }

    @Test
    void argon2iRejectsBadParameters() {
        assertThatThrownBy(() -> Argon2i.deriveKey(new byte[1], new byte[8], 3, 1 << 20, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salt");
        assertThatThrownBy(() -> Argon2i.deriveKey(new byte[1], NACL_SALT, 2, 1 << 20, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opslimit");
    }
}
