package io.tao4j.wallet.kdf;

import io.tao4j.crypto.nacl.Argon2i;

import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.utils.LibraryLoader;
import com.sun.jna.NativeLong;
import io.tao4j.wallet.WalletException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Argon2i through libsodium: the {@code libsodium.so} that lazysodium-java carries in its jar (1.0.18 in lazysodium-java 5.1.4,
 * with libsodium's own SSE/AVX2/AVX-512 code paths), loaded through JNA. The working memory is native, so
 * the Java heap size does not matter. {@link #load()} fails with a {@link LinkageError} or
 * {@link RuntimeException} where the native library cannot be loaded; {@link NaclKdf} then uses
 * {@link JavaArgon2i}.
 */
public final class SodiumArgon2i implements Argon2iKdf {
    /** {@code crypto_pwhash_ALG_ARGON2I13}. */
    private static final int ALG_ARGON2I13 = 1;

    private final SodiumJava sodium;

    private SodiumArgon2i(SodiumJava sodium) {
        this.sodium = sodium;
    }

    /**
     * Loads the bundled libsodium (never a system one, so the version is always the one tested). Only this
     * platform's library is copied out of the jar, into a fresh private temporary directory, and deleted again as
     * soon as it is loaded (lazysodium's own loader would unpack every platform's library and leave it behind).
     */
    public static SodiumArgon2i load() {
        String resource = LibraryLoader.getSodiumPathInResources().replace('\\', '/');
        SodiumJava sodium;
        try (InputStream in = SodiumJava.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("lazysodium-java has no libsodium for this platform (" + resource + ")");
            }
            Path dir = Files.createTempDirectory("tao4j-sodium");
            Path lib = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            try {
                Files.copy(in, lib);
                sodium = new SodiumJava(lib.toAbsolutePath().toString());
            } finally {
                deleteOrLater(lib);
                deleteOrLater(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled libsodium: " + e.getMessage(), e);
        }
        if (sodium.sodium_init() < 0) {
            throw new IllegalStateException("sodium_init failed");
        }
        return new SodiumArgon2i(sodium);
    }

    /** Linux and macOS allow deleting a loaded library; Windows does not (then it goes when the JVM exits). */
    private static void deleteOrLater(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            p.toFile().deleteOnExit();
        }
    }

    @Override
    public String name() {
        return "libsodium (bundled with lazysodium-java)";
    }

    @Override
    public byte[] derive(byte[] password, byte[] salt, int opsLimit, long memLimit, int outLen) {
        Argon2i.checkParameters(salt, opsLimit, memLimit, outLen);
        byte[] out = new byte[outLen];
        int rc = sodium.crypto_pwhash(out, outLen, password, password.length, salt, opsLimit,
                new NativeLong(memLimit), ALG_ARGON2I13);
        if (rc != 0) {
            // libsodium's only run-time failure for valid parameters is a failed allocation
            throw new WalletException("libsodium could not derive the keyfile key: "
                    + (memLimit >> 20) + " MiB of memory could not be allocated (free some memory and retry)");
        }
        return out;
    }
}
