package io.tao4j.mantis.salience.math;

/**
 * numpy's {@code PCG64} bit generator and the parts of {@code Generator.integers} the MANTIS scorers use,
 * reproduced bit for bit: a 128-bit LCG (state advanced first, then the XSL-RR output
 * {@code rotr64(hi ^ lo, state >>> 122)}), 32-bit draws served from the low then the high half of a 64-bit
 * output (the half-word buffer lives in the generator, as in numpy), and bounded integers by Lemire's
 * multiply-shift with rejection (32-bit path for ranges below 2^32, 64-bit path above).
 * {@code new Pcg64(seed)} equals {@code numpy.random.default_rng(seed)}. Not thread-safe.
 */
public final class Pcg64 {
    private static final long MULT_HI = 0x2360ED051FC65DA4L;
    private static final long MULT_LO = 0x4385DF649FCCF645L;

    private long stateHi;
    private long stateLo;
    private final long incHi;
    private final long incLo;
    private boolean hasUint32;
    private int uinteger;

    /** {@code default_rng(seed)}: SeedSequence(seed) → four 64-bit words → PCG64. */
    public Pcg64(long seed) {
        long[] v = new SeedSequence(seed).generateState64(4);
        // pcg_setseq_128_srandom_r(initstate = v0:v1, initseq = v2:v3)
        incHi = (v[2] << 1) | (v[3] >>> 63);
        incLo = (v[3] << 1) | 1L;
        stateHi = 0;
        stateLo = 0;
        step();
        long lo = stateLo + v[1];
        long carry = Long.compareUnsigned(lo, stateLo) < 0 ? 1 : 0;
        stateHi = stateHi + v[0] + carry;
        stateLo = lo;
        step();
    }

    /** The 128-bit state as {hi, lo}. */
    public long[] state() {
        return new long[] {stateHi, stateLo};
    }

    /** The 128-bit increment as {hi, lo}. */
    public long[] increment() {
        return new long[] {incHi, incLo};
    }

    private void step() {
        long lo = stateLo * MULT_LO;
        long hi = unsignedMultiplyHigh(stateLo, MULT_LO) + stateHi * MULT_LO + stateLo * MULT_HI;
        long lo2 = lo + incLo;
        long carry = Long.compareUnsigned(lo2, lo) < 0 ? 1 : 0;
        stateHi = hi + incHi + carry;
        stateLo = lo2;
    }

    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** {@code next_uint64}. */
    public long nextLong() {
        step();
        return Long.rotateRight(stateHi ^ stateLo, (int) (stateHi >>> 58));
    }

    /** {@code Generator.random()}: {@code (next_uint64 >>> 11)·2^-53}, uniform in [0, 1). */
    public double random() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** {@code next_uint32}: low half of a fresh 64-bit output, its high half on the next call. */
    public int nextInt() {
        if (hasUint32) {
            hasUint32 = false;
            return uinteger;
        }
        long next = nextLong();
        hasUint32 = true;
        uinteger = (int) (next >>> 32);
        return (int) next;
    }

    /**
     * {@code Generator.integers(low, high, size)} with the default int64 dtype and {@code endpoint=False}.
     *
     * @throws IllegalArgumentException if {@code low >= high} (numpy: "low >= high") or size &lt; 0
     */
    public long[] integers(long low, long high, int size) {
        if (size < 0) throw new IllegalArgumentException("negative size " + size);
        if (low >= high) throw new IllegalArgumentException("low >= high: " + low + " >= " + high);
        long rng = high - 1 - low; // inclusive range, as an unsigned 64-bit value
        long[] out = new long[size];
        if (rng == 0) {
            java.util.Arrays.fill(out, low);
        } else if (Long.compareUnsigned(rng, 0xFFFFFFFFL) <= 0) {
            if (rng == 0xFFFFFFFFL) {
                for (int i = 0; i < size; i++) out[i] = low + (nextInt() & 0xFFFFFFFFL);
            } else {
                for (int i = 0; i < size; i++) out[i] = low + boundedLemire32((int) rng);
            }
        } else if (rng == -1L) {
            for (int i = 0; i < size; i++) out[i] = low + nextLong();
        } else {
            for (int i = 0; i < size; i++) out[i] = low + boundedLemire64(rng);
        }
        return out;
    }

    private long boundedLemire32(int rng) {
        long rngExcl = (rng & 0xFFFFFFFFL) + 1;
        long m = (nextInt() & 0xFFFFFFFFL) * rngExcl;
        long leftover = m & 0xFFFFFFFFL;
        if (leftover < rngExcl) {
            long threshold = (0xFFFFFFFFL - (rng & 0xFFFFFFFFL)) % rngExcl;
            while (leftover < threshold) {
                m = (nextInt() & 0xFFFFFFFFL) * rngExcl;
                leftover = m & 0xFFFFFFFFL;
            }
        }
        return m >>> 32;
    }

    private long boundedLemire64(long rng) {
        long rngExcl = rng + 1;
        long x = nextLong();
        long leftover = x * rngExcl;
        long hi = unsignedMultiplyHigh(x, rngExcl);
        if (Long.compareUnsigned(leftover, rngExcl) < 0) {
            long threshold = Long.remainderUnsigned(-1L - rng, rngExcl);
            while (Long.compareUnsigned(leftover, threshold) < 0) {
                x = nextLong();
                leftover = x * rngExcl;
                hi = unsignedMultiplyHigh(x, rngExcl);
            }
        }
        return hi;
    }
}
