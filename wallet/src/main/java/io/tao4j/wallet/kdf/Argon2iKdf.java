package io.tao4j.wallet.kdf;

/**
 * libsodium {@code crypto_pwhash} with {@code crypto_pwhash_ALG_ARGON2I13}: Argon2i v1.3, one lane,
 * iterations = opslimit, memory = memlimit / 1024 KiB, 16-byte salt — the key derivation of btwallet's
 * {@code $NACL} keyfiles. Two implementations give the same bytes: {@link SodiumArgon2i} (the libsodium
 * that lazysodium-java ships in its jar) and {@link JavaArgon2i} (pure Java, BouncyCastle);
 * {@link NaclKdf#get()} picks one.
 */
public interface Argon2iKdf {

    /** Short name for logs and the bench: {@code "libsodium (bundled with lazysodium-java)"}, {@code "java (BouncyCastle)"}. */
    String name();

    /**
     * Derives {@code outLen} bytes.
     *
     * @throws IllegalArgumentException for parameters libsodium refuses
     * @throws io.tao4j.wallet.WalletException when the memory cannot be had
     */
    byte[] derive(byte[] password, byte[] salt, int opsLimit, long memLimit, int outLen);
}
