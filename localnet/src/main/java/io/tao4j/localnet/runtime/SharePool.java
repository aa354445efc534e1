package io.tao4j.localnet.runtime;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alpha staked on one (hotkey, subnet): a share pool as Subtensor keeps it. Each coldkey owns
 * shares (U64F64 fixed point, kept here as the raw u128 bits); the pool holds {@code totalAlpha};
 * a coldkey's stake is {@code totalAlpha × shares / totalShares}, truncated. Emission to the hotkey
 * raises {@code totalAlpha} without new shares, so every staker gains pro rata.
 */
public final class SharePool {
    private static final BigInteger ONE = BigInteger.ONE.shiftLeft(64);

    private long totalAlpha;
    private BigInteger totalShares = BigInteger.ZERO;
    private final Map<AccountId, BigInteger> shares = new TreeMap<>();

    public long totalAlpha() {
        return totalAlpha;
    }

    /** Raw U64F64 bits of the total share count ({@code TotalHotkeyShares}). */
    public BigInteger totalSharesBits() {
        return totalShares;
    }

    /** Raw U64F64 bits of one coldkey's shares ({@code Alpha}). */
    public BigInteger sharesBits(AccountId coldkey) {
        return shares.getOrDefault(coldkey, BigInteger.ZERO);
    }

    public Map<AccountId, BigInteger> allShares() {
        return java.util.Collections.unmodifiableMap(shares);
    }

    /** The alpha a coldkey can withdraw. */
    public long value(AccountId coldkey) {
        BigInteger s = sharesBits(coldkey);
        if (s.signum() == 0 || totalShares.signum() == 0) {
            return 0;
        }
        return BigInteger.valueOf(totalAlpha).multiply(s).divide(totalShares).longValueExact();
    }

    /** Adds {@code amount} alpha for {@code coldkey}, issuing shares at the current price. */
    public void add(AccountId coldkey, long amount) {
        if (amount <= 0) {
            return;
        }
        BigInteger newShares;
        if (totalShares.signum() == 0 || totalAlpha == 0) {
            // empty (or fully drained) pool: restart at one share per alpha
            shares.clear();
            totalShares = BigInteger.ZERO;
            totalAlpha = 0;
            newShares = BigInteger.valueOf(amount).multiply(ONE);
        } else {
            newShares = BigInteger.valueOf(amount).multiply(totalShares).divide(BigInteger.valueOf(totalAlpha));
        }
        shares.merge(coldkey, newShares, BigInteger::add);
        totalShares = totalShares.add(newShares);
        totalAlpha = Math.addExact(totalAlpha, amount);
    }

    /**
     * Removes {@code amount} alpha of {@code coldkey}'s stake. Taking all of it removes all its
     * shares; otherwise shares are burnt rounding up, so no one gains from rounding.
     */
    public void remove(AccountId coldkey, long amount) {
        long have = value(coldkey);
        if (amount > have) {
            throw DispatchException.subtensor("NotEnoughStakeToWithdraw");
        }
        if (amount <= 0) {
            return;
        }
        BigInteger s = sharesBits(coldkey);
        BigInteger burn;
        if (amount == have) {
            burn = s;
        } else {
            BigInteger[] qr = BigInteger.valueOf(amount).multiply(totalShares).divideAndRemainder(BigInteger.valueOf(totalAlpha));
            burn = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
            burn = burn.min(s);
        }
        BigInteger left = s.subtract(burn);
        if (left.signum() == 0) {
            shares.remove(coldkey);
        } else {
            shares.put(coldkey, left);
        }
        totalShares = totalShares.subtract(burn);
        totalAlpha -= amount;
        if (shares.isEmpty()) {
            totalShares = BigInteger.ZERO;
            totalAlpha = 0;
        }
    }

    /** Emission to the hotkey: every staker's value grows pro rata. Lost if nobody stakes. */
    public void emit(long amount) {
        if (amount > 0 && totalShares.signum() > 0) {
            totalAlpha = Math.addExact(totalAlpha, amount);
        }
    }

    /** Makes this pool an exact copy of {@code other}. */
    void restore(SharePool other) {
        shares.clear();
        shares.putAll(other.shares);
        totalShares = other.totalShares;
        totalAlpha = other.totalAlpha;
    }

    public boolean isEmpty() {
        return shares.isEmpty();
    }
}
