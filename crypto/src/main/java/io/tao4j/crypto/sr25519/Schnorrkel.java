package io.tao4j.crypto.sr25519;

import cafe.cryptography.curve25519.CompressedRistretto;
import cafe.cryptography.curve25519.Constants;
import cafe.cryptography.curve25519.InvalidEncodingException;
import cafe.cryptography.curve25519.RistrettoElement;
import cafe.cryptography.curve25519.Scalar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The schnorrkel operations used by Substrate, written against the schnorrkel 0.11 wire format:
 * Ed25519-mode key expansion, signing and verification on a "SigningContext" transcript, and hard/soft
 * hierarchical derivation ("SchnorrRistrettoHDKD").
 */
public final class Schnorrkel {

    /** The signing context Substrate uses for sr25519. */
    public static final byte[] SUBSTRATE_CONTEXT = "substrate".getBytes(StandardCharsets.US_ASCII);

    private Schnorrkel() {
    }

    /** A schnorrkel secret: scalar (mod ℓ) and 32-byte nonce. */
    public static final class Secret {
        private final Scalar key;
        private final byte[] nonce;

        public Secret(Scalar key, byte[] nonce) {
            if (nonce.length != 32) {
                throw new IllegalArgumentException("nonce must be 32 bytes");
            }
            this.key = key;
            this.nonce = nonce.clone();
        }

        public Scalar key() {
            return key;
        }

        public byte[] nonce() {
            return nonce.clone();
        }

        /** schnorrkel {@code SecretKey::to_bytes}: scalar (32 LE) ‖ nonce. */
        public byte[] toCanonicalBytes() {
            byte[] out = new byte[64];
            System.arraycopy(key.toByteArray(), 0, out, 0, 32);
            System.arraycopy(nonce, 0, out, 32, 32);
            return out;
        }

        /** schnorrkel {@code SecretKey::to_ed25519_bytes}: scalar·8 (32 LE) ‖ nonce. */
        public byte[] toEd25519Bytes() {
            byte[] out = new byte[64];
            byte[] k = multiplyByCofactor(key.toByteArray());
            System.arraycopy(k, 0, out, 0, 32);
            System.arraycopy(nonce, 0, out, 32, 32);
            return out;
        }

        /** Public key: scalar · B, compressed Ristretto. */
        public byte[] publicKey() {
            return Constants.RISTRETTO_GENERATOR_TABLE.multiply(key).compress().toByteArray();
        }

        @Override
        public String toString() {
            return "Schnorrkel.Secret[redacted]";
        }
    }

    /** {@code MiniSecretKey::expand(ExpansionMode::Ed25519)}. */
    public static Secret expandEd25519(byte[] miniSecret) {
        if (miniSecret.length != 32) {
            throw new IllegalArgumentException("mini secret must be 32 bytes, got " + miniSecret.length);
        }
        byte[] h = sha512(miniSecret);
        byte[] k = Arrays.copyOfRange(h, 0, 32);
        k[0] &= (byte) 248;
        k[31] &= 63;
        k[31] |= 64;
        Secret s = new Secret(Scalar.fromBytesModOrder(divideByCofactor(k)), Arrays.copyOfRange(h, 32, 64));
        Arrays.fill(h, (byte) 0);
        Arrays.fill(k, (byte) 0);
        return s;
    }

    /** {@code SecretKey::from_bytes}: canonical scalar ‖ nonce. */
    public static Secret fromCanonicalBytes(byte[] secret) {
        if (secret.length != 64) {
            throw new IllegalArgumentException("sr25519 secret key must be 64 bytes, got " + secret.length);
        }
        byte[] k = Arrays.copyOfRange(secret, 0, 32);
        Scalar scalar;
        try {
            scalar = Scalar.fromCanonicalBytes(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sr25519 secret key: first 32 bytes are not a canonical scalar"
                    + " (is this the ed25519/polkadot-js form? use fromEd25519Secret)");
        } finally {
            Arrays.fill(k, (byte) 0);
        }
        return new Secret(scalar, Arrays.copyOfRange(secret, 32, 64));
    }

