package io.tao4j.localnet.prices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PriceFeedTest {

    @Test
    void sameSeedSamePathDifferentSeedDifferentPath() {
        PriceModel a = new PriceModel(PriceModel.DEFAULT_ASSETS, 7);
        PriceModel b = new PriceModel(PriceModel.DEFAULT_ASSETS, 7);
        PriceModel c = new PriceModel(PriceModel.DEFAULT_ASSETS, 8);
        for (int i = 0; i < 100; i++) {
            a.step();
            b.step();
            c.step();
        }
        assertThat(a.prices()).isEqualTo(b.prices());
        assertThat(a.prices().get("ETH")).isNotEqualTo(c.prices().get("ETH"));
    }

    @Test
    void dailyVolatilityIsTheAnnualFigureScaledToADay() {
        // the noise, drifts, jumps and trends are budgeted to the annual variance over long horizons; over one day the
        // slow trends have realised part of theirs, so the daily sd is near (at most a little below) the annual figure
        PriceModel m = new PriceModel(List.of(PriceModel.DEFAULT_ASSETS.get(0)), 1);
        int day = 7200;
        int days = 500;
        double prev = Math.log(m.prices().get("ETH"));
        double sum = 0, sumSq = 0;
        for (int d = 0; d < days; d++) {
            for (int b = 0; b < day; b++) {
                m.step();
            }
            double now = Math.log(m.prices().get("ETH"));
            double r = now - prev;
            prev = now;
            sum += r;
            sumSq += r * r;
        }
        double sd = Math.sqrt(sumSq / days - (sum / days) * (sum / days));
        double expected = 0.65 * Math.sqrt(1 / 365.0);
        System.out.println("ETH daily sd " + sd + " vs annual figure per day " + expected);
        assertThat(sd / expected).isBetween(0.70, 1.05);
    }

    @Test
    void momentumCarriesInformation() {
        // the sign of the last hour's return predicts the sign of the next hour's return better than chance
        PriceModel m = new PriceModel(List.of(PriceModel.DEFAULT_ASSETS.get(1)), 3);
        int h = 300;
        int n = 2_400_000;
        double[] lp = new double[n / h + 1];
        lp[0] = Math.log(m.prices().get("BTC"));
        for (int i = 1; i < lp.length; i++) {
            for (int b = 0; b < h; b++) {
                m.step();
            }
            lp[i] = Math.log(m.prices().get("BTC"));
        }
        int hit = 0, total = 0;
        for (int i = 1; i + 1 < lp.length; i++) {
            double past = lp[i] - lp[i - 1];
            double future = lp[i + 1] - lp[i];
            total++;
            if (Math.signum(past) == Math.signum(future)) {
                hit++;
            }
        }
        System.out.println("BTC hourly momentum hit rate " + (double) hit / total);
        assertThat((double) hit / total).isGreaterThan(0.515);
    }

    /** A feed of {@code model} on a free local port, given blocks 1 to {@code blocks}. */
    static PriceFeed fedFeed(PriceModel model, int blocks) throws Exception {
        PriceFeed feed = PriceFeed.start(model, "127.0.0.1", 0);
        for (int b = 1; b <= blocks; b++) {
            feed.onBlock(b);
        }
        return feed;
    }

    static HttpResponse<String> get(PriceFeed feed, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + feed.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(PriceFeed feed, String path) throws Exception {
        return new ObjectMapper().readTree(get(feed, path).body());
    }

    @Test
    void servesLatestPricesInMantisShapeAndHistory() throws Exception {
        try (PriceFeed feed = fedFeed(new PriceModel(PriceModel.DEFAULT_ASSETS, 42), 10)) {
            JsonNode latest = json(feed, "/latest_prices.json");
            assertThat(latest.get("prices").fieldNames()).toIterable()
                    .containsExactly("ETH", "BTC", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD");
            assertThat(latest.has("funding_rates")).as("no funding assets, no funding_rates").isFalse();
            assertThat(latest.get("prices").get("ETH").asDouble()).isPositive();
            assertThat(latest.get("block").asLong()).isEqualTo(10);

            JsonNode hist = json(feed, "/price_history.json?n=5");
            assertThat(hist.get("blocks")).hasSize(5);
            assertThat(hist.get("blocks").get(4).asLong()).isEqualTo(10);
            assertThat(hist.get("prices").get("ETH").get(4).asDouble()).isEqualTo(latest.get("prices").get("ETH").asDouble());

            HttpResponse<String> bad = get(feed, "/price_history.json?n=abc");
            assertThat(bad.statusCode()).isEqualTo(400);
        }
    }

    /** The 37 price keys of protocol bcff57b, in its priceKeys() order (ETH BTC, the FX/metal keys, the rest). */
    static final List<String> BCFF57B_PRICE_KEYS = List.of("ETH", "BTC", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD",
            "XRP", "SOL", "TRX", "DOGE", "ADA", "BCH", "XMR", "LINK", "LEO", "HYPE", "XLM", "ZEC", "SUI", "LTC", "AVAX",
            "HBAR", "SHIB", "TON", "CRO", "DOT", "UNI", "MNT", "BGB", "TAO", "AAVE", "PEPE", "NEAR", "ICP", "ETC", "ONDO",
            "SKY");

    @Test
    void mantisFeedPublishesEveryPriceKeyAndFundingRate() throws Exception {
        try (PriceFeed feed = fedFeed(PriceModel.mantis(42), 50)) {
            JsonNode latest = json(feed, "/latest_prices.json");
            assertThat(latest.get("prices").fieldNames()).toIterable().containsExactlyElementsOf(BCFF57B_PRICE_KEYS);
            for (String k : BCFF57B_PRICE_KEYS) {
                double v = latest.get("prices").get(k).asDouble();
                assertThat(v).as(k).isPositive().isFinite();
            }
            assertThat(latest.get("funding_rates").fieldNames()).toIterable().containsExactlyElementsOf(PriceModel.FUNDING_ASSETS);
            assertThat(PriceModel.FUNDING_ASSETS).hasSize(20);
            for (String a : PriceModel.FUNDING_ASSETS) {
                assertThat(Math.abs(latest.get("funding_rates").get(a).asDouble())).as(a).isLessThan(2e-3);
            }

            JsonNode hist = json(feed, "/price_history.json?n=4&every=10");
            assertThat(hist.get("blocks")).hasSize(4);
            assertThat(hist.get("blocks").toString()).isEqualTo("[20,30,40,50]");
            assertThat(hist.get("prices").fieldNames()).toIterable().containsExactlyElementsOf(BCFF57B_PRICE_KEYS);
            assertThat(hist.get("funding_rates").fieldNames()).toIterable().containsExactlyElementsOf(PriceModel.FUNDING_ASSETS);
            for (String k : BCFF57B_PRICE_KEYS) {
                assertThat(hist.get("prices").get(k)).as(k).hasSize(4);
                assertThat(hist.get("prices").get(k).get(3).asDouble()).isEqualTo(latest.get("prices").get(k).asDouble());
            }
            assertThat(hist.get("funding_rates").get("TAO").get(3).asDouble())
                    .isEqualTo(latest.get("funding_rates").get("TAO").asDouble());
            // more than is kept: everything there is, still ending at the latest block
            JsonNode all = feed.history(1000, 7);
            assertThat(all.get("blocks")).hasSize(8);
            assertThat(all.get("blocks").get(7).asLong()).isEqualTo(50);
            assertThat(all.get("blocks").get(0).asLong()).isEqualTo(1);

            HttpResponse<String> bad = get(feed, "/price_history.json?n=3&every=0");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("every");
        }
    }

    @Test
    void mantisModelIsDeterministicPerSeedIncludingFunding() {
        PriceModel a = PriceModel.mantis(11);
        PriceModel b = PriceModel.mantis(11);
        PriceModel c = PriceModel.mantis(12);
        for (int i = 0; i < 2000; i++) {
            a.step();
            b.step();
            c.step();
        }
        assertThat(a.prices()).isEqualTo(b.prices());
        assertThat(a.fundingRates()).isEqualTo(b.fundingRates());
        assertThat(a.prices().get("SOL")).isNotEqualTo(c.prices().get("SOL"));
        assertThat(a.fundingRates().get("SOL")).isNotEqualTo(c.fundingRates().get("SOL"));
    }

    @Test
    void fundingRatesMeanRevertNearOneBasisPointAndChangeSign() {
        PriceModel m = PriceModel.mantis(5);
        int blocks = 7200 * 10; // ten simulated days
        Map<String, Double> prev = m.fundingRates();
        int[] signChanges = new int[PriceModel.FUNDING_ASSETS.size()];
        double sumAbs = 0;
        long n = 0;
        for (int b = 0; b < blocks; b++) {
            m.step();
            Map<String, Double> now = m.fundingRates();
            int j = 0;
            for (String a : PriceModel.FUNDING_ASSETS) {
                if (Math.signum(now.get(a)) != Math.signum(prev.get(a))) {
                    signChanges[j]++;
                }
                sumAbs += Math.abs(now.get(a));
                n++;
                j++;
            }
            prev = now;
        }
        int assetsThatFlipped = 0;
        for (int c : signChanges) {
            if (c > 0) {
                assetsThatFlipped++;
            }
        }
        assertThat(assetsThatFlipped).as("assets whose funding changed sign in 10 simulated days").isGreaterThanOrEqualTo(15);
        assertThat(sumAbs / n).as("mean |funding rate|").isBetween(5e-5, 5e-4);
    }

    @Test
    void rangeBreakoutsTriggerWithinHoursOfSimulatedTimeAfterTheWarmUp() {
        // MANTIS §4.6: samples every 5 blocks; lookback L = 5760 samples (4 days); a trigger needs >= L/2 samples in
        // the window, the price outside [lo, hi] of the previous samples, and hi - lo >= 1 % of the price.
        PriceModel m = PriceModel.mantis(9);
        int lookback = 5760;
        int samples = 2880 + 12 * 36; // the 2-day warm-up, then 36 simulated hours
        int assets = m.assets().size();
        double[][] p = new double[assets][samples];
        for (int t = 0; t < samples; t++) {
            for (int b = 0; b < 5; b++) {
                m.step();
            }
            int i = 0;
            for (double v : m.prices().values()) {
                p[i++][t] = v;
            }
        }
        int assetsWithTrigger = 0;
        int firstTrigger = Integer.MAX_VALUE;
        for (int i = 0; i < assets; i++) {
            Deque<Integer> maxQ = new ArrayDeque<>();
            Deque<Integer> minQ = new ArrayDeque<>();
            boolean triggered = false;
            for (int t = 0; t < samples; t++) {
                while (!maxQ.isEmpty() && maxQ.peekFirst() < t - lookback) {
                    maxQ.pollFirst();
                }
                while (!minQ.isEmpty() && minQ.peekFirst() < t - lookback) {
                    minQ.pollFirst();
                }
                int cnt = Math.min(t, lookback);
                if (cnt >= lookback / 2) {
                    double hi = p[i][maxQ.peekFirst()];
                    double lo = p[i][minQ.peekFirst()];
                    double x = p[i][t];
                    if (hi - lo >= 0.01 * x && (x > hi || x < lo)) {
                        triggered = true;
                        firstTrigger = Math.min(firstTrigger, t - lookback / 2);
                    }
                }
                while (!maxQ.isEmpty() && p[i][maxQ.peekLast()] <= p[i][t]) {
                    maxQ.pollLast();
                }
                maxQ.addLast(t);
                while (!minQ.isEmpty() && p[i][minQ.peekLast()] >= p[i][t]) {
                    minQ.pollLast();
                }
                minQ.addLast(t);
            }
            if (triggered) {
                assetsWithTrigger++;
            }
        }
        assertThat(assetsWithTrigger).as("assets with a breakout in 36 simulated hours after the warm-up").isGreaterThanOrEqualTo(10);
        assertThat(firstTrigger).as("samples after the warm-up until the first breakout").isLessThan(12 * 6);
    }
}
