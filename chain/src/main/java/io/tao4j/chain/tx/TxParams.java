package io.tao4j.chain.tx;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-transaction parameters of a signed extrinsic: account nonce, tip (in rao), mortality and the hash of the
 * era's birth block ({@code null} for an immortal era, which commits to the genesis hash instead).
 */
public record TxParams(long nonce, BigInteger tip, Era era, byte[] eraBlockHash) {
    public TxParams {
        if (nonce < 0 || nonce > 0xffffffffL) {
            throw new IllegalArgumentException("nonce must be a u32, got " + nonce);
        }
        Objects.requireNonNull(tip, "tip");
        if (tip.signum() < 0 || tip.bitLength() > 128) {
            throw new IllegalArgumentException("tip must be a u128, got " + tip);
        }
        Objects.requireNonNull(era, "era");
        if (!era.isImmortal() && (eraBlockHash == null || eraBlockHash.length != 32)) {
            throw new IllegalArgumentException("a mortal era needs the 32-byte hash of its birth block");
        }
        eraBlockHash = eraBlockHash == null ? null : eraBlockHash.clone();
    }

    /** Immortal, no tip. */
    public static TxParams immortal(long nonce) {
        return new TxParams(nonce, BigInteger.ZERO, Era.immortal(), null);
    }

    /** Mortal era of {@code era}, birth block hash given, no tip. */
    public static TxParams mortal(long nonce, Era era, byte[] birthBlockHash) {
        return new TxParams(nonce, BigInteger.ZERO, era, birthBlockHash);
    }

    public TxParams withTip(BigInteger newTip) {
        return new TxParams(nonce, newTip, era, eraBlockHash);
    }

    @Override
    public byte[] eraBlockHash() {
        return eraBlockHash == null ? null : eraBlockHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxParams p && p.nonce == nonce && p.tip.equals(tip) && p.era.equals(era)
                && Arrays.equals(p.eraBlockHash, eraBlockHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nonce, tip, era, Arrays.hashCode(eraBlockHash));
    }
}
