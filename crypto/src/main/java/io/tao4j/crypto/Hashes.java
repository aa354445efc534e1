package io.tao4j.crypto;

import com.dynatrace.hash4j.hashing.Hashing;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The hash functions Substrate uses: BLAKE2b at several output lengths, the "twox" family
 * (XXH64 with consecutive seeds, each written little-endian), and SHA-2.
 */
public final class Hashes {

    private Hashes() {
    }

    /** BLAKE2b with a 16-byte digest length (Substrate {@code blake2_128}); not a truncated longer hash. */
    public static byte[] blake2b128(byte[] data) {
        return blake2b(data, 16);
    }

    /** BLAKE2b-256 (Substrate {@code blake2_256}). */
    public static byte[] blake2b256(byte[] data) {
        return blake2b(data, 32);
    }

    /** BLAKE2b-512. */
    public static byte[] blake2b512(byte[] data) {
        return blake2b(data, 64);
    }

    /**
     * Unkeyed BLAKE2b with the given digest length.
     *
     * @param outLenBytes 1..64
     */
    public static byte[] blake2b(byte[] data, int outLenBytes) {
        Objects.requireNonNull(data, "data");
        if (outLenBytes < 1 || outLenBytes > 64) {
            throw new IllegalArgumentException("BLAKE2b output length must be 1..64 bytes, got " + outLenBytes);
        }
        Blake2bDigest d = new Blake2bDigest(null, outLenBytes, null, null);
        d.update(data, 0, data.length);
        byte[] out = new byte[outLenBytes];
        d.doFinal(out, 0);
        return out;
    }

    /** XXH64 seed 0 as u64 little-endian (8 bytes). */
    public static byte[] twox64(byte[] data) {
        return twox(data, 1);
    }

    /** XXH64 seeds 0 and 1, each u64 little-endian, concatenated (16 bytes). */
    public static byte[] twox128(byte[] data) {
        return twox(data, 2);
    }

    /** XXH64 seeds 0..3, each u64 little-endian, concatenated (32 bytes). */
    public static byte[] twox256(byte[] data) {
        return twox(data, 4);
    }

    private static byte[] twox(byte[] data, int rounds) {
        Objects.requireNonNull(data, "data");
        byte[] out = new byte[8 * rounds];
        for (int seed = 0; seed < rounds; seed++) {
            long h = Hashing.xxh64(seed).hashBytesToLong(data);
            for (int i = 0; i < 8; i++) {
                out[seed * 8 + i] = (byte) (h >>> (8 * i));
            }
        }
        return out;
    }

    /** SHA-256. */
    public static byte[] sha256(byte[] data) {
        return jdk("SHA-256", data);
    }

    /** SHA-512. */
    public static byte[] sha512(byte[] data) {
        return jdk("SHA-512", data);
    }

    private static byte[] jdk(String alg, byte[] data) {
        Objects.requireNonNull(data, "data");
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " is not available in this JDK", e);
        }
    }
}
