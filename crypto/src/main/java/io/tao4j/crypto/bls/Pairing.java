package io.tao4j.crypto.bls;

import supranational.blst.PT;

/** The optimal ate pairing of BLS12-381, e: G1 × G2 → GT (Miller loop plus final exponentiation). */
public final class Pairing {
    private Pairing() {
    }

    /** e(p, q), the same value arkworks' {@code Bls12_381::pairing(p, q)} returns. */
    public static GtElement pair(G1Point p, G2Point q) {
        return new GtElement(new PT(p.affine(), q.affine()).final_exp());
    }

    /** True iff e(a1, a2) == e(b1, b2), computed with two Miller loops and one shared final exponentiation. */
    public static boolean pairingsEqual(G1Point a1, G2Point a2, G1Point b1, G2Point b2) {
        PT left = new PT(a1.affine(), a2.affine());
        PT right = new PT(b1.affine(), b2.affine());
        return PT.finalverify(left, right);
    }
}