    /** {@code SecretKey::from_ed25519_bytes}: scalar·8 ‖ nonce. */
    public static Secret fromEd25519Bytes(byte[] secret) {
        if (secret.length != 64) {
            throw new IllegalArgumentException("sr25519 secret key must be 64 bytes, got " + secret.length);
        }
        byte[] k = divideByCofactor(Arrays.copyOfRange(secret, 0, 32));
        Secret s = new Secret(Scalar.fromBytesModOrder(k), Arrays.copyOfRange(secret, 32, 64));
        Arrays.fill(k, (byte) 0);
        return s;
    }

    private static MerlinTranscript signingTranscript(byte[] context, byte[] message) {
        MerlinTranscript t = new MerlinTranscript("SigningContext");
        t.appendMessage("", context);
        t.appendMessage("sign-bytes", message);
        return t;
    }

    /**
     * Signs {@code message} under {@code context}; {@code random} (32 bytes) is mixed into the witness
     * together with the secret nonce, exactly as schnorrkel's transcript RNG does.
     */
    public static byte[] sign(Secret secret, byte[] publicKey, byte[] context, byte[] message, byte[] random) {
        MerlinTranscript t = signingTranscript(context, message);
        t.appendMessage("proto-name", "Schnorr-sig".getBytes(StandardCharsets.US_ASCII));
        t.appendMessage("sign:pk", publicKey);
        byte[] wide = t.witnessBytes("signing", 64, new byte[][] {secret.nonce}, random);
        Scalar r = Scalar.fromBytesModOrderWide(wide);
        Arrays.fill(wide, (byte) 0);
        byte[] bigR = Constants.RISTRETTO_GENERATOR_TABLE.multiply(r).compress().toByteArray();
        t.appendMessage("sign:R", bigR);
        Scalar k = Scalar.fromBytesModOrderWide(t.challengeBytes("sign:c", 64));
        Scalar s = k.multiplyAndAdd(secret.key, r);
        byte[] sig = new byte[64];
        System.arraycopy(bigR, 0, sig, 0, 32);
        System.arraycopy(s.toByteArray(), 0, sig, 32, 32);
        sig[63] |= (byte) 0x80;
        return sig;
    }

    /**
     * Verifies a schnorrkel signature; false for any malformed input (lengths, non-canonical point or
     * scalar, missing schnorrkel marker bit).
     */
    public static boolean verify(byte[] publicKey, byte[] context, byte[] message, byte[] signature) {
        if (publicKey == null || message == null || signature == null || context == null) {
            return false;
        }
        if (publicKey.length != 32 || signature.length != 64) {
            return false;
        }
        if ((signature[63] & 0x80) == 0) {
            return false;
        }
        byte[] sBytes = Arrays.copyOfRange(signature, 32, 64);
        sBytes[31] &= 0x7F;
        Scalar s;
        try {
            s = Scalar.fromCanonicalBytes(sBytes);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] rBytes = Arrays.copyOfRange(signature, 0, 32);
        RistrettoElement a;
        RistrettoElement bigR;
        try {
            a = new CompressedRistretto(publicKey).decompress();
            bigR = new CompressedRistretto(rBytes).decompress();
        } catch (InvalidEncodingException | IllegalArgumentException e) {
            return false;
        }
        MerlinTranscript t = signingTranscript(context, message);
        t.appendMessage("proto-name", "Schnorr-sig".getBytes(StandardCharsets.US_ASCII));
        t.appendMessage("sign:pk", publicKey);
        t.appendMessage("sign:R", rBytes);
        Scalar k = Scalar.fromBytesModOrderWide(t.challengeBytes("sign:c", 64));
        RistrettoElement check = Constants.RISTRETTO_GENERATOR_TABLE.multiply(s).subtract(a.multiply(k));
        return check.ctEquals(bigR) == 1;
    }

