package io.tao4j.chain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An amount of TAO or of one subnet's alpha, held exactly in rao (10⁻⁹ of a unit), as the SDK's and btcli's
 * {@code Balance}. Every on-chain amount is an unsigned 64-bit count of rao; this type keeps that range, so
 * arithmetic that would leave it fails instead of wrapping.
 *
 * <p>Units follow btcli: netuid 0 is TAO ({@code τ}); subnet {@code n} has the symbol btcli gives it ({@code α} for
 * 1, {@code β} for 2, …, from the same 439-symbol table, with btcli's base-439 spelling past the table).
 * {@link #toString()} writes the symbol and all nine decimals ({@code τ1.500000000}, {@code α0.000000001}), which
 * is also what the SDK prints; {@link #format(int)} gives a rounded, grouped form for tables.
 */
public final class Balance implements Comparable<Balance> {
    /** Rao in one TAO (or one alpha). */
    public static final long RAO_PER_TAO = 1_000_000_000L;
    /** The TAO symbol the SDK prints (lower-case tau). */
    public static final String TAO_SYMBOL = "\u03c4";
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final List<String> UNITS = loadUnits();

    private final BigInteger rao;
    private final int netuid;

    private Balance(BigInteger rao, int netuid) {
        if (rao.signum() < 0 || rao.compareTo(U64_MAX) > 0) {
            throw new ArithmeticException("an amount must be between 0 and 2^64-1 rao, got " + rao);
        }
        if (netuid < 0 || netuid > 0xffff) {
            throw new IllegalArgumentException("netuid must be 0..65535, got " + netuid);
        }
        this.rao = rao;
        this.netuid = netuid;
    }

    /** {@code rao} of TAO. */
    public static Balance ofRao(long rao) {
        return new Balance(BigInteger.valueOf(rao), 0);
    }

    /** {@code rao} of TAO, from a u64 as decoded from the chain. */
    public static Balance ofRao(BigInteger rao) {
        return new Balance(rao, 0);
    }

    /** {@code rao} of subnet {@code netuid}'s alpha (netuid 0 is TAO). */
    public static Balance ofAlphaRao(BigInteger rao, int netuid) {
        return new Balance(rao, netuid);
    }

    /** {@code rao} of subnet {@code netuid}'s alpha (netuid 0 is TAO). */
    public static Balance ofAlphaRao(long rao, int netuid) {
        return new Balance(BigInteger.valueOf(rao), netuid);
    }

    /**
     * Parses an amount typed by a person in whole units: {@code "1"}, {@code "0.5"}, {@code "1_000.25"},
     * {@code "1,000.25"}, optionally prefixed by the unit's symbol. At most nine decimals: a tenth would be a
     * fraction of a rao, which cannot be sent, so it is refused rather than silently rounded.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static Balance parse(String text, int netuid) {
        Objects.requireNonNull(text, "amount");
        String t = text.strip();
        String unit = unit(netuid);
        if (t.startsWith(unit)) {
            t = t.substring(unit.length()).strip();
        } else if (netuid == 0 && (t.startsWith(TAO_SYMBOL) || t.startsWith("Τ"))) {
            t = t.substring(1).strip();
        }
        t = t.replace("_", "").replace(",", "");
        if (t.isEmpty() || !t.matches("\\d*(\\.\\d*)?") || t.equals(".")) {
            throw new IllegalArgumentException("'" + text + "' is not an amount: use a number of "
                    + (netuid == 0 ? "TAO" : "alpha") + " such as 1 or 0.25");
        }
        BigDecimal units = new BigDecimal(t.startsWith(".") ? "0" + t : t);
        if (units.scale() > 9 && units.stripTrailingZeros().scale() > 9) {
            throw new IllegalArgumentException("'" + text + "' has more than 9 decimals; 1 rao = 0.000000001 is the"
                    + " smallest amount");
        }
        BigInteger r = units.movePointRight(9).setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact();
        if (r.compareTo(U64_MAX) > 0) {
            throw new IllegalArgumentException("'" + text + "' is larger than any amount on chain");
        }
        return new Balance(r, netuid);
    }

    /** TAO from a whole-unit decimal, exactly (at most nine decimals). */
    public static Balance ofTao(BigDecimal tao) {
        return parse(tao.toPlainString(), 0);
    }

    /** The amount in rao (a u64). */
    public BigInteger rao() {
        return rao;
    }

    /** The amount in rao; fails when it does not fit a signed long (above ~9.2e9 TAO). */
    public long raoExact() {
        return rao.longValueExact();
    }

    /** The amount in whole units, exact (scale 9). */
    public BigDecimal tao() {
        return new BigDecimal(rao, 9);
    }

    /** The amount in whole units as a double, for display and ratios only. */
    public double toDouble() {
        return rao.doubleValue() / RAO_PER_TAO;
    }

    /** 0 for TAO, else the subnet whose alpha this is. */
    public int netuid() {
        return netuid;
    }

    public boolean isZero() {
        return rao.signum() == 0;
    }

    /** The same amount of rao in another unit (for a chain call that converts 1:1, or a display). */
    public Balance withNetuid(int otherNetuid) {
        return new Balance(rao, otherNetuid);
    }

    public Balance plus(Balance other) {
        requireSameUnit(other);
        return new Balance(rao.add(other.rao), netuid);
    }

    /** @throws ArithmeticException when {@code other} is larger */
    public Balance minus(Balance other) {
        requireSameUnit(other);
        return new Balance(rao.subtract(other.rao), netuid);
    }

    /** The smaller of the two (same unit). */
    public Balance min(Balance other) {
        requireSameUnit(other);
        return compareTo(other) <= 0 ? this : other;
    }

    private void requireSameUnit(Balance other) {
        if (other.netuid != netuid) {
            throw new IllegalArgumentException("cannot combine " + this + " and " + other + ": different units");
        }
    }

    /** The unit's symbol: τ for TAO, else btcli's symbol for the subnet. */
    public String unit() {
        return netuid == 0 ? TAO_SYMBOL : unit(netuid);
    }

    /** btcli's symbol for {@code netuid} ({@code Τ} for 0, {@code α} for 1, …; base-439 past the table). */
    public static String unit(int netuid) {
        int base = UNITS.size();
        if (netuid < base) {
            return UNITS.get(netuid);
        }
        StringBuilder sb = new StringBuilder();
        int n = netuid;
        while (n > 0) {
            sb.insert(0, UNITS.get(n % base));
            n /= base;
        }
        return sb.toString();
    }

    /** Rounded to {@code decimals} places (half-even), grouped by thousands, with the symbol: {@code τ1,234.5000}. */
    public String format(int decimals) {
        return unit() + String.format(Locale.ROOT, "%,." + decimals + "f", tao());
    }

    /** The symbol and all nine decimals: {@code τ1.500000000}. */
    @Override
    public String toString() {
        return unit() + tao().toPlainString();
    }

    @Override
    public int compareTo(Balance o) {
        requireSameUnit(o);
        return rao.compareTo(o.rao);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Balance b && b.netuid == netuid && b.rao.equals(rao);
    }

    @Override
    public int hashCode() {
        return rao.hashCode() * 31 + netuid;
    }

    private static List<String> loadUnits() {
        // btcli's UNITS table (bittensor_cli/src/__init__.py), one symbol a line.
        try (InputStream in = Balance.class.getResourceAsStream("units.txt")) {
            if (in == null) {
                throw new IllegalStateException("units.txt is missing from the tao4j-chain jar");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
