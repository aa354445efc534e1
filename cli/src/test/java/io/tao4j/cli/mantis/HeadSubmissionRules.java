package io.tao4j.cli.mantis;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small, independent checker of the table in spec §2.2 (bcff57b's {@code ledger.DataLog._validate_submission}):
 * what value each ticker accepts, and the vector it stores. Written for the embeddings test while the validator's
 * own {@code SubmissionValidator} is being written elsewhere; the asset lists are copied from the spec (§1.2), not
 * from {@code Protocol}, so that the check is independent of the code under test.
 */
final class HeadSubmissionRules {
    static final List<String> BREAKOUT = List.of("BTC", "ETH", "XRP", "SOL", "TRX", "DOGE", "ADA", "BCH", "XMR", "LINK",
            "LEO", "HYPE", "XLM", "ZEC", "SUI", "LTC", "AVAX", "HBAR", "SHIB", "TON", "CRO", "DOT", "UNI", "MNT", "BGB",
            "TAO", "AAVE", "PEPE", "NEAR", "ICP", "ETC", "ONDO", "SKY");
    static final List<String> FUNDING = List.of("BTC", "ETH", "SOL", "XRP", "DOGE", "ADA", "AVAX", "LINK", "DOT", "SUI",
            "NEAR", "AAVE", "UNI", "LTC", "HBAR", "PEPE", "TRX", "SHIB", "TAO", "ONDO");
    static final List<String> TRADE_MIX = List.of("BTC", "ETH", "TAO", "SOL");
    /** The 12 tickers in config order. */
    static final List<String> TICKERS = List.of("ETH", "ETHHITFIRST", "ETHLBFGS", "BTCLBFGS", "CADUSD", "NZDUSD",
            "CHFUSD", "XAGUSD", "MULTIBREAKOUT", "MULTIXSEC", "FUNDINGXSEC", "TRADEMIX");

    private HeadSubmissionRules() {
    }

    /**
     * The vector §2.2 stores for {@code ticker}'s {@code value}, or an explanation of why the value would be replaced
     * by zeros. For the per-asset objects this checker is stricter than the validator in one way: every asset must be
     * present (a miner that leaves assets out loses them).
     */
    static double[] stored(String ticker, JsonNode value) {
        switch (ticker) {
            case "ETH", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD" -> {
                return list(ticker, value, 2, -1, 1);
            }
            case "ETHHITFIRST" -> {
                return list(ticker, value, 3, -1, 1);
            }
            case "ETHLBFGS", "BTCLBFGS" -> {
                return list(ticker, value, 17, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
            case "MULTIBREAKOUT" -> {
                require(value.isObject(), ticker + ": not an object {asset: [p_cont, p_rev]}");
                double[] out = new double[2 * BREAKOUT.size()];
                for (int a = 0; a < BREAKOUT.size(); a++) {
                    JsonNode pair = value.get(BREAKOUT.get(a));
                    require(pair != null, ticker + ": asset " + BREAKOUT.get(a) + " missing");
                    double[] v = list(ticker + "." + BREAKOUT.get(a), pair, 2, 0, 1);
                    out[2 * a] = v[0];
                    out[2 * a + 1] = v[1];
                }
                unknownKeys(ticker, value, BREAKOUT);
                return out;
            }
            case "MULTIXSEC" -> {
                return perAsset(ticker, value, BREAKOUT);
            }
            case "FUNDINGXSEC" -> {
                return perAsset(ticker, value, FUNDING);
            }
            case "TRADEMIX" -> {
                return perAsset(ticker, value, TRADE_MIX);
            }
            default -> throw new IllegalArgumentException("unknown ticker " + ticker);
        }
    }

    private static double[] perAsset(String ticker, JsonNode value, List<String> assets) {
        require(value.isObject(), ticker + ": not an object {asset: x}");
        double[] out = new double[assets.size()];
        for (int a = 0; a < assets.size(); a++) {
            JsonNode x = value.get(assets.get(a));
            require(x != null, ticker + ": asset " + assets.get(a) + " missing");
            out[a] = number(ticker + "." + assets.get(a), x, -1, 1);
        }
        unknownKeys(ticker, value, assets);
        return out;
    }

    private static double[] list(String what, JsonNode value, int n, double lo, double hi) {
        require(value.isArray() && value.size() == n, what + ": not a list of " + n + " numbers: " + value);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = number(what + "[" + i + "]", value.get(i), lo, hi);
        }
        return v;
    }

    private static double number(String what, JsonNode x, double lo, double hi) {
        require(x.isNumber(), what + ": not a number: " + x);
        double v = x.doubleValue();
        require(Double.isFinite(v) && v >= lo && v <= hi, what + " = " + v + " outside [" + lo + ", " + hi + "]");
        return v;
    }

    private static void unknownKeys(String ticker, JsonNode value, List<String> assets) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            String k = it.next().getKey();
            require(assets.contains(k), ticker + ": " + k + " is not one of its assets");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
