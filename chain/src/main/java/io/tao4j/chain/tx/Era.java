package io.tao4j.chain.tx;

/**
 * Transaction mortality ({@code sp_runtime::generic::Era}): immortal, or mortal with a period (power of two,
 * 4..65536) and a phase. A mortal transaction is valid from its birth block for {@code period} blocks; its
 * signing payload commits to the hash of the birth block.
 */
public final class Era {
    private static final Era IMMORTAL = new Era(0, 0);

    private final long period;
    private final long phase;

    private Era(long period, long phase) {
        this.period = period;
        this.phase = phase;
    }

    public static Era immortal() {
        return IMMORTAL;
    }

    /**
     * A mortal era starting at {@code current} lasting at least {@code requestedPeriod} blocks, as
     * {@code Era::mortal(period, current)} computes it: period rounded up to a power of two and clamped to
     * [4, 65536], phase = current mod period quantised by max(period >> 12, 1).
     */
    public static Era mortal(long requestedPeriod, long current) {
        if (requestedPeriod <= 0) {
            throw new IllegalArgumentException("era period must be positive, got " + requestedPeriod);
        }
        if (current < 0) {
            throw new IllegalArgumentException("current block must not be negative, got " + current);
        }
        long p = Long.highestOneBit(requestedPeriod);
        if (p < requestedPeriod) {
            p <<= 1;
        }
        p = Math.max(4, Math.min(65536, p));
        long phase = current % p;
        long qf = Math.max(p >> 12, 1);
        long quantized = phase / qf * qf;
        return new Era(p, quantized);
    }

    /** Decodes the 1- or 2-byte era encoding. */
    public static Era decode(byte[] b) {
        if (b.length == 1 && b[0] == 0) {
            return IMMORTAL;
        }
        if (b.length != 2) {
            throw new IllegalArgumentException("an era is 1 byte (immortal) or 2 bytes (mortal), got " + b.length);
        }
        int encoded = (b[0] & 0xff) | ((b[1] & 0xff) << 8);
        long period = 2L << (encoded % (1 << 4));
        long qf = Math.max(period >> 12, 1);
        long phase = (long) (encoded >> 4) * qf;
        if (period < 4 || phase >= period) {
            throw new IllegalArgumentException("invalid mortal era encoding 0x" + Integer.toHexString(encoded));
        }
        return new Era(period, phase);
    }

    public boolean isImmortal() {
        return period == 0;
    }

    /** The period in blocks (0 when immortal). */
    public long period() {
        return period;
    }

    public long phase() {
        return phase;
    }

    /** SCALE bytes: {@code 00} for immortal, otherwise the u16 LE {@code tz(period)-1 | (phase/qf) << 4}. */
    public byte[] encode() {
        if (isImmortal()) {
            return new byte[]{0};
        }
        long qf = Math.max(period >> 12, 1);
        int low = Math.max(1, Math.min(15, Long.numberOfTrailingZeros(period) - 1));
        int encoded = (int) (low | ((phase / qf) << 4));
        return new byte[]{(byte) encoded, (byte) (encoded >>> 8)};
    }

    /** The first block in which a transaction with this era is valid, given a block at or after it. */
    public long birth(long current) {
        if (isImmortal()) {
            return 0;
        }
        return (Math.max(current, phase) - phase) / period * period + phase;
    }

    /** The first block in which it is no longer valid. */
    public long death(long current) {
        return isImmortal() ? Long.MAX_VALUE : birth(current) + period;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Era e && e.period == period && e.phase == phase;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(period) * 31 + Long.hashCode(phase);
    }

    @Override
    public String toString() {
        return isImmortal() ? "Era[immortal]" : "Era[period=" + period + ", phase=" + phase + "]";
    }
}
