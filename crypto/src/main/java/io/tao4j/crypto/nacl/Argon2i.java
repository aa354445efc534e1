package io.tao4j.crypto.nacl;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * libsodium's {@code crypto_pwhash} with algorithm Argon2i v1.3 ({@code crypto_pwhash_argon2i}),
 * as used by PyNaCl {@code pwhash.argon2i.kdf} and sodiumoxide {@code argon2i13::derive_key}:
 * iterations = opslimit, memory = memlimit / 1024 KiB, one lane, 16-byte salt.
 *
 * <p>With the SENSITIVE limits (btwallet's keyfile KDF) one derivation needs 512 MiB of heap and
 * takes seconds; callers should derive once and reuse the key.
 */
public final class Argon2i {
    /** libsodium {@code crypto_pwhash_argon2i_OPSLIMIT_SENSITIVE}. */
    public static final int OPSLIMIT_SENSITIVE = 8;
    /** libsodium {@code crypto_pwhash_argon2i_MEMLIMIT_SENSITIVE} (512 MiB). */
    public static final long MEMLIMIT_SENSITIVE = 536_870_912L;
    /** libsodium {@code crypto_pwhash_argon2i_OPSLIMIT_INTERACTIVE}. */
    public static final int OPSLIMIT_INTERACTIVE = 4;
    /** libsodium {@code crypto_pwhash_argon2i_MEMLIMIT_INTERACTIVE} (32 MiB). */
    public static final long MEMLIMIT_INTERACTIVE = 33_554_432L;
    /** libsodium {@code crypto_pwhash_argon2i_SALTBYTES}. */
    public static final int SALT_BYTES = 16;

    private Argon2i() {
    }

    /**
     * The parameter checks libsodium's {@code crypto_pwhash_argon2i} makes, with named errors: a 16-byte salt,
     * opslimit ≥ 3, 8 KiB ≤ memlimit (in whole KiB within an int), output ≥ 16 bytes.
     *
     * @throws IllegalArgumentException naming the parameter that is out of range
     */
    public static void checkParameters(byte[] salt, int opsLimit, long memLimit, int outLen) {
        if (salt == null || salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("argon2i salt must be 16 bytes, got "
                    + (salt == null ? "null" : salt.length));
        }
        if (opsLimit < 3) {
            throw new IllegalArgumentException("argon2i opslimit must be at least 3, got " + opsLimit);
        }
        if (memLimit < 8192 || memLimit / 1024 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("argon2i memlimit out of range: " + memLimit);
        }
        if (outLen < 16) {
            throw new IllegalArgumentException("argon2i output must be at least 16 bytes, got " + outLen);
        }
    }

    /**
     * Derives {@code outLen} bytes from {@code password}.
     *
     * @param opsLimit libsodium opslimit (= Argon2 passes), at least 3 as libsodium requires for Argon2i
     * @param memLimit libsodium memlimit in bytes (at least 8 KiB)
     */
    public static byte[] deriveKey(byte[] password, byte[] salt, int opsLimit, long memLimit, int outLen) {
        checkParameters(salt, opsLimit, memLimit, outLen);
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_i)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(opsLimit)
                .withMemoryAsKB((int) (memLimit / 1024))
                .withParallelism(1)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[outLen];
        gen.generateBytes(password, out);
        params.clear();
        return out;
    }

    /** 32-byte key with the SENSITIVE limits (btwallet / bittensor {@code $NACL} keyfiles). */
    public static byte[] deriveSensitive(byte[] password, byte[] salt) {
        return deriveKey(password, salt, OPSLIMIT_SENSITIVE, MEMLIMIT_SENSITIVE, 32);
    }
}
