package io.tao4j.wallet.kdf;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import io.tao4j.wallet.KeyfileCrypto;
import io.tao4j.wallet.Vectors;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both Argon2i implementations against the libsodium 1.0.20 vectors: the small-parameter ones, and for the
 * full SENSITIVE derivation of the node-made keyfile.
 */
class Argon2iKdfTest {

    @Test
    void bundledLibsodiumLoadsOnThisPlatform() throws Exception {
        // linux x86-64 is what the project runs on: the jar must bring a working libsodium without any install
        Set<String> before = unpacked();
        assertThat(NaclKdf.tryNative()).isNotNull();
        // the unpacked library is removed once loaded: nothing accumulates in the temp directory
        assertThat(unpacked()).isSubsetOf(before);
        assertThat(NaclKdf.choose("auto")).isInstanceOf(SodiumArgon2i.class);
        assertThat(NaclKdf.choose("java")).isSameAs(JavaArgon2i.INSTANCE);
        assertThatThrownBy(() -> NaclKdf.choose("fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, native or java");
    }

    @Test
    void fallsBackToJavaWhenTheNativeCannotLoad() {
        Supplier<Argon2iKdf> broken = () -> {
            throw new UnsatisfiedLinkError("libsodium.so: cannot open shared object file");
        };
        assertThat(NaclKdf.choose("auto", broken)).isSameAs(JavaArgon2i.INSTANCE);
        assertThat(NaclKdf.choose("", () -> {
            throw new IllegalStateException("no libsodium for this platform");
        })).isSameAs(JavaArgon2i.INSTANCE);
        // forced native does not hide the failure
        assertThatThrownBy(() -> NaclKdf.choose("native", broken)).isInstanceOf(UnsatisfiedLinkError.class);
    }

    private static Set<String> unpacked() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("tao4j-sodium") || n.startsWith("resource-loader"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void smallParameterVectorsBothImplementations() throws Exception {
        for (Argon2iKdf kdf : List.of(SodiumArgon2i.load(), JavaArgon2i.INSTANCE)) {
            for (JsonNode a : Vectors.nodeNacl().get("argon2i")) {
                byte[] out = kdf.derive(a.get("password_utf8").asText().getBytes(StandardCharsets.UTF_8),
                        Hex.decode(a.get("salt_hex").asText()), a.get("opslimit").asInt(),
                        a.get("memlimit_bytes").asLong(), 32);
                assertThat(Hex.encode(out)).as(kdf.name()).isEqualTo(a.get("key_hex").asText());
            }
        }
    }

    /** Two full SENSITIVE derivations (8 passes, 512 MiB): the libsodium-made keyfile's key, from each implementation. */
    @Test
    void sensitiveDerivationMatchesNodeKeyfileBothImplementations() throws Exception {
        JsonNode v = Vectors.nodeNacl().get("nacl_keyfile");
        for (Argon2iKdf kdf : List.of(SodiumArgon2i.load(), JavaArgon2i.INSTANCE)) {
            byte[] key = kdf.derive(v.get("password_utf8").asText().getBytes(StandardCharsets.UTF_8),
                    KeyfileCrypto.naclSalt(), v.get("opslimit").asInt(), v.get("memlimit_bytes").asLong(), 32);
            assertThat(Hex.encode(key)).as(kdf.name()).isEqualTo(v.get("derived_key_hex").asText());
        }
    }

    @Test
    void parametersLibsodiumRefusesAreNamedErrors() {
        SodiumArgon2i kdf = SodiumArgon2i.load();
        byte[] salt = new byte[16];
        assertThatThrownBy(() -> kdf.derive(new byte[1], new byte[15], 3, 8192, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salt must be 16 bytes");
        assertThatThrownBy(() -> kdf.derive(new byte[1], salt, 2, 8192, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opslimit");
        assertThatThrownBy(() -> kdf.derive(new byte[1], salt, 3, 1024, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memlimit");
    }
}
