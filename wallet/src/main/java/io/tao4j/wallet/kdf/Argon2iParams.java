package io.tao4j.wallet.kdf;

import io.tao4j.crypto.nacl.Argon2i;

/** The parameter checks libsodium's {@code crypto_pwhash_argon2i} makes, with named errors. */
final class Argon2iParams {
    private Argon2iParams() {
    }

    static void check(byte[] salt, int opsLimit, long memLimit, int outLen) {
        if (salt == null || salt.length != Argon2i.SALT_BYTES) {
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
}
