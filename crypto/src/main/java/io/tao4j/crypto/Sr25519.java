package io.tao4j.crypto;

import io.tao4j.crypto.sr25519.Schnorrkel;

/** Stateless sr25519 operations on public keys: signature verification and soft public derivation. */
public final class Sr25519 {

    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private Sr25519() {
    }

    /**
     * Verifies a schnorrkel signature under the "substrate" context. Returns false (never throws) for a
     * wrong signature and for malformed input: null, wrong lengths, a public key or R that is not a valid
     * Ristretto encoding, a missing schnorrkel marker bit, or a non-canonical s.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return Schnorrkel.verify(publicKey, Schnorrkel.SUBSTRATE_CONTEXT, message, signature);
    }

    /** Verifies under another signing context (Substrate itself always uses "substrate"). */
    public static boolean verify(byte[] publicKey, byte[] context, byte[] message, byte[] signature) {
        return Schnorrkel.verify(publicKey, context, message, signature);
    }

    /**
     * Derives a child public key from a public key along a path of soft junctions only (e.g.
     * {@code /stash/0}), as a watch-only wallet can.
     *
     * @throws IllegalArgumentException for an invalid key or a path containing a hard junction
     */
    public static byte[] deriveSoftPublic(byte[] publicKey, String path) {
        if (publicKey == null || publicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("sr25519 public key must be 32 bytes");
        }
        byte[] pk = publicKey.clone();
        for (DeriveJunction j : DeriveJunction.parsePath(path)) {
            if (j.isHard()) {
                throw new IllegalArgumentException("hard junction " + j + " cannot be derived from a public key");
            }
            pk = Schnorrkel.softDerivePublic(pk, j.chainCode());
        }
        return pk;
    }
}