    /**
     * {@code SecretKey::hard_derive_mini_secret_key(Some(chainCode), b"")}: the child's 32-byte mini secret
     * (expand it with {@link #expandEd25519}).
     */
    public static byte[] hardDeriveMiniSecret(Secret secret, byte[] chainCode) {
        checkChainCode(chainCode);
        MerlinTranscript t = new MerlinTranscript("SchnorrRistrettoHDKD");
        t.appendMessage("sign-bytes", new byte[0]);
        t.appendMessage("chain-code", chainCode);
        byte[] k = secret.key.toByteArray();
        t.appendMessage("secret-key", k);
        Arrays.fill(k, (byte) 0);
        return t.challengeBytes("HDKD-hard", 32);
    }

    /** The transcript of a soft derivation after the public key and chain code are committed. */
    private static MerlinTranscript softTranscript(byte[] publicKey, byte[] chainCode) {
        checkChainCode(chainCode);
        MerlinTranscript t = new MerlinTranscript("SchnorrRistrettoHDKD");
        t.appendMessage("sign-bytes", new byte[0]);
        t.appendMessage("chain-code", chainCode);
        t.appendMessage("public-key", publicKey);
        return t;
    }

    /** Soft derivation of a public key alone: {@code pk + t·B}. */
    public static byte[] softDerivePublic(byte[] publicKey, byte[] chainCode) {
        RistrettoElement a;
        try {
            a = new CompressedRistretto(publicKey).decompress();
        } catch (InvalidEncodingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid sr25519 public key");
        }
        MerlinTranscript t = softTranscript(publicKey, chainCode);
        Scalar tweak = Scalar.fromBytesModOrderWide(t.challengeBytes("HDKD-scalar", 64));
        return a.add(Constants.RISTRETTO_GENERATOR_TABLE.multiply(tweak)).compress().toByteArray();
    }

    /**
     * Soft derivation of a secret ({@code SecretKey::derived_key_simple(chainCode, b"")}): scalar + t;
     * the new nonce comes from the transcript RNG over the old nonce and secret, mixed with {@code random}
     * (schnorrkel uses fresh randomness here too, so the nonce of a soft-derived key is not reproducible;
     * the public key is).
     */
    public static Secret softDeriveSecret(Secret secret, byte[] publicKey, byte[] chainCode, byte[] random) {
        MerlinTranscript t = softTranscript(publicKey, chainCode);
        Scalar tweak = Scalar.fromBytesModOrderWide(t.challengeBytes("HDKD-scalar", 64));
        t.challengeBytes("HDKD-chaincode", 32);
        byte[] canonical = secret.toCanonicalBytes();
        byte[] nonce = t.witnessBytes("HDKD-nonce", 32, new byte[][] {secret.nonce, canonical}, random);
        Arrays.fill(canonical, (byte) 0);
        Secret child = new Secret(secret.key.add(tweak), nonce);
        Arrays.fill(nonce, (byte) 0);
        return child;
    }

    private static void checkChainCode(byte[] chainCode) {
        if (chainCode.length != 32) {
            throw new IllegalArgumentException("chain code must be 32 bytes, got " + chainCode.length);
        }
    }

    /** 256-bit little-endian value shifted right by 3 (division by the cofactor 8). */
    static byte[] divideByCofactor(byte[] s) {
        byte[] out = new byte[32];
        int low = 0;
        for (int i = 31; i >= 0; i--) {
            int b = s[i] & 0xFF;
            out[i] = (byte) ((b >> 3) | (low << 5));
            low = b & 7;
        }
        return out;
    }

    /** 256-bit little-endian value shifted left by 3 (the scalar must be below 2^253). */
    static byte[] multiplyByCofactor(byte[] s) {
        byte[] out = new byte[32];
        int high = 0;
        for (int i = 0; i < 32; i++) {
            int b = s[i] & 0xFF;
            out[i] = (byte) ((b << 3) | high);
            high = b >> 5;
        }
        return out;
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 unavailable", e);
        }
    }
}
