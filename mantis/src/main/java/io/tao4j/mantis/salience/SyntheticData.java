package io.tao4j.mantis.salience;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic synthetic MANTIS training data with known answers, for tests, benchmarks and the
 * parity fixtures (tools/parity/mantis/gen_parity.py implements the same generator draw for draw).
 *
 * <p>All randomness is splitmix64 on integers and every embedding value is a multiple of 1/1024 (exact in
 * float16, float32 and float64), so Java and Python produce bit-identical inputs. Prices are an integer
 * random walk with regime drift divided by 10 000. Miner roles:
 * <ul>
 *   <li>{@code signal}: sees the future (sign of the horizon return, its bucket, whether the
 *       opposite move happens, which barrier is hit first), wrong 30% of the time;</li>
 *   <li>{@code weak}: the same with 40% errors;</li>
 *   <li>{@code copy}: a bit-for-bit copy of the first {@code signal} miner;</li>
 *   <li>{@code late}: like {@code signal} but all-zero (no submission) for the first third of rows;</li>
 *   <li>{@code zero}: never submits (all-zero embeddings);</li>
 *   <li>{@code noise}: uniform random values.</li>
 * </ul>
 */
public final class SyntheticData {
    private SyntheticData() {}

    /** splitmix64 */
    static final class Rng {
        private long state;

        Rng(long seed) {
            state = seed;
        }

        long next() {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        int below(int n) {
            return (int) Long.remainderUnsigned(next(), n);
        }
    }

    private static final int NOISE = 100;       // per-step noise is uniform in [-100, 100]
    private static final int DRIFT_UNIT = 6;
    private static final long START = 1_000_000L;

    /** Integer price path of length n (seeded walk with regime drift). */
    static long[] pricePath(Rng rng, int n) {
        long[] p = new long[n];
        long cur = START;
        int d = 0;
        for (int t = 0; t < n; t++) {
            if (rng.below(300) == 0) d = rng.below(7) - 3;
            cur += (long) d * DRIFT_UNIT + (rng.below(2 * NOISE + 1) - NOISE);
            p[t] = cur;
        }
        return p;
    }

    static int isqrt(int v) {
        int r = (int) Math.sqrt(v);
        while ((long) r * r > v) r--;
        while ((long) (r + 1) * (r + 1) <= v) r++;
        return r;
    }

    /**
     * Generates one series per challenge; the challenge at position {@code ci} of {@code challenges}
     * uses seed {@code seed + 1000 * ci}. Hotkey names are {@code hk<NN>-<role>} (sorted order =
     * role order).
     */
    public static TrainingData generate(long seed, int rows, List<String> roles, List<MantisChallenge> challenges) {
        Map<String, ChallengeSeries> out = new LinkedHashMap<>();
        for (int ci = 0; ci < challenges.size(); ci++) {
            MantisChallenge ch = challenges.get(ci);
            // price-based series are stored as float16 (all generated values are exact in half precision)
            out.put(ch.ticker(), generateHalfSeries(seed + 1000L * ci, rows, roles, ch));
        }
        return new TrainingData(out);
    }

