package io.tao4j.localnet.prices;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded price paths for the local network: one step per block, for the assets MANTIS reads
 * (ETH, BTC, CADUSD, NZDUSD, CHFUSD, XAGUSD).
 *
 * <p>Each asset follows a log-price random walk whose per-step volatility is its annual
 * volatility scaled to one 12-second Bittensor block (whatever the local block time, so a fast
 * localnet still produces realistic per-block moves), plus a slowly mean-reverting drift
 * (an AR(1) process) so that short-term momentum carries a little information, as it does on
 * real markets — which gives a forecasting model something real to find. Pure and deterministic:
 * the same seed gives the same path.
 */
public final class PriceModel {

    /** One asset's parameters: start price and annualised volatility (e.g. 0.6 = 60 %). */
    public record Asset(String ticker, double start, double annualVol) {
    }

    /** The default asset set, with start prices and volatilities of the right order of magnitude. */
    public static final List<Asset> DEFAULT_ASSETS = List.of(
            new Asset("ETH", 3000.0, 0.65),
            new Asset("BTC", 90000.0, 0.50),
            new Asset("CADUSD", 0.72, 0.06),
            new Asset("NZDUSD", 0.58, 0.09),
            new Asset("CHFUSD", 1.12, 0.07),
            new Asset("XAGUSD", 30.0, 0.28));

    private static final double BLOCK_SECONDS = 12.0;
    private static final double YEAR_SECONDS = 365.0 * 24 * 3600;
    /** Persistence of the drift per block (half-life ≈ 70 blocks ≈ 14 minutes). */
    static final double DRIFT_PERSISTENCE = 0.99;
    /** Share of the per-block variance that comes from the persistent drift. */
    static final double DRIFT_SHARE = 0.15;

    private final List<Asset> assets;
    private final SplittableRandom random;
    private final double[] logPrice;
    private final double[] drift;
    private final double[] sigma;
    private long step;

    public PriceModel(List<Asset> assets, long seed) {
        this.assets = List.copyOf(assets);
        this.random = new SplittableRandom(seed);
        int n = assets.size();
        logPrice = new double[n];
        drift = new double[n];
        sigma = new double[n];
        for (int i = 0; i < n; i++) {
            logPrice[i] = Math.log(assets.get(i).start());
            sigma[i] = assets.get(i).annualVol() * Math.sqrt(BLOCK_SECONDS / YEAR_SECONDS);
        }
    }

    /** Advances every asset by one block. */
    public synchronized void step() {
        for (int i = 0; i < logPrice.length; i++) {
            double s = sigma[i];
            // AR(1) drift with stationary std sqrt(DRIFT_SHARE)*s; the noise keeps the rest of the variance.
            double driftInnovation = s * Math.sqrt(DRIFT_SHARE * (1 - DRIFT_PERSISTENCE * DRIFT_PERSISTENCE));
            drift[i] = DRIFT_PERSISTENCE * drift[i] + driftInnovation * gaussian();
            double noise = s * Math.sqrt(1 - DRIFT_SHARE) * gaussian();
            logPrice[i] += drift[i] + noise - 0.5 * s * s;
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

    public synchronized long steps() {
        return step;
    }

    public List<Asset> assets() {
        return assets;
    }

    private double gaussian() {
        // Box–Muller on the seeded generator: reproducible on every JVM.
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
