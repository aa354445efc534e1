package io.tao4j.drand.tlock;

import io.tao4j.crypto.aead.AeadException;
import io.tao4j.crypto.aead.AesGcm;
import io.tao4j.crypto.bls.BlsException;
import io.tao4j.crypto.bls.DrandBls;
import io.tao4j.crypto.bls.G1Point;
import io.tao4j.crypto.bls.G2Point;
import io.tao4j.crypto.bls.Pairing;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Timelock encryption to a drand round, byte-compatible with the ideal-labs {@code timelock} library
 * (what MANTIS calls as {@code Timelock(pk).tle(round, message, sk)} / {@code .tld(ct, sig)}).
 *
 * <p>Boneh–Franklin FullIdent IBE over BLS12-381 (identities and signatures in G1, master key and U in
 * G2) with identity SHA-256(round as u64 big-endian) hashed to G1; H2 = SHA-256 of the arkworks bytes of
 * the GT element, H3 = SHA-256(sigma ‖ sk) mod r, H4 = SHA-256. The 32-byte {@code sk} is both the IBE
 * message and the AES-256-GCM key of the body.
 */
public final class Tlock {
    /** Order of the BLS12-381 prime subgroups. */
    public static final BigInteger R_ORDER =
            new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
    public static final int SECRET_SIZE = 32;

    private final G2Point publicKey;

    /** A timelock for the drand chain with this public key (quicknet: the 96-byte G2 key). */
    public Tlock(G2Point publicKey) {
        this.publicKey = publicKey;
    }

    public G2Point publicKey() {
        return publicKey;
    }

    /** {@code tle}: encrypts in the {@link TlockLayout#CURRENT} layout with fresh randomness. */
    public byte[] encrypt(long round, byte[] message, byte[] sk) {
        return encrypt(round, message, sk, TlockLayout.CURRENT, new SecureRandom());
    }

    /** {@code tle} in the given layout; sigma (32 bytes) and the AES-GCM nonce (12 bytes) come from {@code random}. */
    public byte[] encrypt(long round, byte[] message, byte[] sk, TlockLayout layout, SecureRandom random) {
        byte[] sigma = new byte[32];
        random.nextBytes(sigma);
        byte[] nonce = new byte[AesGcm.NONCE_SIZE];
        random.nextBytes(nonce);
        return encryptDeterministic(round, message, sk, layout, sigma, nonce);
    }

    /**
     * Encryption with caller-supplied sigma and nonce: the exact bytes the reference produces with that
     * randomness. For tests and vector generation; real use must pass fresh random values.
     */
    public byte[] encryptDeterministic(long round, byte[] message, byte[] sk, TlockLayout layout, byte[] sigma,
                                       byte[] nonce) {
        if (sk == null || sk.length != SECRET_SIZE) {
            throw new IllegalArgumentException("timelock secret key must be exactly 32 bytes");
        }
        if (sigma.length != 32 || nonce.length != AesGcm.NONCE_SIZE) {
            throw new IllegalArgumentException("sigma must be 32 bytes and nonce 12 bytes");
        }
        if (round < 0) {
            throw new IllegalArgumentException("round must not be negative");
        }
        G1Point qid = DrandBls.roundPoint(round);
        BigInteger r = h3(sigma, sk);
        G2Point u = G2Point.generator().multiply(r);
        byte[] gid = sha256(Pairing.pair(qid, publicKey.multiply(r)).toArkworksBytes());
        byte[] v = xor(sigma, gid);
        byte[] w = xor(sk, sha256(sigma));
        byte[] body = AesGcm.seal(sk, nonce, message, null);
        return new TlockCiphertext(layout, u, v, w, body, nonce, TlockCiphertext.AES_GCM_SUITE).toBytes();
    }

    /** {@code tld}: decrypts either layout with the round's signature (48-byte compressed G1). */
    public static byte[] decrypt(byte[] ciphertext, byte[] signature) throws TlockException {
        TlockCiphertext ct = TlockCiphertext.parse(ciphertext);
        G1Point sig;
        try {
            sig = G1Point.fromCompressed(signature);
        } catch (BlsException e) {
            throw new TlockException(TlockException.Reason.BAD_SIGNATURE_ENCODING,
                    "signature is not a valid G1 point: " + e.getMessage());
        }
        return decrypt(ct, sig);
    }

    /** Decrypts a parsed ciphertext. */
    public static byte[] decrypt(TlockCiphertext ct, G1Point signature) throws TlockException {
        byte[] sk = recoverSecret(ct, signature);
        byte[] nonce = ct.aesNonce();
        if (nonce.length != AesGcm.NONCE_SIZE) {
            throw new TlockException(TlockException.Reason.MALFORMED, "AES-GCM nonce must be 12 bytes, got " + nonce.length);
        }
        try {
            return AesGcm.open(sk, nonce, ct.aesCiphertext(), null);
        } catch (AeadException e) {
            throw new TlockException(TlockException.Reason.BODY_AUTHENTICATION_FAILED,
                    "timelock body did not authenticate (ciphertext body altered)");
        }
    }

    /**
     * The IBE part of decryption: recovers the 32-byte key and checks r·G2 == U. Anyone holding it can
     * open the body without the signature.
     */
    public static byte[] recoverSecret(TlockCiphertext ct, G1Point signature) throws TlockException {
        byte[] sigma = xor(ct.v(), sha256(Pairing.pair(signature, ct.u()).toArkworksBytes()));
        byte[] sk = xor(ct.w(), sha256(sigma));
        BigInteger r = h3(sigma, sk);
        if (r.signum() == 0 || !G2Point.generator().multiply(r).equals(ct.u())) {
            throw new TlockException(TlockException.Reason.WRONG_SIGNATURE,
                    "IBE check failed: wrong round signature, or the ciphertext header was altered");
        }
        return sk;
    }

    static BigInteger h3(byte[] sigma, byte[] msg) {
        byte[] cat = new byte[sigma.length + msg.length];
        System.arraycopy(sigma, 0, cat, 0, sigma.length);
        System.arraycopy(msg, 0, cat, sigma.length, msg.length);
        return new BigInteger(1, sha256(cat)).mod(R_ORDER);
    }

    static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
