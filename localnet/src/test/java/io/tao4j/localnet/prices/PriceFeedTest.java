package io.tao4j.localnet.prices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
    void perBlockVolatilityMatchesTheAnnualFigure() {
        PriceModel m = new PriceModel(PriceModel.DEFAULT_ASSETS, 1);
        int n = 200_000;
        double prev = Math.log(m.prices().get("ETH"));
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) {
            m.step();
            double now = Math.log(m.prices().get("ETH"));
            double r = now - prev;
            prev = now;
            sum += r;
            sumSq += r * r;
        }
        double var = sumSq / n - (sum / n) * (sum / n);
        double expected = 0.65 * Math.sqrt(12.0 / (365.0 * 24 * 3600));
        // the drift adds autocorrelation but the one-step variance stays the annual figure scaled to a block
        assertThat(Math.sqrt(var)).isCloseTo(expected, within(expected * 0.05));
    }

    @Test
    void momentumCarriesInformation() {
        // sign of the last 20 blocks' return predicts the sign of the next 20 blocks' return better than chance
        PriceModel m = new PriceModel(PriceModel.DEFAULT_ASSETS, 3);
        int n = 100_000;
        double[] lp = new double[n];
        for (int i = 0; i < n; i++) {
            m.step();
            lp[i] = Math.log(m.prices().get("BTC"));
        }
        int hit = 0, total = 0;
        for (int i = 20; i + 20 < n; i += 20) {
            double past = lp[i] - lp[i - 20];
            double future = lp[i + 20] - lp[i];
            total++;
            if (Math.signum(past) == Math.signum(future)) {
                hit++;
            }
        }
        assertThat((double) hit / total).isGreaterThan(0.55);
    }

    @Test
    void servesLatestPricesInMantisShapeAndHistory() throws Exception {
        try (PriceFeed feed = PriceFeed.start(new PriceModel(PriceModel.DEFAULT_ASSETS, 42), "127.0.0.1", 0)) {
            for (int b = 1; b <= 10; b++) {
                feed.onBlock(b);
            }
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + feed.port();
            JsonNode latest = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/latest_prices.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(latest.get("prices").fieldNames()).toIterable()
                    .containsExactly("ETH", "BTC", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD");
            assertThat(latest.get("prices").get("ETH").asDouble()).isPositive();
            assertThat(latest.get("block").asLong()).isEqualTo(10);

            JsonNode hist = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/price_history.json?n=5")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(hist.get("blocks")).hasSize(5);
            assertThat(hist.get("blocks").get(4).asLong()).isEqualTo(10);
            assertThat(hist.get("prices").get("ETH").get(4).asDouble()).isEqualTo(latest.get("prices").get("ETH").asDouble());

            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/price_history.json?n=abc")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
        }
    }
}
