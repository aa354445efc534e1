package io.tao4j.crypto.bls;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What {@link G1Point} and {@link G2Point} share: the checks made when decoding a compressed encoding, and value
 * semantics (equality, hash and text) by that encoding. blst's {@code P1_Affine} and {@code P2_Affine} have no common
 * type, so the decoding steps take the per-group operations as functions.
 */
abstract sealed class CompressedPoint permits G1Point, G2Point {

    /** The 48- or 96-byte compressed encoding. */
    public abstract byte[] toCompressed();

    /**
     * Decodes {@code bytes} of one group: length, compression and infinity flags, the curve equation and the
     * prime-order subgroup, each refused with its own reason.
     */
    static <A> A decode(byte[] bytes, int size, String group, Function<byte[], A> parse, Predicate<A> onCurve,
                        Predicate<A> inGroup) {
        if (bytes == null || bytes.length != size) {
            throw new BlsException(BlsException.Reason.BAD_LENGTH,
                    group + " point must be " + size + " bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        checkFlags(bytes, group);
        A p;
        try {
            p = parse.apply(bytes.clone());
        } catch (RuntimeException e) {
            throw new BlsException(BlsException.Reason.NOT_ON_CURVE, group + " encoding is not a curve point");
        }
        if (!onCurve.test(p)) {
            throw new BlsException(BlsException.Reason.NOT_ON_CURVE, group + " encoding is not a curve point");
        }
        if (!inGroup.test(p)) {
            throw new BlsException(BlsException.Reason.NOT_IN_SUBGROUP,
                    group + " point is not in the prime-order subgroup");
        }
        return p;
    }

    static void checkFlags(byte[] bytes, String group) {
        int first = bytes[0] & 0xff;
        if ((first & 0x80) == 0) {
            throw new BlsException(BlsException.Reason.NOT_COMPRESSED, group + " encoding lacks the compression flag");
        }
        if ((first & 0x40) != 0) {
            throw new BlsException(BlsException.Reason.INFINITY, group + " encoding is the point at infinity");
        }
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(toCompressed(), ((CompressedPoint) o).toCompressed());
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(toCompressed());
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + HexFormat.of().formatHex(toCompressed()) + "]";
    }
}
