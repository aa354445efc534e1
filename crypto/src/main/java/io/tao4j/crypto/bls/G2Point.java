package io.tao4j.crypto.bls;

import supranational.blst.P2;
import supranational.blst.P2_Affine;

import java.math.BigInteger;

/**
 * A point of the BLS12-381 group G2 that is on the curve, in the prime-order subgroup and not the
 * identity. Instances are immutable; the only ways in are {@link #fromCompressed} (which checks all of
 * that) and {@link #hashToCurve}.
 */
public final class G2Point extends CompressedPoint {
    /** Size of the compressed (ZCash / arkworks) encoding. */
    public static final int COMPRESSED_SIZE = 96;

    private final P2_Affine affine;

    G2Point(P2_Affine affine) {
        this.affine = affine;
    }

    /**
     * Decodes a 96-byte compressed point (big-endian x, flags 0x80 compressed / 0x40 infinity / 0x20 sign
     * in the first byte) and checks that it is on the curve and in the subgroup.
     *
     * @throws BlsException with the reason the bytes were refused
     */
    public static G2Point fromCompressed(byte[] bytes) {
        return new G2Point(decode(bytes, COMPRESSED_SIZE, "G2", P2_Affine::new, P2_Affine::on_curve,
                P2_Affine::in_group));
    }

    /**
     * RFC 9380 {@code hash_to_curve} onto G2 (expand_message_xmd with SHA-256, simplified SWU, random
     * oracle variant) with the given domain separation tag.
     */
    public static G2Point hashToCurve(byte[] message, String dst) {
        return new G2Point(new P2().hash_to(message.clone(), dst).to_affine());
    }

    /** The standard generator of G2. */
    public static G2Point generator() {
        return new G2Point(P2_Affine.generator());
    }

    /** {@code k · this}; k is taken as a non-negative integer (reduce it first if needed). */
    public G2Point multiply(BigInteger k) {
        if (k.signum() <= 0) {
            throw new IllegalArgumentException("scalar must be positive");
        }
        P2 r = affine.to_jacobian().mult(k);
        if (r.is_inf()) {
            throw new IllegalArgumentException("scalar is a multiple of the group order");
        }
        return new G2Point(r.to_affine());
    }

    /** 96-byte compressed encoding (x.c1 then x.c0), identical to arkworks {@code serialize_compressed} and drand's hex. */
    @Override
    public byte[] toCompressed() {
        return affine.compress();
    }

    P2_Affine affine() {
        return affine;
    }
}
