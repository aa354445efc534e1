/**
 * tao4j-wallet: bittensor wallets on disk (coldkey/hotkey keyfiles, encryption, passwords).
 * {@code io.tao4j.wallet.legacy} (old keyfile formats) and {@code io.tao4j.wallet.kdf} (Argon2i) stay internal.
 */
module io.tao4j.wallet {
    exports io.tao4j.wallet;
    exports io.tao4j.wallet.password;

    requires transitive io.tao4j.crypto;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    // $NACL Argon2i through the libsodium bundled in lazysodium (no Automatic-Module-Name: filename-derived)
    requires lazysodium.java;
    requires com.sun.jna;
}
