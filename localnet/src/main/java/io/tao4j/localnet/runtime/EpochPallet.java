package io.tao4j.localnet.runtime;

import java.util.List;

/**
 * The epoch: a stake-weighted Yuma without bonds, clipping or consensus, and the distribution of the subnet's
 * pending alpha emission (18 % owner, 41 % miners by incentive, 41 % validators by dividends).
 */
final class EpochPallet {
    private final SubtensorRuntime rt;

    EpochPallet(SubtensorRuntime rt) {
        this.rt = rt;
    }

    void runEpoch(Subnet s) {
        StakingPallet staking = rt.staking();
        RuntimeState st = rt.state();
        int n = s.size();
        long total = s.pendingEmission;
        s.pendingEmission = 0;
        s.epochs++;
        staking.assignPermits(s);
        double[] stake = new double[n];
        double stakeSum = 0;
        for (int i = 0; i < n; i++) {
            if (s.validatorPermit.get(i)) {
                stake[i] = staking.totalHotkeyAlpha(s.keys.get(i), s.netuid());
                stakeSum += stake[i];
            }
        }
        double[][] w = new double[n][];
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = new double[n];
            if (stake[i] == 0) {
                continue;
            }
            double rowSum = 0;
            for (int[] e : s.weights.getOrDefault(i, List.of())) {
                if (e[0] < n) {
                    w[i][e[0]] += e[1];
                    rowSum += e[1];
                }
            }
            if (rowSum > 0) {
                for (int j = 0; j < n; j++) {
                    w[i][j] /= rowSum;
                    rank[j] += stake[i] / stakeSum * w[i][j];
                }
            }
        }
        double rankSum = sum(rank);
        double[] incentive = new double[n];
        double[] dividends = new double[n];
        if (rankSum > 0) {
            for (int j = 0; j < n; j++) {
                incentive[j] = rank[j] / rankSum;
            }
            for (int i = 0; i < n; i++) {
                double d = 0;
                for (int j = 0; j < n; j++) {
                    d += w[i][j] * incentive[j];
                }
                dividends[i] = stake[i] * d;
            }
        } else if (stakeSum > 0) {
            System.arraycopy(stake, 0, dividends, 0, n);
        }
        normalise(dividends);

        long ownerCut = total * 18 / 100;
        long minerPot = rankSum > 0 ? total * 41 / 100 : 0;
        long validatorPot = total - ownerCut - minerPot;
        long[] emitted = new long[n];
        long[] minerShare = split(minerPot, incentive);
        long[] validatorShare = split(stakeSum > 0 ? validatorPot : 0, dividends);
        for (int j = 0; j < n; j++) {
            AccountId hot = s.keys.get(j);
            if (minerShare[j] > 0) {
                AccountId cold = st.owner.get(hot);
                staking.pool(hot, s.netuid()).add(cold, minerShare[j]);
                emitted[j] += minerShare[j];
            }
            if (validatorShare[j] > 0) {
                SharePool p = staking.pool(hot, s.netuid());
                if (p.isEmpty()) {
                    p.add(st.owner.get(hot), validatorShare[j]);
                } else {
                    p.emit(validatorShare[j]);
                }
                emitted[j] += validatorShare[j];
            }
        }
        if (ownerCut > 0) {
            staking.pool(s.params.ownerHotkey(), s.netuid()).add(s.params.ownerColdkey(), ownerCut);
            int ownerUid = s.uidOf(s.params.ownerHotkey());
            if (ownerUid >= 0) {
                emitted[ownerUid] += ownerCut;
            }
        }
        for (int j = 0; j < n; j++) {
            s.incentive.set(j, toU16(incentive[j]));
            s.dividends.set(j, toU16(dividends[j]));
            s.emission.set(j, emitted[j]);
        }
        staking.assignPermits(s);
    }

    /** Splits {@code pot} by the (normalised) shares, giving the rounding remainder to the largest share. */
    private static long[] split(long pot, double[] shares) {
        long[] out = new long[shares.length];
        if (pot <= 0) {
            return out;
        }
        long given = 0;
        int largest = -1;
        for (int i = 0; i < shares.length; i++) {
            out[i] = (long) Math.floor(pot * shares[i]);
            given += out[i];
            if (shares[i] > 0 && (largest < 0 || shares[i] > shares[largest])) {
                largest = i;
            }
        }
        if (largest >= 0) {
            out[largest] += pot - given;
        }
        return out;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static void normalise(double[] v) {
        double s = sum(v);
        if (s > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= s;
            }
        }
    }

    private static int toU16(double x) {
        return (int) Math.round(Math.max(0, Math.min(1, x)) * 65535);
    }
}
