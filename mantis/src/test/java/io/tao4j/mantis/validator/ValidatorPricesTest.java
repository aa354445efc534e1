package io.tao4j.mantis.validator;

import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec {@code mantis-head.md} §3.1: {@code validator.get_asset_prices}'s acceptance rules, one row per rule. */
class ValidatorPricesTest {
    static final ValidatorPrices HEAD = new ValidatorPrices(Protocol.BCFF57B);
    static final String HUGE = "1" + "0".repeat(400);

    static ValidatorPrices.Step read(String doc) {
        return HEAD.read(doc.getBytes(StandardCharsets.UTF_8));
    }

    /** rule, document, key, expected value (null: not a key of the result); funding keys start with "funding:". */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("step 1: a number is kept under every ticker priced by it", "{\"prices\":{\"ETH\":3000.5}}", "ETHHITFIRST", 3000.5),
                Arguments.of("step 1: ... and under the ETH ticker", "{\"prices\":{\"ETH\":3000.5}}", "ETH", 3000.5),
                Arguments.of("step 1: a numeric string passes", "{\"prices\":{\"ETH\":\" 3000.5 \"}}", "ETHLBFGS", 3000.5),
                Arguments.of("step 1: Python float() underscores", "{\"prices\":{\"CADUSD\":\"0_7\"}}", "CADUSD", 7.0),
                Arguments.of("step 1: a non-numeric string is 0", "{\"prices\":{\"CADUSD\":\"n/a\"}}", "CADUSD", 0.0),
                Arguments.of("step 1: zero stays 0", "{\"prices\":{\"NZDUSD\":0}}", "NZDUSD", 0.0),
                Arguments.of("step 1: negative is 0", "{\"prices\":{\"NZDUSD\":-1.5}}", "NZDUSD", 0.0),
                Arguments.of("step 1: Infinity is 0", "{\"prices\":{\"CHFUSD\":Infinity}}", "CHFUSD", 0.0),
                Arguments.of("step 1: NaN is 0", "{\"prices\":{\"CHFUSD\":NaN}}", "CHFUSD", 0.0),
                Arguments.of("step 1: \"inf\" is 0", "{\"prices\":{\"CHFUSD\":\"inf\"}}", "CHFUSD", 0.0),
                Arguments.of("step 1: true is float 1.0", "{\"prices\":{\"XAGUSD\":true}}", "XAGUSD", 1.0),
                Arguments.of("step 1: an integer too large for a float is 0", "{\"prices\":{\"XAGUSD\":" + HUGE + "}}", "XAGUSD", 0.0),
                Arguments.of("step 1: a multi-asset ticker reads its own key", "{\"prices\":{\"MULTIXSEC\":5}}", "MULTIXSEC", 5.0),
                Arguments.of("step 1: missing ticker is 0", "{\"prices\":{}}", "TRADEMIX", 0.0),
                Arguments.of("step 2: BTC as a JSON number is an asset key", "{\"prices\":{\"BTC\":65000}}", "BTC", 65000.0),
                Arguments.of("step 2: BTC also prices BTCLBFGS (step 1)", "{\"prices\":{\"BTC\":65000}}", "BTCLBFGS", 65000.0),
                Arguments.of("step 2: a numeric string is not a number", "{\"prices\":{\"BTC\":\"65000\"}}", "BTC", null),
                Arguments.of("step 2: ... though step 1 took it for BTCLBFGS", "{\"prices\":{\"BTC\":\"65000\"}}", "BTCLBFGS", 65000.0),
                Arguments.of("step 2: the last breakout asset", "{\"prices\":{\"SKY\":0.07}}", "SKY", 0.07),
                Arguments.of("step 2: zero is left out", "{\"prices\":{\"SOL\":0}}", "SOL", null),
                Arguments.of("step 2: NaN is left out", "{\"prices\":{\"SOL\":NaN}}", "SOL", null),
                Arguments.of("step 2: true is 1.0", "{\"prices\":{\"SOL\":true}}", "SOL", 1.0),
                Arguments.of("step 2: not an asset of the protocol", "{\"prices\":{\"FOO\":1}}", "FOO", null),
                Arguments.of("step 2: ETH is already a key (step 1, string allowed)", "{\"prices\":{\"ETH\":\"3000\"}}", "ETH", 3000.0),
                Arguments.of("step 3: funding rates of the funding assets", "{\"funding_rates\":{\"BTC\":-0.0001}}", "funding:BTC", -0.0001),
                Arguments.of("step 3: no range check", "{\"funding_rates\":{\"ETH\":Infinity}}", "funding:ETH", Double.POSITIVE_INFINITY),
                Arguments.of("step 3: true is 1.0", "{\"funding_rates\":{\"ETH\":true}}", "funding:ETH", 1.0),
                Arguments.of("step 3: a string is left out", "{\"funding_rates\":{\"ETH\":\"0.1\"}}", "funding:ETH", null),
                Arguments.of("step 3: a non-funding asset is left out", "{\"funding_rates\":{\"XMR\":0.1}}", "funding:XMR", null),
                Arguments.of("step 3: read even when prices is null", "{\"prices\":null,\"funding_rates\":{\"TAO\":0.2}}", "funding:TAO", 0.2),
                Arguments.of("step 3: funding_rates not an object is ignored", "{\"prices\":{\"SOL\":150},\"funding_rates\":[1]}", "SOL", 150.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void acceptanceRules(String rule, String doc, String key, Double expected) {
        ValidatorPrices.Step s = read(doc);
        assertThat(s.failed()).as(rule + ": " + s.failure()).isFalse();
        Map<String, Double> m = key.startsWith("funding:") ? s.fundingRates() : s.prices();
        String k = key.startsWith("funding:") ? key.substring(8) : key;
        if (expected == null) {
            assertThat(m).as(rule).doesNotContainKey(k);
        } else {
            assertThat(m).as(rule).containsEntry(k, expected);
        }
        assertThat(s.prices().keySet()).as("every ticker is a key").containsAll(Protocol.BCFF57B.tickers());
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("not JSON", "{\"prices\":"),
                Arguments.of("not an object", "[{\"prices\":{}}]"),
                Arguments.of("prices is a non-empty list", "{\"prices\":[1],\"funding_rates\":{\"BTC\":0.1}}"),
                Arguments.of("prices is a non-empty string", "{\"prices\":\"ETH\"}"),
                Arguments.of("step 2: an asset integer too large for a float", "{\"prices\":{\"ETH\":3000,\"SOL\":" + HUGE + "}}"),
                Arguments.of("step 3: a funding integer too large for a float", "{\"prices\":{\"ETH\":3000},\"funding_rates\":{\"BTC\":-" + HUGE + "}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void anyFailureGivesOnlyStepOnesZeros(String rule, String doc) {
        ValidatorPrices.Step s = read(doc);
        assertThat(s.failed()).as(rule).isTrue();
        assertThat(s.failure()).isNotBlank();
        assertThat(s.prices()).as(rule).containsOnlyKeys(Protocol.BCFF57B.tickers()).allSatisfy((k, v) -> assertThat(v).isZero());
        assertThat(s.fundingRates()).isEmpty();
    }

    @Test
    void aFetchFailureIsReportedWithItsReason() {
        ValidatorPrices.Step s = HEAD.read(() -> {
            throw new IOException("GET x answered HTTP 503");
        });
        assertThat(s.failure()).contains("HTTP 503");
        assertThat(s.prices()).containsOnlyKeys(Protocol.BCFF57B.tickers());
    }

    @Test
    void the2e9bc5bValidatorReadsOnlyStepOne() {
        ValidatorPrices.Step s = new ValidatorPrices(Protocol.P2E9BC5B)
                .read("{\"prices\":{\"ETH\":\"3000\",\"BTC\":65000,\"SOL\":150},\"funding_rates\":{\"BTC\":0.1}}".getBytes(StandardCharsets.UTF_8));
        assertThat(s.prices()).containsOnlyKeys(Protocol.P2E9BC5B.tickers()).containsEntry("ETH", 3000.0)
                .containsEntry("BTCLBFGS", 65000.0);
        assertThat(s.fundingRates()).isEmpty();
    }

    @Test
    void aFullHeadFeedGivesEveryKey() {
        StringBuilder p = new StringBuilder("{\"prices\":{\"CADUSD\":0.73,\"NZDUSD\":0.6,\"CHFUSD\":1.1,\"XAGUSD\":30");
        for (String a : Protocol.BREAKOUT_ASSETS) {
            p.append(",\"").append(a).append("\":").append(a.length());
        }
        p.append("},\"funding_rates\":{");
        for (int i = 0; i < Protocol.FUNDING_ASSETS.size(); i++) {
            p.append(i == 0 ? "" : ",").append('"').append(Protocol.FUNDING_ASSETS.get(i)).append("\":").append(-i * 1e-5);
        }
        ValidatorPrices.Step s = read(p.append("}}").toString());
        assertThat(s.prices()).hasSize(12 + 32); // 12 tickers (ETH among them) + the other 32 breakout assets
        assertThat(s.prices()).containsKeys(Protocol.BREAKOUT_ASSETS.toArray(String[]::new));
        assertThat(s.fundingRates()).containsOnlyKeys(Protocol.FUNDING_ASSETS.toArray(String[]::new));
    }
}
