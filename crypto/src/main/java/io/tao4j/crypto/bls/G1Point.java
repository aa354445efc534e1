package io.tao4j.crypto.bls;

import supranational.blst.P1;
import supranational.blst.P1_Affine;

import java.math.BigInteger;

/**
 * A point of the BLS12-381 group G1 that is on the curve, in the prime-order subgroup and not the
 * identity. Instances are immutable; the only ways in are {@link #fromCompressed} (which checks all of
 * that) and {@link #hashToCurve}.
 */
public final class G1Point extends CompressedPoint {
    /** Size of the compressed (ZCash / arkworks) encoding. */
    public static final int COMPRESSED_SIZE = 48;

    private final P1_Affine affine;

    G1Point(P1_Affine affine) {
        this.affine = affine;
    }

    /**
     * Decodes a 48-byte compressed point (big-endian x, flags 0x80 compressed / 0x40 infinity / 0x20 sign
     * in the first byte) and checks that it is on the curve and in the subgroup.
     *
     * @throws BlsException with the reason the bytes were refused
     */
    public static G1Point fromCompressed(byte[] bytes) {
        return new G1Point(decode(bytes, COMPRESSED_SIZE, "G1", P1_Affine::new, P1_Affine::on_curve,
                P1_Affine::in_group));
    }

    /**
     * RFC 9380 {@code hash_to_curve} onto G1 (expand_message_xmd with SHA-256, simplified SWU, random
     * oracle variant) with the given domain separation tag.
     */
    public static G1Point hashToCurve(byte[] message, String dst) {
        return new G1Point(new P1().hash_to(message.clone(), dst).to_affine());
    }

    /** The standard generator of G1. */
    public static G1Point generator() {
        return new G1Point(P1_Affine.generator());
    }

    /** {@code k · this}; k is taken as a non-negative integer (reduce it first if needed). */
    public G1Point multiply(BigInteger k) {
        if (k.signum() <= 0) {
            throw new IllegalArgumentException("scalar must be positive");
        }
        P1 r = affine.to_jacobian().mult(k);
        if (r.is_inf()) {
            throw new IllegalArgumentException("scalar is a multiple of the group order");
        }
        return new G1Point(r.to_affine());
    }

    /** 48-byte compressed encoding, identical to arkworks {@code serialize_compressed} and drand's hex. */
    @Override
    public byte[] toCompressed() {
        return affine.compress();
    }

    P1_Affine affine() {
        return affine;
    }
}
