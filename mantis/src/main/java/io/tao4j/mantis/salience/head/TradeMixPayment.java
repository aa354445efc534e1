package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.salience.math.NumpySum;

import java.util.ArrayList;
import java.util.List;

/**
 * TRADE-MIX gates and payment (spec §5.10 steps 9 and 11; {@code trade_mix.bh_gate}, {@code greedy_clusters},
 * {@code _softplus} and {@code score_epoch.channel_shares}).
 */
final class TradeMixPayment {
    private static final double EPS = 1e-12;

    private TradeMixPayment() {}

    /**
     * Benjamini-Hochberg at level {@code q}: sort p ascending (stable), find the last rank r (0-based) with
     * {@code p_(r) ≤ q·(r+1)/m} and pass the first r + 1; true where a discovery.
     */
    static boolean[] bhGate(double[] p, double q) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> cmp(p[x], p[y]));
        int kmax = -1;
        for (int r = 0; r < m; r++) {
            if (p[order[r]] <= q * (r + 1) / m) kmax = r;
        }
        boolean[] pass = new boolean[m];
        for (int r = 0; r <= kmax; r++) pass[order[r]] = true;
        return pass;
    }

    /** numpy's sort order: NaN last, otherwise ascending (−0.0 equal to 0.0). */
    private static int cmp(double a, double b) {
        boolean na = a != a, nb = b != b;
        if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
        return a < b ? -1 : (a > b ? 1 : 0);
    }

    /**
     * Greedy clusters: miners visited by descending priority (stable, ties by index); an unassigned miner takes every
     * unassigned j with {@code sim[i][j] ≥ thr} (and itself), members in ascending index.
     */
    static List<int[]> greedyClusters(double[][] sim, double thr, double[] priority) {
        int n = priority.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> cmp(-priority[x], -priority[y]));
        boolean[] assigned = new boolean[n];
        List<int[]> out = new ArrayList<>();
        for (int i : order) {
            if (assigned[i]) continue;
            int[] members = new int[n];
            int c = 0;
            for (int j = 0; j < n; j++) {
                if (!assigned[j] && (sim[i][j] >= thr || j == i)) members[c++] = j;
            }
            for (int k = 0; k < c; k++) assigned[members[k]] = true;
            out.add(java.util.Arrays.copyOf(members, c));
        }
        return out;
    }

    /** {@code log1p(exp(−|x|)) + max(x, 0)}. */
    static double softplus(double x) {
        return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0.0);
    }

    /** One channel's shares of its pool and its burned remainder ({@code shares[H]}, then burn at index H). */
    static double[] channelShares(boolean[] gate, double[] t, double[] attr, double[] coverage, List<int[]> clusters,
                                  TradeMixConfig cfg) {
        int n = gate.length;
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            if (gate[i]) raw[i] = softplus(t[i] - cfg.softplusShift()) * attr[i] * coverage[i];
        }
        for (int[] members : clusters) {
            int g = 0;
            double tot = 0.0;
            for (int i : members) {
                if (raw[i] > 0) {
                    g++;
                    tot += raw[i];
                }
            }
            if (g > 1) {
                double each = tot / ((double) g * g);
                for (int i : members) {
                    if (raw[i] > 0) raw[i] = each;
                }
            }
        }
        double[] out = new double[n + 1];
        double s = NumpySum.sum(raw);
        if (!(s > 0)) {
            out[n] = 1.0;
            return out;
        }
        double[] shares = new double[n];
        for (int i = 0; i < n; i++) shares[i] = raw[i] / s;
        capOnce(shares, cfg.minerCap());
        System.arraycopy(shares, 0, out, 0, n);
        out[n] = 1.0 - NumpySum.sum(shares);
        return out;
    }

    /**
     * The cap, applied once: shares above {@code cap} are cut to it and the excess handed to the positive uncapped
     * shares pro rata, each raised by at most {@code cap − share}; what does not fit stays unpaid.
     */
    static void capOnce(double[] shares, double cap) {
        int n = shares.length;
        boolean[] over = new boolean[n];
        int nOver = 0;
        for (int i = 0; i < n; i++) {
            if (shares[i] > cap) {
                over[i] = true;
                nOver++;
            }
        }
        if (nOver == 0) return;
        double[] ex = new double[nOver];
        for (int i = 0, k = 0; i < n; i++) {
            if (over[i]) ex[k++] = shares[i] - cap;
        }
        double excess = NumpySum.sum(ex);
        int nUnder = 0;
        for (int i = 0; i < n; i++) {
            if (over[i]) shares[i] = cap;
            else if (shares[i] > 0) nUnder++;
        }
        if (nUnder == 0) return;
        double[] under = new double[nUnder];
        int[] idx = new int[nUnder];
        for (int i = 0, k = 0; i < n; i++) {
            if (!over[i] && shares[i] > 0) {
                idx[k] = i;
                under[k++] = shares[i];
            }
        }
        double denom = Math.max(NumpySum.sum(under), EPS);
        for (int k = 0; k < nUnder; k++) {
            double room = Math.min(cap - under[k], excess * under[k] / denom);
            shares[idx[k]] = under[k] + room;
        }
    }
}
