/**
 * tao4j-crypto: sr25519 keys and signatures, Substrate hashes and SS58, BLS12-381 for drand, AEAD and NaCl
 * helpers. {@code io.tao4j.crypto.sr25519} holds the schnorrkel building blocks and stays internal.
 */
module io.tao4j.crypto {
    exports io.tao4j.crypto;
    exports io.tao4j.crypto.aead;
    exports io.tao4j.crypto.bls;
    exports io.tao4j.crypto.nacl;

    requires org.bouncycastle.provider;
    requires com.dynatrace.hash4j;
    requires cafe.cryptography.curve25519_elisabeth;
    // jblst has neither a module descriptor nor Automatic-Module-Name: the name is derived from its file name
    requires jblst;
}