    public static List<String> hotkeyNames(List<String> roles) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) names.add(String.format("hk%03d-%s", i, roles.get(i)));
        return names;
    }

    /** One challenge's series in float32 (see {@link #generateHalfSeries} for the float16 storage the ledger has). */
    public static ChallengeSeries generateSeries(long seed, int rows, List<String> roles, MantisChallenge ch) {
        return generateSeries(seed, rows, roles, ch, false);
    }

    /**
     * {@code generateSeries(seed, rows, roles, ch).toHalf()} (the same values) without the float32 copy of the whole
     * series: each hotkey's embedding is rounded to float16 as soon as it is generated, so one hotkey's floats are
     * alive at a time (LBFGS at 256 hotkeys × 43 200 rows: 376 MB instead of 376 + 752 MB). Binary series stay
     * float, as {@link ChallengeSeries#toHalf()} leaves them.
     */
    public static ChallengeSeries generateHalfSeries(long seed, int rows, List<String> roles, MantisChallenge ch) {
        return generateSeries(seed, rows, roles, ch, true);
    }

    private static ChallengeSeries generateSeries(long seed, int rows, List<String> roles, MantisChallenge ch,
                                                  boolean half) {
        Rng rng = new Rng(seed);
        int h = Math.max(1, ch.blocksAhead() / MantisConfig.SAMPLE_EVERY);
        long[] path = pricePath(rng, rows + h + 1);
        int dim = ch.dim();
        int H = roles.size();
        boolean toHalf = half && ch.loss() != LossKind.BINARY;
        float[][] emb = toHalf ? null : new float[H][];
        short[][] halfEmb = toHalf ? new short[H][] : null;
        float[] scratch = toHalf ? new float[Math.multiplyExact(rows, dim)] : null;
        int sigI = 58 * isqrt(h); // ~ std of the h-step noise sum, in price units
        int firstSignal = roles.indexOf("signal");
        for (int m = 0; m < H; m++) {
            String role = roles.get(m);
            if (role.equals("copy")) {
                if (firstSignal < 0 || firstSignal > m) throw new IllegalArgumentException("copy needs an earlier signal");
                if (toHalf) halfEmb[m] = halfEmb[firstSignal].clone();
                else emb[m] = emb[firstSignal].clone();
                continue;
            }
            float[] e;
            if (toHalf) {
                e = scratch;
                java.util.Arrays.fill(e, 0f);
            } else {
                e = emb[m] = new float[rows * dim];
            }
            generateHotkey(rng, role, e, rows, dim, h, sigI, path, ch);
            if (toHalf) {
                short[] b = new short[e.length];
                for (int i = 0; i < e.length; i++) b[i] = io.tao4j.mantis.salience.math.Half.fromFloat(e[i]);
                halfEmb[m] = b;
            }
        }
        List<String> names = hotkeyNames(roles);
        if (ch.loss() == LossKind.BINARY) {
            float[] ret = new float[rows];
            for (int t = 0; t < rows; t++) {
                double p0 = path[t] / 10000.0;
                double p1 = path[t + h] / 10000.0;
                ret[t] = (float) ((p1 - p0) / p0);
            }
            return ChallengeSeries.ofReturns(names, dim, emb, ret);
        }
        double[] price = new double[rows];
        for (int t = 0; t < rows; t++) price[t] = path[t] / 10000.0;
        return toHalf ? ChallengeSeries.ofHalfPrices(names, dim, halfEmb, price)
                : ChallengeSeries.ofPrices(names, dim, emb, price);
    }

    /** One hotkey's embedding of its role into {@code e} (zeros on entry), drawing from {@code rng}. */
    private static void generateHotkey(Rng rng, String role, float[] e, int rows, int dim, int h, int sigI,
                                       long[] path, MantisChallenge ch) {
        if (role.equals("zero")) return;
        boolean informed = role.equals("signal") || role.equals("weak") || role.equals("late");
        int errPct = role.equals("weak") ? 4 : 3;
        if (!informed && !role.equals("noise")) throw new IllegalArgumentException("unknown role " + role);
        for (int t = 0; t < rows; t++) {
            if (role.equals("late") && t < rows / 3) continue;
            int o = t * dim;
            if (!informed) {
                for (int k = 0; k < dim; k++) {
                    e[o + k] = ch.loss() == LossKind.BINARY
                            ? (rng.below(2049) - 1024) / 1024f
                            : (rng.below(1023) + 1) / 1024f;
                }
                continue;
            }
            boolean wrong = rng.below(10) < errPct;
            switch (ch.loss()) {
                case BINARY -> {
                    boolean upMove = path[t + h] - path[t] > 0;
                    boolean say = wrong != upMove;
                    e[o] = say ? 512 / 1024f : -512 / 1024f;
                    e[o + 1] = (rng.below(2049) - 1024) / 1024f;
                }
                case LBFGS -> {
                    long fut = path[t + h] - path[t];
                    int b = fut <= -2L * sigI ? 0 : fut < -sigI ? 1 : fut <= sigI ? 2 : fut < 2L * sigI ? 3 : 4;
                    if (wrong) b = rng.below(5);
                    for (int c = 0; c < 5; c++) e[o + c] = (c == b ? 820 : 51) / 1024f;
                    long base = path[Math.max(0, t - 1)];
                    long hi = Long.MIN_VALUE, lo = Long.MAX_VALUE;
                    for (int k = t; k <= t + h; k++) {
                        hi = Math.max(hi, path[k]);
                        lo = Math.min(lo, path[k]);
                    }
                    int[] thr = {sigI / 2, sigI, 2 * sigI};
                    for (int j = 0; j < 3; j++) {
                        boolean up = hi - base >= thr[j];
                        boolean dn = lo - base <= -thr[j];
                        // slots 5..7: c=0, 8..10: c=1 (opposite move = up); 11..13: c=3, 14..16: c=4 (down)
                        e[o + 5 + j] = (up ? 870 : 154) / 1024f;
                        e[o + 8 + j] = (up ? 870 : 154) / 1024f;
                        e[o + 11 + j] = (dn ? 870 : 154) / 1024f;
                        e[o + 14 + j] = (dn ? 870 : 154) / 1024f;
                    }
                }
                case HITFIRST -> {
                    int lab = 2;
                    for (int k = 1; k <= h; k++) {
                        long d = path[t + k] - path[t];
                        if (d >= sigI) {
                            lab = 0;
                            break;
                        }
                        if (d <= -sigI) {
                            lab = 1;
                            break;
                        }
                    }
                    if (wrong) lab = rng.below(3);
                    for (int c = 0; c < 3; c++) e[o + c] = (c == lab ? 717 : 153) / 1024f;
                }
            }
        }
    }

    /** SHA-256 (hex) over the series' embeddings (float32 LE, hotkey-major) then prices (f64 LE) or returns (f32 LE). */
    public static String digest(ChallengeSeries s) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(8 * 4096).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int h = 0; h < s.hotkeyCount(); h++) {
                float[] e = s.embedding(h);
                for (float v : e) {
                    if (bb.remaining() < 8) flush(md, bb);
                    bb.putFloat(v);
                }
            }
            if (s.prices() != null) {
                for (double v : s.prices()) {
                    if (bb.remaining() < 8) flush(md, bb);
                    bb.putDouble(v);
                }
            } else {
                for (float v : s.returns()) {
                    if (bb.remaining() < 8) flush(md, bb);
                    bb.putFloat(v);
                }
            }
            flush(md, bb);
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void flush(java.security.MessageDigest md, java.nio.ByteBuffer bb) {
        bb.flip();
        md.update(bb);
        bb.clear();
    }

    /** Roles: a few informed miners (signal, weak, copy, late), every 8th miner never submits, rest noise. */
    public static List<String> roles(int hotkeys) {
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < hotkeys; i++) {
            String r;
            if (i == 0) r = "signal";
            else if (i == 1) r = "weak";
            else if (i == 2 && hotkeys > 3) r = "copy";
            else if (i == 3) r = "late";
            else if (i % 8 == 4) r = "zero";
            else r = "noise";
            roles.add(r);
        }
        return roles;
    }
}
