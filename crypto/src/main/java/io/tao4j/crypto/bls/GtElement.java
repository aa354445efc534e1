package io.tao4j.crypto.bls;

import supranational.blst.PT;

/**
 * An element of the pairing target group GT (a subgroup of Fp12), the result of {@link Pairing#pair}.
 * Its bytes are available in the arkworks {@code CanonicalSerialize} layout, which the ideal-labs
 * timelock IBE hashes.
 */
public final class GtElement {
    /** Size of the arkworks serialization: 12 base-field coefficients of 48 bytes. */
    public static final int SERIALIZED_SIZE = 576;
    private static final int FP = 48;

    /**
     * blst writes Fp12 as 12 big-endian Fp values; chunk {@code b} holds the coefficient whose natural
     * (arkworks) index is {@code BLST_TO_NATURAL[b]}. Natural order is c0.c0.c0, c0.c0.c1, c0.c1.c0, …,
     * c1.c2.c1 for Fp12 = Fp6[w], Fp6 = Fp2[v], Fp2 = Fp[u]. blst's index is i*4 + j*2 + k where i is the
     * Fp2 position in Fp6, j the Fp6 position in Fp12, k the Fp position in Fp2.
     */
    private static final int[] BLST_TO_NATURAL = {0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11};

    private final PT value;

    GtElement(PT value) {
        this.value = value;
    }

    /**
     * The 576-byte arkworks serialization: the 12 coefficients in natural tower order, each as a
     * canonical (non-Montgomery) 48-byte little-endian integer.
     */
    public byte[] toArkworksBytes() {
        byte[] be = value.to_bendian();
        if (be.length != SERIALIZED_SIZE) {
            throw new IllegalStateException("unexpected GT encoding length " + be.length);
        }
        byte[] out = new byte[SERIALIZED_SIZE];
        for (int b = 0; b < 12; b++) {
            int n = BLST_TO_NATURAL[b];
            for (int i = 0; i < FP; i++) {
                out[n * FP + i] = be[b * FP + (FP - 1 - i)];
            }
        }
        return out;
    }

    /** Equality in GT. */
    public boolean isEqual(GtElement other) {
        return value.is_equal(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GtElement other && isEqual(other);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(value.to_bendian());
    }

    @Override
    public String toString() {
        return "GtElement";
    }
}
