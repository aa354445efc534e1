/**
 * tao4j-wallet: bittensor wallets on disk (coldkey/hotkey keyfiles, encryption, passwords).
 * {@code io.tao4j.wallet.legacy} (old keyfile formats) stays internal.
 */
module io.tao4j.wallet {
    exports io.tao4j.wallet;
    exports io.tao4j.wallet.password;

    requires transitive io.tao4j.crypto;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
}
