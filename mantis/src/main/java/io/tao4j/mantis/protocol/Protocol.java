package io.tao4j.mantis.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.tao4j.mantis.protocol.Challenge.multi;
import static io.tao4j.mantis.protocol.Challenge.single;

/**
 * A version of the MANTIS protocol (subnet 123): the challenge list in {@code config.CHALLENGES} order, the
 * constants and the asset lists of {@code config.py} at one commit of {@code Barbariandev/MANTIS}. This is the one
 * place that knows tickers, weights and dimensions; everything else asks a {@code Protocol}.
 *
 * <ul>
 *   <li>{@link #BCFF57B} (July 2026, what subnet 123 runs; the default): 12 challenges, 35 % burn to UID 0, an
 *       EMA over weight vectors, 60 days of history, the SQLite archive.</li>
 *   <li>{@link #P2E9BC5B} (December 2025): the original 8 challenges, no burn, no EMA, 30 days, the pickle
 *       archive — kept for ledgers and comparisons from that time.</li>
 * </ul>
 */
public final class Protocol {
    /** config.BREAKOUT_ASSETS (MULTI-BREAKOUT and XSEC-RANK), in storage order. */
    public static final List<String> BREAKOUT_ASSETS = List.of("BTC", "ETH", "XRP", "SOL", "TRX", "DOGE", "ADA",
            "BCH", "XMR", "LINK", "LEO", "HYPE", "XLM", "ZEC", "SUI", "LTC", "AVAX", "HBAR", "SHIB", "TON", "CRO",
            "DOT", "UNI", "MNT", "BGB", "TAO", "AAVE", "PEPE", "NEAR", "ICP", "ETC", "ONDO", "SKY");
    /** config.FUNDING_ASSETS (FUNDING-XSEC), in storage order. */
    public static final List<String> FUNDING_ASSETS = List.of("BTC", "ETH", "SOL", "XRP", "DOGE", "ADA", "AVAX",
            "LINK", "DOT", "SUI", "NEAR", "AAVE", "UNI", "LTC", "HBAR", "PEPE", "TRX", "SHIB", "TAO", "ONDO");
    /** config.TRADE_MIX_ASSETS, in storage order. */
    public static final List<String> TRADE_MIX_ASSETS = List.of("BTC", "ETH", "TAO", "SOL");

    /** MULTI-BREAKOUT's spec keys and the replay's hard-coded pending limit (ledger.py). */
    public record BreakoutParams(int rangeLookbackBlocks, double barrierPct, double minRangePct,
                                 int maxPendingBlocks) {
    }

    /** TRADE-MIX's spec keys ({@code TradeMixV2Config.from_spec} overrides). */
    public record TradeMixParams(List<Integer> horizonsHours, List<Double> blendWeights, int betaHorizonHours,
                                 double channelSplitRv, double fdrQ, int probationHours, double probationCoverage,
                                 double seniorityCosine, double dedupCosineThreshold, double feeBps,
                                 double minerCap, double targetFraction) {
    }

    /** The share of the total weight TRADE-MIX takes at bcff57b ({@code _TRADE_MIX_TARGET_FRACTION}). */
    private static final double TRADE_MIX_TARGET_FRACTION = 0.10;

    public static final Protocol BCFF57B = bcff57b();
    public static final Protocol P2E9BC5B = p2e9bc5b();
    /** What the network runs, and so what every command uses unless told otherwise. */
    public static final Protocol DEFAULT = BCFF57B;

    private final String id;
    private final List<Challenge> challenges;
    private final Constants constants;
    private final BreakoutParams breakout;
    private final TradeMixParams tradeMix;
    private final Map<String, Challenge> byKey;

    /**
     * The constants of config.py (and model.py defaults config.py does not override).
     *
     * @param burnPct            share of the final vector given to UID 0 (0 = no burn)
     * @param emaAlpha           weight of the new vector in the EMA over saved vectors (0 = no EMA)
     * @param maxDays            days of history the scorers keep
     * @param datalogArchiveUrl  where a fresh validator bootstraps its ledger from
     */
    public record Constants(int netuid, int seed, int sampleEvery, int lag, int taskInterval, int weightCalcInterval,
                            int weightSetInterval, int maxUnchangedTimesteps, int maxDays, int indicesPerDay,
                            int blocksPerDay, double burnPct, double emaAlpha, long youngBlocks, double youngWeight,
                            String datalogArchiveUrl, String priceDataUrl) {
        /** History kept by the binary scorer, in samples. */
        public int maxIndexHistory() {
            return maxDays * indicesPerDay;
        }

        /** History kept by the other scorers, in rows of blocks. */
        public int maxBlockHistory() {
            return maxDays * blocksPerDay;
        }
    }

