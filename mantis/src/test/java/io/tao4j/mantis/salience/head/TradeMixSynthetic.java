package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.salience.math.Half;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic TRADE-MIX ledgers for tests and the benchmark: one row per sample (sidx step 1, 60 rows an hour),
 * four prices following a market factor plus idiosyncratic noise, and per hotkey a position vector held for an
 * hour and stored as float16 (an AR(1) noise per asset plus, for the skilled kinds, the scaled sum of the next
 * 24 hours' returns). Hotkey kinds by index {@code i mod 8}: 0 informed (leans on the next day's residual
 * returns), 1 exact copy of the previous hotkey, 2 market timer (long when the next day's market rises), 3 noise,
 * 4 absent (never submits), 5 late (starts at 60 % of the history), 6 informed with a sign flip half the time,
 * 7 noise with gaps (submits 70 % of hours).
 */
final class TradeMixSynthetic {
    private TradeMixSynthetic() {}

    static MultiAssetSeries series(int hotkeys, int days, long seed) {
        int a = 4;
        int rows = days * 1440;
        int hours = (rows + 59) / 60;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] values = new double[rows * a];
        double[] lp = {Math.log(60000), Math.log(3000), Math.log(400), Math.log(150)};
        double[] beta = {1.0, 1.2, 1.5, 1.3};
        double[] hourMkt = new double[hours + 1];
        double[][] hourIdio = new double[hours + 1][a];
        for (int t = 0; t < rows; t++) {
            double mk = rnd.nextGaussian() * 6e-4;
            for (int j = 0; j < a; j++) {
                double e = rnd.nextGaussian() * 5e-4;
                lp[j] += beta[j] * mk + e;
                values[t * a + j] = Math.exp(lp[j]);
                hourMkt[t / 60] += mk;
                hourIdio[t / 60][j] += e;
            }
        }
        List<String> hks = new ArrayList<>();
        for (int i = 0; i < hotkeys; i++) hks.add(String.format("5Hk%04d%s", i, Long.toString(seed, 36)));
        java.util.Collections.sort(hks);
        float[] hist = new float[rows * hotkeys * a];
        for (int i = 0; i < hotkeys; i++) {
            int kind = i % 8;
            double skill = 0.5 + rnd.nextDouble();
            double[] noise = new double[a];
            for (int hr = 0; hr < hours; hr++) {
                for (int j = 0; j < a; j++) noise[j] = 0.97 * noise[j] + 0.25 * rnd.nextGaussian();
                float[] v = new float[a];
                boolean on = switch (kind) {
                    case 4 -> false;
                    case 5 -> hr >= hours * 0.6;
                    case 7 -> rnd.nextDouble() < 0.7;
                    default -> true;
                };
                if (on) {
                    for (int j = 0; j < a; j++) {
                        double fwd = 0, fm = 0;
                        for (int k = hr; k < Math.min(hours, hr + 24); k++) { // panel return t+1 = hour t
                            fwd += hourIdio[k][j];
                            fm += hourMkt[k];
                        }
                        double x = switch (kind) {
                            case 0, 5 -> skill * fwd / 0.02 + noise[j];
                            case 6 -> (hr % 48 < 24 ? 1 : -1) * fwd / 0.02 + noise[j];
                            case 2 -> skill * fm / 0.02 + 0.3 * noise[j];
                            default -> noise[j];
                        };
                        v[j] = Half.toFloat(Half.fromFloat((float) Math.max(-1, Math.min(1, 0.5 * x))));
                    }
                }
                for (int t = hr * 60; t < Math.min(rows, hr * 60 + 60); t++) {
                    int o = (t * hotkeys + i) * a;
                    if (kind == 1 && i > 0) {
                        for (int j = 0; j < a; j++) hist[o + j] = hist[o - a + j];
                    } else {
                        System.arraycopy(v, 0, hist, o, a);
                    }
                }
            }
        }
        long[] sidx = new long[rows];
        for (int t = 0; t < rows; t++) sidx[t] = 1000 + t;
        return MultiAssetSeries.ofFloats("TRADEMIX", hks, a, hist, values, sidx, 300);
    }
}
