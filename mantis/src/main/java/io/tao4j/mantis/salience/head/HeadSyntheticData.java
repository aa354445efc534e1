package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.BreakoutSample;
import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.SyntheticData;
import io.tao4j.mantis.salience.math.Half;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic data of mainnet shape for the challenges {@link SyntheticData} does not cover: the
 * multi-asset series of XSEC-RANK, FUNDING-XSEC and TRADE-MIX (one row per sample index, values that are
 * multiples of 1/1024, exact in float16, stored as float16 bits as the ledger stores them) and MULTI-BREAKOUT's
 * resolved samples. The miner roles are {@link SyntheticData#roles}'s: {@code signal} sees the target with 30 % of
 * its signs flipped, {@code weak} with 40 %, {@code copy} repeats the first signal miner, {@code late} is a signal miner silent for the
 * first third, {@code zero} never submits, {@code noise} is uniform. Targets: XSEC-RANK the cross-sectional rank of
 * the horizon log return, FUNDING-XSEC the rank of the horizon funding change, TRADE-MIX {@code tanh} of the horizon
 * return in step sigmas, MULTI-BREAKOUT continuation. Generation fills one preallocated array in row order from one
 * {@link SplittableRandom}: the same seed gives the same data on any thread.
 */
public final class HeadSyntheticData {
    /** First sample index of generated series. */
    public static final long START_SIDX = 1_000_000L;

    private HeadSyntheticData() {}

    /** The series of a multi-asset challenge ({@link Loss#XSEC_RANK}, {@link Loss#FUNDING_XSEC}, {@link Loss#TRADE_MIX}). */
    public static MultiAssetSeries multiAsset(long seed, int rows, List<String> roles, Challenge c) {
        if (c.loss() != Loss.XSEC_RANK && c.loss() != Loss.FUNDING_XSEC && c.loss() != Loss.TRADE_MIX) {
            throw new IllegalArgumentException(c.ticker() + " is not a multi-asset series challenge");
        }
        SplittableRandom r = new SplittableRandom(seed);
        int a = c.assets().size();
        int h = roles.size();
        int k = Math.max(1, c.blocksAhead() / 5);
        boolean funding = c.loss() == Loss.FUNDING_XSEC;
        int n = rows + k;
        // values over rows + horizon (the horizon rows only feed the targets)
        double[] vol = new double[a];
        double[] mu = new double[a];
        for (int j = 0; j < a; j++) {
            vol[j] = 5e-4 + 1.5e-3 * r.nextDouble();
            mu[j] = 1e-4 * r.nextGaussian();
        }
        double[] level = new double[n * a];
        for (int j = 0; j < a; j++) {
            double x = funding ? mu[j] : Math.log(10 + 1000 * r.nextDouble());
            for (int t = 0; t < n; t++) {
                x = funding ? mu[j] + 0.999 * (x - mu[j]) + 2e-6 * r.nextGaussian() : x + vol[j] * r.nextGaussian();
                level[t * a + j] = x;
            }
        }
        double[] values = new double[rows * a];
        for (int t = 0; t < rows; t++) {
            for (int j = 0; j < a; j++) {
                double x = level[t * a + j];
                values[t * a + j] = funding ? (r.nextInt(500) == 0 ? Double.NaN : x) : Math.exp(x);
            }
        }
        short[] hist = new short[Math.multiplyExact(rows, h * a)];
        double[] target = new double[a];
        double[] fwd = new double[a];
        int signalCol = roles.indexOf("signal");
        int[] kind = new int[h]; // the roles, resolved once rather than per row
        for (int col = 0; col < h; col++) {
            kind[col] = switch (roles.get(col)) {
                case "zero" -> 0;
                case "noise" -> 1;
                case "copy" -> 2;
                case "late" -> 3;
                case "weak" -> 4;
                default -> 5;
            };
        }
        for (int t = 0; t < rows; t++) {
            for (int j = 0; j < a; j++) fwd[j] = level[(t + k) * a + j] - level[t * a + j];
            if (c.loss() == Loss.TRADE_MIX) {
                for (int j = 0; j < a; j++) target[j] = Math.tanh(fwd[j] / (vol[j] * Math.sqrt(k)));
            } else {
                ranks(fwd, target);
            }
            for (int col = 0; col < h; col++) {
                int o = (t * h + col) * a;
                switch (kind[col]) {
                    case 0 -> { }
                    case 1 -> {
                        for (int j = 0; j < a; j++) hist[o + j] = Half.fromFloat(q(2 * r.nextDouble() - 1));
                    }
                    case 2 -> {
                        if (signalCol >= 0 && signalCol < col) {
                            System.arraycopy(hist, (t * h + signalCol) * a, hist, o, a);
                        } else {
                            informed(r, target, hist, o, 0.3);
                        }
                    }
                    case 3 -> {
                        if (t >= rows / 3) informed(r, target, hist, o, 0.3);
                    }
                    case 4 -> informed(r, target, hist, o, 0.4);
                    default -> informed(r, target, hist, o, 0.3);
                }
            }
        }
        long[] sidx = new long[rows];
        for (int t = 0; t < rows; t++) sidx[t] = START_SIDX + t;
        return new MultiAssetSeries(c.ticker(), SyntheticData.hotkeyNames(roles), a, hist, values, sidx, c.blocksAhead());
    }

    /**
     * MULTI-BREAKOUT's resolved samples over {@code days}: one market-wide burst a day at a random time, of
     * {@code perDay/2 .. 3·perDay/2} breakouts across the 33 assets within ±200 sample indices (60 % continue; bursts
     * more than 1440 apart are separate episodes), with every submitting miner's {@code [p_cont, p_rev]}.
     */
    public static List<BreakoutSample> breakouts(long seed, int days, int perDay, List<String> roles) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> names = SyntheticData.hotkeyNames(roles);
        int signalCol = roles.indexOf("signal");
        int span = days * 1440;
        List<long[]> triggers = new ArrayList<>(); // {sidx, asset}
        for (int d = 0; d < days; d++) {
            long centre = d * 1440L + r.nextInt(1440);
            int m = perDay / 2 + r.nextInt(Math.max(1, perDay + 1));
            for (int i = 0; i < m; i++) {
                triggers.add(new long[]{Math.max(0, Math.min(span - 1, centre + r.nextInt(401) - 200)),
                        r.nextInt(Protocol.BREAKOUT_ASSETS.size())});
            }
        }
        triggers.sort((x, y) -> Long.compare(x[0], y[0]));
        List<BreakoutSample> out = new ArrayList<>(triggers.size());
        short[] signal = null;
        for (long[] tr : triggers) {
            long sidx = START_SIDX + tr[0];
            int label = r.nextDouble() < 0.6 ? 1 : 0;
            Map<String, short[]> emb = new LinkedHashMap<>();
            for (int col = 0; col < roles.size(); col++) {
                String role = roles.get(col);
                double p;
                switch (role) {
                    case "zero" -> p = Double.NaN;
                    case "noise" -> p = r.nextDouble();
                    case "late" -> p = tr[0] < span / 3 ? Double.NaN : informedP(r, label, 0.3);
                    case "weak" -> p = informedP(r, label, 0.4);
                    case "copy" -> p = signal != null && signalCol < col ? Double.POSITIVE_INFINITY : informedP(r, label, 0.3);
                    default -> p = informedP(r, label, 0.3);
                }
                if (Double.isNaN(p)) continue;
                short[] v;
                if (Double.isInfinite(p)) {
                    v = signal.clone();
                } else {
                    float pc = q(p);
                    v = new short[]{Half.fromFloat(pc), Half.fromFloat(1 - pc)};
                }
                if (col == signalCol) signal = v;
                emb.put(names.get(col), v);
            }
            long block = sidx * 5;
            out.add(new BreakoutSample(sidx, block, block + 5L * (30 + r.nextInt(2000)), r.nextBoolean() ? 1 : -1,
                    label, emb));
            signal = null;
        }
        return out;
    }

    private static double informedP(SplittableRandom r, int label, double err) {
        boolean right = r.nextDouble() >= err;
        double d = (label == 1) == right ? 0.15 : -0.15;
        return Math.min(1, Math.max(0, 0.5 + d + 0.2 * (r.nextDouble() - 0.5)));
    }

    /** The target with a fraction {@code err} of signs flipped, shrunk and jittered, in [−1, 1]. */
    private static void informed(SplittableRandom r, double[] target, short[] hist, int o, double err) {
        for (int j = 0; j < target.length; j++) {
            double v = r.nextDouble() < err ? -target[j] : target[j];
            hist[o + j] = Half.fromFloat(q(Math.max(-1, Math.min(1, 0.8 * v + 0.4 * (r.nextDouble() - 0.5)))));
        }
    }

    /** Cross-sectional ranks of {@code x} scaled to [−1, 1] (NaN → 0); ties by index. */
    static void ranks(double[] x, double[] out) {
        int a = x.length;
        Integer[] idx = new Integer[a];
        for (int j = 0; j < a; j++) idx[j] = j;
        Arrays.sort(idx, (p, s) -> Double.compare(Double.isNaN(x[p]) ? 0 : x[p], Double.isNaN(x[s]) ? 0 : x[s]));
        for (int rk = 0; rk < a; rk++) out[idx[rk]] = a == 1 ? 0 : 2.0 * rk / (a - 1) - 1;
        for (int j = 0; j < a; j++) if (Double.isNaN(x[j])) out[j] = 0;
    }

    /** Rounded to a multiple of 1/1024 (exact in float16). */
    static float q(double v) {
        return (float) (Math.rint(v * 1024) / 1024);
    }
}
