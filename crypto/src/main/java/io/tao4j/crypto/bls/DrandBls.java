package io.tao4j.crypto.bls;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The drand {@code bls-unchained-g1-rfc9380} scheme (quicknet): signatures on G1, public key on G2,
 * message = SHA-256(round as unsigned 64-bit big-endian), hash-to-curve per RFC 9380 with
 * {@link #DST}. The same hash gives the IBE identity point used by timelock encryption.
 */
public final class DrandBls {
    /** Domain separation tag of quicknet signatures (and of the timelock identity hash). */
    public static final String DST = "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";

    private DrandBls() {
    }

    /** SHA-256 of the round number as 8 big-endian bytes: the message drand signs for that round. */
    public static byte[] roundMessage(long round) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(8).putLong(round).array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** H(m): the round message hashed onto G1 (also the timelock identity point Q_id of that round). */
    public static G1Point roundPoint(long round) {
        return G1Point.hashToCurve(roundMessage(round), DST);
    }

    /** True iff e(sig, g2) == e(H(m), pk) for the message of this round. */
    public static boolean verify(G2Point publicKey, long round, G1Point signature) {
        G1Point hm = roundPoint(round);
        return Pairing.pairingsEqual(signature, G2Point.generator(), hm, publicKey);
    }

    /**
     * Verifies a signature given as bytes; a malformed, off-curve, non-subgroup or infinity signature is
     * simply invalid (false), never an exception.
     */
    public static boolean verify(G2Point publicKey, long round, byte[] signature) {
        G1Point sig;
        try {
            sig = G1Point.fromCompressed(signature);
        } catch (BlsException e) {
            return false;
        }
        return verify(publicKey, round, sig);
    }
}
