package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.protocol.Protocol;

import java.util.List;

/**
 * TRADE-MIX v2's settings, named after the fields of the reference's {@code trade_mix.TradeMixV2Config} (spec
 * §5.10): its defaults, with the challenge spec's overrides ({@link Protocol.TradeMixParams}, as
 * {@code TradeMixV2Config.from_spec} applies them) laid on top by {@link #from}. Hours are rows of the hourly panel.
 *
 * @param horizons          RV label horizons (12, 24, 48)
 * @param blendW            their z-score blend weights (0.25, 0.5, 0.25)
 * @param betaHorizon       market-factor label horizon (24)
 * @param volWindow         hours of returns behind the inverse-vol factor weights (720)
 * @param betaWindow        hours of returns behind the betas (1440)
 * @param betaShrink        shrink of the betas toward 1 (0.3)
 * @param refresh           factor refresh period in panel rows (24)
 * @param warmup            panel rows before the first refresh / before residuals are valid (120)
 * @param minShift          smallest circular shift of the null (96)
 * @param fdrQ              Benjamini-Hochberg level (0.05)
 * @param probationHours    age and coverage window of the probation (504)
 * @param probationCoverage coverage needed over that window (0.9)
 * @param activityMinStd    smallest std of an RV book that counts as active (1e-4)
 * @param seniorityCosine   |cosine| above which a junior book is projected off a senior one (0.20)
 * @param dedupCosine       cosine of one payment cluster (0.95)
 * @param dedupWindow       trailing hours of the books the cosines are taken over (720)
 * @param feePerSide        cost per unit of turnover in the attribution (fee_bps·1e-4 = 0.001)
 * @param softplusShift     shift of the evidence t before the softplus (2.0)
 * @param channelSplitRv    share of the pool paid by the RV channel (0.75; beta gets 1 − it)
 * @param minerCap          largest share of a channel pool one miner gets (0.20)
 * @param coverageWindow    trailing hours of the coverage factor (720)
 * @param attrWindow        trailing hours of the attribution (720)
 * @param sampleEvery       blocks per ledger row ({@code config.SAMPLE_EVERY}, 5)
 * @param secondsPerBlock   seconds per block ({@code trade_mix.SECONDS_PER_BLOCK}, 12)
 */
public record TradeMixConfig(int[] horizons, double[] blendW, int betaHorizon, int volWindow, int betaWindow,
                             double betaShrink, int refresh, int warmup, int minShift, double fdrQ, int probationHours,
                             double probationCoverage, double activityMinStd, double seniorityCosine,
                             double dedupCosine, int dedupWindow, double feePerSide, double softplusShift,
                             double channelSplitRv, double minerCap, int coverageWindow, int attrWindow,
                             int sampleEvery, int secondsPerBlock) {
    public TradeMixConfig {
        horizons = horizons.clone();
        blendW = blendW.clone();
        if (horizons.length != blendW.length || horizons.length == 0) {
            throw new IllegalArgumentException("TRADE-MIX: " + horizons.length + " horizons but " + blendW.length
                    + " blend weights");
        }
        for (int h : horizons) {
            if (h < 1) throw new IllegalArgumentException("TRADE-MIX: horizon " + h + " h is not positive");
        }
        if (betaHorizon < 1 || refresh < 1 || warmup < 0 || minShift < 0 || sampleEvery < 1 || secondsPerBlock < 1) {
            throw new IllegalArgumentException("TRADE-MIX: non-positive window in " + java.util.Arrays.toString(
                    new int[] {betaHorizon, refresh, warmup, minShift, sampleEvery, secondsPerBlock}));
        }
    }

    @Override
    public int[] horizons() {
        return horizons.clone();
    }

    @Override
    public double[] blendW() {
        return blendW.clone();
    }

    /** The reference's dataclass defaults (before the spec overrides). */
    public static TradeMixConfig defaults() {
        return new TradeMixConfig(new int[] {12, 24, 48}, new double[] {0.25, 0.50, 0.25}, 24, 720, 1440, 0.3, 24,
                120, 96, 0.05, 21 * 24, 0.9, 1e-4, 0.20, 0.95, 720, 10e-4, 2.0, 0.75, 0.20, 720, 720, 5, 12);
    }

    /** The defaults with a protocol's spec keys applied ({@code TradeMixV2Config.from_spec}). */
    public static TradeMixConfig from(Protocol.TradeMixParams p) {
        TradeMixConfig d = defaults();
        if (p == null) return d;
        List<Integer> hs = p.horizonsHours();
        List<Double> bw = p.blendWeights();
        int[] horizons = hs.stream().mapToInt(Integer::intValue).toArray();
        double[] blend = bw.stream().mapToDouble(Double::doubleValue).toArray();
        return new TradeMixConfig(horizons, blend, p.betaHorizonHours(), d.volWindow, d.betaWindow, d.betaShrink,
                d.refresh, d.warmup, d.minShift, p.fdrQ(), p.probationHours(), p.probationCoverage(),
                d.activityMinStd, p.seniorityCosine(), p.dedupCosineThreshold(), d.dedupWindow, p.feeBps() * 1e-4,
                d.softplusShift, p.channelSplitRv(), p.minerCap(), d.coverageWindow, d.attrWindow, d.sampleEvery,
                d.secondsPerBlock);
    }

    /** Ledger rows per hour of the grid: {@code max(1, round(3600 / (secondsPerBlock · sampleEvery)))} (60). */
    public int hourStep() {
        return (int) Math.max(1, Math.round(3600.0 / (secondsPerBlock * sampleEvery)));
    }

    /** The same settings with another miner cap. */
    public TradeMixConfig withCap(double cap) {
        return new TradeMixConfig(horizons, blendW, betaHorizon, volWindow, betaWindow, betaShrink, refresh, warmup,
                minShift, fdrQ, probationHours, probationCoverage, activityMinStd, seniorityCosine, dedupCosine,
                dedupWindow, feePerSide, softplusShift, channelSplitRv, cap, coverageWindow, attrWindow, sampleEvery,
                secondsPerBlock);
    }

    /** Beta channel's share of the pool ({@code 1 − channelSplitRv}). */
    public double channelSplitBeta() {
        return 1.0 - channelSplitRv;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TradeMixConfig c && java.util.Arrays.equals(horizons, c.horizons)
                && java.util.Arrays.equals(blendW, c.blendW) && toString().equals(c.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "TradeMixConfig[horizons=" + java.util.Arrays.toString(horizons) + ", blendW="
                + java.util.Arrays.toString(blendW) + ", betaHorizon=" + betaHorizon + ", volWindow=" + volWindow
                + ", betaWindow=" + betaWindow + ", betaShrink=" + betaShrink + ", refresh=" + refresh + ", warmup="
                + warmup + ", minShift=" + minShift + ", fdrQ=" + fdrQ + ", probationHours=" + probationHours
                + ", probationCoverage=" + probationCoverage + ", activityMinStd=" + activityMinStd
                + ", seniorityCosine=" + seniorityCosine + ", dedupCosine=" + dedupCosine + ", dedupWindow="
                + dedupWindow + ", feePerSide=" + feePerSide + ", softplusShift=" + softplusShift
                + ", channelSplitRv=" + channelSplitRv + ", minerCap=" + minerCap + ", coverageWindow="
                + coverageWindow + ", attrWindow=" + attrWindow + ", sampleEvery=" + sampleEvery
                + ", secondsPerBlock=" + secondsPerBlock + "]";
    }
}
