package io.tao4j.localnet.prices;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded price and funding-rate paths for the local network: one step per block, for the assets MANTIS reads.
 * {@link #MANTIS_ASSETS} are the 37 price keys of protocol bcff57b (ETH BTC CADUSD NZDUSD CHFUSD XAGUSD, then the
 * other 31 breakout assets); {@link #FUNDING_ASSETS} the 20 assets with a perpetual-futures funding rate.
 *
 * <p>Time: one step is one 12-second Bittensor block of <em>simulated</em> time, whatever the local block time
 * (the demo chain makes 250 ms blocks, so it runs 48× faster than the real network: MANTIS's 4-day breakout range
 * of 28 800 blocks passes in 2 hours of wall time).
 *
 * <p>Each asset's log price is a geometric random walk with its annual volatility (FX ~7 %, silver 28 %, BTC 50 %,
 * small caps 100 %+), made of:
 * <ul>
 *   <li>a shock shared through a common market factor (correlation {@link Asset#marketCorr()}: ~0.7 for crypto),
 *       so that the cross-section has structure;</li>
 *   <li>a fast mean-reverting drift (AR(1), half-life ≈ 70 blocks) and a slow trend (AR(1), half-life 12
 *       simulated hours, small), so that momentum carries a little information, as on real markets;</li>
 *   <li>rare jumps (about one per asset per four simulated days) that kick the slow trend in their direction:
 *       range breakouts with some follow-through.</li>
 * </ul>
 * The parts are budgeted so that returns over hours to days have the annual volatility (the one-block variance
 * is about a quarter of it: the drift and trends only add up over time).
 *
 * <p>Funding rates (per 8 hours, as exchanges quote them) are mean-reverting AR(1) paths around a per-asset
 * long-run level near 1e-4 (half-life 8 simulated hours, stationary spread 1.5e-4, a common factor): they drift
 * and change sign. Pure and deterministic: the same assets and seed give the same paths.
 */
public final class PriceModel {

    /**
     * One asset's parameters.
     *
     * @param start      start price
     * @param annualVol  annualised volatility (0.6 = 60 %)
     * @param marketCorr correlation of its shocks with the common market factor, in [0, 1)
     */
    public record Asset(String ticker, double start, double annualVol, double marketCorr) {
        public Asset {
            if (!(start > 0) || !(annualVol > 0) || !(marketCorr >= 0 && marketCorr < 1)) {
                throw new IllegalArgumentException(ticker + ": bad start " + start + ", volatility " + annualVol
                        + " or market correlation " + marketCorr);
            }
        }

        /** An asset uncorrelated with the market factor. */
        public Asset(String ticker, double start, double annualVol) {
            this(ticker, start, annualVol, 0);
        }
    }

    /** The price keys of protocol 2e9bc5b (ETH, BTC and four FX/metal series): what older callers used. */
    public static final List<Asset> DEFAULT_ASSETS = List.of(
            new Asset("ETH", 3000.0, 0.65, 0.75),
            new Asset("BTC", 90000.0, 0.50, 0.80),
            new Asset("CADUSD", 0.72, 0.06, 0.10),
            new Asset("NZDUSD", 0.58, 0.09, 0.15),
            new Asset("CHFUSD", 1.12, 0.07, 0.10),
            new Asset("XAGUSD", 30.0, 0.28, 0.20));

    /** All 37 price keys of protocol bcff57b in its {@code priceKeys()} order, with realistic levels. */
    public static final List<Asset> MANTIS_ASSETS = List.of(
            DEFAULT_ASSETS.get(0), DEFAULT_ASSETS.get(1), DEFAULT_ASSETS.get(2), DEFAULT_ASSETS.get(3),
            DEFAULT_ASSETS.get(4), DEFAULT_ASSETS.get(5),
            new Asset("XRP", 2.2, 0.85, 0.65), new Asset("SOL", 140, 0.80, 0.75), new Asset("TRX", 0.28, 0.55, 0.50),
            new Asset("DOGE", 0.15, 0.95, 0.70), new Asset("ADA", 0.45, 0.90, 0.70), new Asset("BCH", 500, 0.80, 0.65),
            new Asset("XMR", 380, 0.70, 0.45), new Asset("LINK", 14, 0.90, 0.70), new Asset("LEO", 9, 0.40, 0.20),
            new Asset("HYPE", 35, 1.10, 0.55), new Asset("XLM", 0.25, 0.85, 0.65), new Asset("ZEC", 400, 1.20, 0.45),
            new Asset("SUI", 1.7, 1.10, 0.65), new Asset("LTC", 85, 0.80, 0.70), new Asset("AVAX", 14, 0.95, 0.70),
            new Asset("HBAR", 0.14, 0.95, 0.65), new Asset("SHIB", 0.000009, 1.00, 0.65),
            new Asset("TON", 1.6, 0.80, 0.50), new Asset("CRO", 0.11, 0.80, 0.55), new Asset("DOT", 2.3, 0.90, 0.70),
            new Asset("UNI", 6, 1.00, 0.65), new Asset("MNT", 1.1, 0.90, 0.55), new Asset("BGB", 4.5, 0.60, 0.40),
            new Asset("TAO", 280, 1.10, 0.60), new Asset("AAVE", 190, 1.00, 0.65),
            new Asset("PEPE", 0.0000045, 1.20, 0.60), new Asset("NEAR", 1.8, 1.00, 0.70),
            new Asset("ICP", 3.5, 1.00, 0.60), new Asset("ETC", 13, 0.85, 0.65), new Asset("ONDO", 0.5, 1.10, 0.60),
            new Asset("SKY", 0.06, 1.10, 0.50));

    /** The 20 funding assets of protocol bcff57b, in its order. */
    public static final List<String> FUNDING_ASSETS = List.of("BTC", "ETH", "SOL", "XRP", "DOGE", "ADA", "AVAX",
            "LINK", "DOT", "SUI", "NEAR", "AAVE", "UNI", "LTC", "HBAR", "PEPE", "TRX", "SHIB", "TAO", "ONDO");

    private static final double BLOCK_SECONDS = 12.0;
    private static final double YEAR_SECONDS = 365.0 * 24 * 3600;
    /** Persistence of the fast drift per block (half-life ≈ 70 blocks ≈ 14 minutes). */
    static final double DRIFT_PERSISTENCE = 0.99;
    /** Persistence of the slow trend (half-life 3600 blocks = 12 simulated hours). */
    static final double TREND_PERSISTENCE = Math.exp(-Math.log(2) / 3600);
    /** Jump probability per block (one per four simulated days). */
    static final double JUMP_RATE = 1.0 / 28_800;
    /*
     * Shares of the long-horizon variance (they sum to 1, so that returns over hours to days have the annual
     * volatility): independent noise, the fast drift, the slow trend's own innovations, the jumps themselves, and
     * the trend a jump starts (its follow-through).
     */
    static final double NOISE_SHARE = 0.15;
    static final double DRIFT_SHARE = 0.55;
    static final double TREND_SHARE = 0.05;
    static final double JUMP_SHARE = 0.10;
    static final double JUMP_TREND_SHARE = 0.15;
    /** Per-block innovation of the fast drift, of the slow trend, jump size and jump trend kick, in per-block sigmas. */
    static final double DRIFT_INNOVATION = Math.sqrt(DRIFT_SHARE) * (1 - DRIFT_PERSISTENCE);
    static final double TREND_INNOVATION = Math.sqrt(TREND_SHARE) * (1 - TREND_PERSISTENCE);
    static final double JUMP_SIZE = Math.sqrt(JUMP_SHARE / JUMP_RATE);
    static final double JUMP_TREND = Math.sqrt(JUMP_TREND_SHARE / JUMP_RATE) * (1 - TREND_PERSISTENCE);
    /** Funding rates: persistence (half-life 2400 blocks = 8 simulated hours), stationary spread, common factor. */
    static final double FUNDING_PERSISTENCE = Math.exp(-Math.log(2) / 2400);
    static final double FUNDING_STD = 1.5e-4;
    static final double FUNDING_CORR = 0.5;

    private final List<Asset> assets;
    private final List<String> fundingAssets;
    private final SplittableRandom random;
    private final SplittableRandom fundingRandom;
    private final double[] logPrice;
    private final double[] drift;
    private final double[] trend;
    private final double[] sigma;
    private final double[] fundingMean;
    private final double[] funding;
    private long step;

    /** Prices only (no funding rates). */
    public PriceModel(List<Asset> assets, long seed) {
        this(assets, List.of(), seed);
    }

    /**
     * Prices of {@code assets} and funding rates of {@code fundingAssets} (any tickers). Prices depend only on the
     * assets and the seed, not on the funding list.
     */
    public PriceModel(List<Asset> assets, List<String> fundingAssets, long seed) {
        this.assets = List.copyOf(assets);
        this.fundingAssets = List.copyOf(fundingAssets);
        this.random = new SplittableRandom(seed);
        this.fundingRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int n = assets.size();
        logPrice = new double[n];
        drift = new double[n];
        trend = new double[n];
        sigma = new double[n];
        for (int i = 0; i < n; i++) {
            logPrice[i] = Math.log(assets.get(i).start());
            sigma[i] = assets.get(i).annualVol() * Math.sqrt(BLOCK_SECONDS / YEAR_SECONDS);
        }
        int f = this.fundingAssets.size();
        fundingMean = new double[f];
        funding = new double[f];
        for (int j = 0; j < f; j++) {
            // long-run levels spread around the usual +1e-4 per 8 h; start somewhere in the stationary law
            fundingMean[j] = 1e-4 + 0.5e-4 * (2 * fundingRandom.nextDouble() - 1);
            funding[j] = fundingMean[j] + FUNDING_STD * gaussian(fundingRandom);
        }
    }

    /** The local network's model: the 37 MANTIS price keys and the 20 funding rates. */
    public static PriceModel mantis(long seed) {
        return new PriceModel(MANTIS_ASSETS, FUNDING_ASSETS, seed);
    }

    /** Advances every price and funding rate by one block. */
    public synchronized void step() {
        double market = gaussian(random);
        for (int i = 0; i < logPrice.length; i++) {
            double s = sigma[i];
            double rho = assets.get(i).marketCorr();
            // an AR(1) process x' = φx + c·ε sums, over long horizons, to a walk of per-step sd c/(1 − φ)
            drift[i] = DRIFT_PERSISTENCE * drift[i] + s * DRIFT_INNOVATION * gaussian(random);
            trend[i] = TREND_PERSISTENCE * trend[i] + s * TREND_INNOVATION * gaussian(random);
            double shock = rho * market + Math.sqrt(1 - rho * rho) * gaussian(random);
            double jump = 0;
            if (random.nextDouble() < JUMP_RATE) {
                double dir = random.nextBoolean() ? 1 : -1;
                jump = dir * JUMP_SIZE * s;
                trend[i] += dir * JUMP_TREND * s;
            }
            logPrice[i] += drift[i] + trend[i] + s * Math.sqrt(NOISE_SHARE) * shock + jump - 0.5 * s * s;
        }
        double fundingMarket = gaussian(fundingRandom);
        double innovation = FUNDING_STD * Math.sqrt(1 - FUNDING_PERSISTENCE * FUNDING_PERSISTENCE);
        for (int j = 0; j < funding.length; j++) {
            double shock = FUNDING_CORR * fundingMarket + Math.sqrt(1 - FUNDING_CORR * FUNDING_CORR) * gaussian(fundingRandom);
            funding[j] = fundingMean[j] + FUNDING_PERSISTENCE * (funding[j] - fundingMean[j]) + innovation * shock;
        }
        step++;
    }

    /** The current price of every asset, in asset order. */
    public synchronized Map<String, Double> prices() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < assets.size(); i++) {
            out.put(assets.get(i).ticker(), Math.exp(logPrice[i]));
        }
        return out;
    }

    /** The current funding rate (per 8 hours) of every funding asset, in order; empty without funding assets. */
    public synchronized Map<String, Double> fundingRates() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < fundingAssets.size(); j++) {
            out.put(fundingAssets.get(j), funding[j]);
        }
        return out;
    }

    public synchronized long steps() {
        return step;
    }

    public List<Asset> assets() {
        return assets;
    }

    public List<String> fundingAssets() {
        return fundingAssets;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller on the seeded generator: reproducible on every JVM.
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