    private Protocol(String id, List<Challenge> challenges, Constants constants, BreakoutParams breakout,
                     TradeMixParams tradeMix) {
        this.id = id;
        this.challenges = List.copyOf(challenges);
        this.constants = constants;
        this.breakout = breakout;
        this.tradeMix = tradeMix;
        Map<String, Challenge> m = new LinkedHashMap<>();
        for (Challenge c : this.challenges) {
            m.put(c.ticker(), c);
        }
        for (Challenge c : this.challenges) {
            m.putIfAbsent(c.name(), c);
        }
        this.byKey = Map.copyOf(m);
    }

    /** {@code bcff57b} or {@code 2e9bc5b} (a prefix of at least 7 hex digits of either commit also works). */
    public static Protocol of(String id) {
        String k = id == null ? "" : id.strip().toLowerCase(java.util.Locale.ROOT);
        for (Protocol p : versions()) {
            if (!k.isEmpty() && k.length() >= 7 && (p.id.startsWith(k) || k.startsWith(p.id))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown MANTIS protocol '" + id + "': use bcff57b (current, the default)"
                + " or 2e9bc5b (the original 8 challenges)");
    }

    /** Every version, newest first. */
    public static List<Protocol> versions() {
        return List.of(BCFF57B, P2E9BC5B);
    }

    /** The commit this version was taken from ({@code bcff57b}, {@code 2e9bc5b}). */
    public String id() {
        return id;
    }

    /** The challenges in config.py order: the order of ledger building, scoring and payload lists. */
    public List<Challenge> challenges() {
        return challenges;
    }

    public Constants constants() {
        return constants;
    }

    /** MULTI-BREAKOUT's parameters; empty for versions without it. */
    public Optional<BreakoutParams> breakout() {
        return Optional.ofNullable(breakout);
    }

    /** TRADE-MIX's parameters; empty for versions without it. */
    public Optional<TradeMixParams> tradeMix() {
        return Optional.ofNullable(tradeMix);
    }

    /** The challenge with this ticker ({@code ETHLBFGS}). */
    public Optional<Challenge> byTicker(String ticker) {
        Challenge c = byKey.get(ticker);
        return c != null && c.ticker().equals(ticker) ? Optional.of(c) : Optional.empty();
    }

    /** The challenge a payload key names: its ticker or its name ({@code CHALLENGE_NAME_TO_TICKER}). */
    public Optional<Challenge> byKey(String tickerOrName) {
        return Optional.ofNullable(byKey.get(tickerOrName));
    }

    /** The tickers in challenge order. */
    public List<String> tickers() {
        return challenges.stream().map(Challenge::ticker).toList();
    }

    /** Σ weights over all challenges (26.25 at bcff57b, 13.875 at 2e9bc5b). */
    public double totalWeight() {
        double s = 0;
        for (Challenge c : challenges) {
            s += c.weight();
        }
        return s;
    }

    /**
     * The price keys the validator reads from {@code latest_prices.json}: each single-asset challenge's price key,
     * then the assets of the multi-asset challenges' price lists not already among them (config order).
     */
    public List<String> priceKeys() {
        List<String> keys = new ArrayList<>();
        for (Challenge c : challenges) {
            if (!c.multiAsset() && !keys.contains(c.priceKey())) {
                keys.add(c.priceKey());
            }
        }
        for (Challenge c : challenges) {
            if (c.loss() == Loss.FUNDING_XSEC) {
                continue;
            }
            for (String a : c.assets()) {
                if (!keys.contains(a)) {
                    keys.add(a);
                }
            }
        }
        return List.copyOf(keys);
    }

    /** The assets whose funding rates the validator reads (empty when no challenge uses them). */
    public List<String> fundingAssets() {
        for (Challenge c : challenges) {
            if (c.loss() == Loss.FUNDING_XSEC) {
                return c.assets();
            }
        }
        return List.of();
    }

    @Override
    public String toString() {
        return id;
    }

    private static Protocol bcff57b() {
        List<Challenge> cs = new ArrayList<>(List.of(
                single("ETH-1H-BINARY", "ETH", "ETH", 2, 300, Loss.BINARY, 1.0),
                single("ETH-HITFIRST-100M", "ETHHITFIRST", "ETH", 3, 500, Loss.HITFIRST, 1.25),
                single("ETH-LBFGS", "ETHLBFGS", "ETH", 17, 300, Loss.LBFGS, 3.5),
                single("BTC-LBFGS-6H", "BTCLBFGS", "BTC", 17, 1800, Loss.LBFGS, 2.875),
                single("CADUSD-1H-BINARY", "CADUSD", "CADUSD", 2, 300, Loss.BINARY, 0.5),
                single("NZDUSD-1H-BINARY", "NZDUSD", "NZDUSD", 2, 300, Loss.BINARY, 0.5),
                single("CHFUSD-1H-BINARY", "CHFUSD", "CHFUSD", 2, 300, Loss.BINARY, 1.0),
                single("XAGUSD-1H-BINARY", "XAGUSD", "XAGUSD", 2, 300, Loss.BINARY, 1.0),
                multi("MULTI-BREAKOUT", "MULTIBREAKOUT", BREAKOUT_ASSETS, 2, 0, Loss.RANGE_BREAKOUT_MULTI, 5.0),
                multi("XSEC-RANK", "MULTIXSEC", BREAKOUT_ASSETS, 1, 1200, Loss.XSEC_RANK, 3.0),
                multi("FUNDING-XSEC", "FUNDINGXSEC", FUNDING_ASSETS, 1, 2400, Loss.FUNDING_XSEC, 4.0)));
        // config.py computes TRADE-MIX's weight so that it is 10 % of the total: f·Σ(others)/(1 − f), in this order
        // of operations (IEEE: 2.6250000000000004).
        double others = 0;
        for (Challenge c : cs) {
            others += c.weight();
        }
        double tradeMixWeight = TRADE_MIX_TARGET_FRACTION * others / (1 - TRADE_MIX_TARGET_FRACTION);
        cs.add(multi("TRADE-MIX", "TRADEMIX", TRADE_MIX_ASSETS, 1, 300, Loss.TRADE_MIX, tradeMixWeight));
        Constants k = new Constants(123, 42, 5, 60, 500, 1000, 360, 15, 60, 1440, 7200, 0.35, 0.3, 36_000, 0.0001,
                "https://pub-879ad825983e43529792665f4f510cd6.r2.dev/datalog.db",
                "https://pub-ba8c1b8edb8046edaccecbd26b5ca7f8.r2.dev/latest_prices.json");
        BreakoutParams b = new BreakoutParams(28_800, 25.0, 1.0, 43_200);
        TradeMixParams t = new TradeMixParams(List.of(12, 24, 48), List.of(0.25, 0.50, 0.25), 24, 0.75, 0.05, 504,
                0.9, 0.20, 0.95, 10.0, 0.20, TRADE_MIX_TARGET_FRACTION);
        return new Protocol("bcff57b", cs, k, b, t);
    }

    private static Protocol p2e9bc5b() {
        List<Challenge> cs = List.of(
                single("ETH-1H-BINARY", "ETH", "ETH", 2, 300, Loss.BINARY, 1.0),
                single("ETH-HITFIRST-100M", "ETHHITFIRST", "ETH", 3, 500, Loss.HITFIRST, 2.5),
                single("ETH-LBFGS", "ETHLBFGS", "ETH", 17, 300, Loss.LBFGS, 3.5),
                single("BTC-LBFGS-6H", "BTCLBFGS", "BTC", 17, 1800, Loss.LBFGS, 2.875),
                single("CADUSD-1H-BINARY", "CADUSD", "CADUSD", 2, 300, Loss.BINARY, 1.0),
                single("NZDUSD-1H-BINARY", "NZDUSD", "NZDUSD", 2, 300, Loss.BINARY, 1.0),
                single("CHFUSD-1H-BINARY", "CHFUSD", "CHFUSD", 2, 300, Loss.BINARY, 1.0),
                single("XAGUSD-1H-BINARY", "XAGUSD", "XAGUSD", 2, 300, Loss.BINARY, 1.0));
        Constants k = new Constants(123, 42, 5, 60, 500, 1000, 360, 15, 30, 1440, 7200, 0.0, 0.0, 36_000, 0.0001,
                "https://pub-879ad825983e43529792665f4f510cd6.r2.dev/mantis_datalog.pkl",
                "https://pub-ba8c1b8edb8046edaccecbd26b5ca7f8.r2.dev/latest_prices.json");
        return new Protocol("2e9bc5b", cs, k, null, null);
    }
}
