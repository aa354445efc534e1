package io.tao4j.crypto.aead;

import java.security.SecureRandom;

/** X25519 Diffie–Hellman (RFC 7748) on raw 32-byte keys. */
public final class X25519 {
    public static final int KEY_SIZE = 32;

    private X25519() {
    }

    /** A fresh random 32-byte secret key (clamping happens inside the scalar multiplication). */
    public static byte[] generateSecretKey(SecureRandom random) {
        byte[] k = new byte[KEY_SIZE];
        random.nextBytes(k);
        return k;
    }

    /** The raw public key {@code X25519(sk, 9)}. */
    public static byte[] publicKey(byte[] secretKey) {
        checkLength(secretKey, "secret key");
        byte[] out = new byte[KEY_SIZE];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(secretKey, 0, out, 0);
        return out;
    }

    /**
     * The shared secret {@code X25519(sk, peer)}. Refuses an all-zero result (a low-order peer key), as
     * Python {@code cryptography} and libsodium do.
     */
    public static byte[] sharedSecret(byte[] secretKey, byte[] peerPublicKey) {
        checkLength(secretKey, "secret key");
        checkLength(peerPublicKey, "public key");
        byte[] out = new byte[KEY_SIZE];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(secretKey, 0, peerPublicKey, 0, out, 0);
        int acc = 0;
        for (byte b : out) {
            acc |= b;
        }
        if (acc == 0) {
            throw new IllegalArgumentException("X25519 peer public key is of low order (all-zero shared secret)");
        }
        return out;
    }

    private static void checkLength(byte[] key, String what) {
        if (key == null || key.length != KEY_SIZE) {
            throw new IllegalArgumentException("X25519 " + what + " must be 32 bytes, got "
                    + (key == null ? "none" : key.length));
        }
    }
}
