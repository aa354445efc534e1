package io.tao4j.mantis.salience.math;

/**
 * numpy's {@code SeedSequence} for a single non-negative integer seed and no spawn key: the seed is split
 * into little-endian 32-bit words, hash-mixed into a pool of four words, and {@link #generateState(int)}
 * draws output words from the pool with a second multiplicative hash. This is what
 * {@code numpy.random.default_rng(seed)} uses to initialise {@link Pcg64}.
 */
public final class SeedSequence {
    private static final int POOL_SIZE = 4;
    private static final int INIT_A = 0x43b0d7e5;
    private static final int MULT_A = 0x931e8875;
    private static final int INIT_B = 0x8b51f9dd;
    private static final int MULT_B = 0x58f38ded;
    private static final int MIX_MULT_L = 0xca01f9dd;
    private static final int MIX_MULT_R = 0x4973f715;
    private static final int XSHIFT = 16;

    private final int[] pool = new int[POOL_SIZE];

    /**
     * @param seed the entropy, ≥ 0 (numpy rejects negative seeds)
     * @throws IllegalArgumentException for a negative seed
     */
    public SeedSequence(long seed) {
        if (seed < 0) throw new IllegalArgumentException("seed must be non-negative, got " + seed);
        int[] entropy = seed == 0 ? new int[] {0}
                : (seed >>> 32) == 0 ? new int[] {(int) seed} : new int[] {(int) seed, (int) (seed >>> 32)};
        int[] hashConst = {INIT_A};
        for (int i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0, hashConst);
        for (int src = 0; src < POOL_SIZE; src++) {
            for (int dst = 0; dst < POOL_SIZE; dst++) {
                if (src != dst) pool[dst] = mix(pool[dst], hashmix(pool[src], hashConst));
            }
        }
        for (int src = POOL_SIZE; src < entropy.length; src++) {
            for (int dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src], hashConst));
        }
    }

    private static int hashmix(int value, int[] hashConst) {
        value ^= hashConst[0];
        hashConst[0] *= MULT_A;
        value *= hashConst[0];
        value ^= value >>> XSHIFT;
        return value;
    }

    private static int mix(int x, int y) {
        int r = MIX_MULT_L * x - MIX_MULT_R * y;
        return r ^ (r >>> XSHIFT);
    }

    /** {@code generate_state(nWords, uint32)}. */
    public int[] generateState(int nWords) {
        int[] out = new int[nWords];
        int hashConst = INIT_B;
        for (int i = 0; i < nWords; i++) {
            int v = pool[i % POOL_SIZE];
            v ^= hashConst;
            hashConst *= MULT_B;
            v *= hashConst;
            v ^= v >>> XSHIFT;
            out[i] = v;
        }
        return out;
    }

    /** {@code generate_state(nWords, uint64)}: pairs of 32-bit words, low word first. */
    public long[] generateState64(int nWords) {
        int[] w = generateState(2 * nWords);
        long[] out = new long[nWords];
        for (int i = 0; i < nWords; i++) out[i] = (w[2 * i] & 0xffffffffL) | ((long) w[2 * i + 1] << 32);
        return out;
    }
}
