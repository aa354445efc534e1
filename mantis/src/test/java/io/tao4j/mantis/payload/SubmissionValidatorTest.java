package io.tao4j.mantis.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** Spec {@code mantis-head.md} §2.2, one row per rule of its table (bcff57b), and a seeded fuzz. */
class SubmissionValidatorTest {
    static final SubmissionValidator HEAD = new SubmissionValidator(Protocol.BCFF57B);
    static final SubmissionValidator OLD = new SubmissionValidator(Protocol.P2E9BC5B);

    static JsonNode json(String s) throws PayloadJson.Refused {
        return PayloadJson.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    static String rep(String item, int n) {
        return String.join(",", java.util.Collections.nCopies(n, item));
    }

    /**
     * rule, payload, ticker, expected outcome, the first values of the stored vector (null: the ticker is absent,
     * i.e. all-zero).
     */
    static Stream<Arguments> table() {
        String p17 = "[0.1,0.2,0.3,0.2,0.2," + rep("0.5", 12) + "]";
        return Stream.of(
                Arguments.of("binary: 2 numbers in [-1,1] stored as is", "{\"ETH\":[0.5,-1]}", "ETH", "STORED", new double[] {0.5, -1}),
                Arguments.of("binary: by challenge name", "{\"CADUSD-1H-BINARY\":[1,0.25]}", "CADUSD", "STORED", new double[] {1, 0.25}),
                Arguments.of("binary: booleans are numbers", "{\"XAGUSD\":[true,false]}", "XAGUSD", "STORED", new double[] {1, 0}),
                Arguments.of("binary: out of range -> absent", "{\"NZDUSD\":[1.01,0]}", "NZDUSD", "EMPTY", null),
                Arguments.of("binary: NaN fails the range check", "{\"CHFUSD\":[NaN,0.1]}", "CHFUSD", "EMPTY", null),
                Arguments.of("binary: wrong length -> absent", "{\"ETH\":[0.5,0.5,0.5]}", "ETH", "EMPTY", null),
                Arguments.of("binary: a string is not a number", "{\"ETH\":[\"0.5\",0.5]}", "ETH", "EMPTY", null),
                Arguments.of("hitfirst: 3 numbers in [-1,1]", "{\"ETHHITFIRST\":[0.2,0.3,0.5]}", "ETHHITFIRST", "STORED", new double[] {0.2, 0.3, 0.5}),
                Arguments.of("hitfirst: out of range -> absent", "{\"ETHHITFIRST\":[0.2,0.3,-2]}", "ETHHITFIRST", "EMPTY", null),
                Arguments.of("lbfgs: 17 numbers, p renormalised", "{\"ETHLBFGS\":" + p17 + "}", "ETHLBFGS", "STORED",
                        new double[] {0.1, 0.2, 0.3, 0.2, 0.2, 0.5}),
                Arguments.of("lbfgs: all zero stays zero (absent)", "{\"BTCLBFGS\":[" + rep("0", 17) + "]}", "BTCLBFGS", "EMPTY", null),
                Arguments.of("lbfgs: p clipped to [1e-6, 1-1e-6] then /sum", "{\"ETHLBFGS\":[-1,-1,-1,-1,-1," + rep("0.5", 12) + "]}",
                        "ETHLBFGS", "STORED", new double[] {0.2, 0.2, 0.2, 0.2, 0.2, 0.5}),
                Arguments.of("lbfgs: q clipped", "{\"ETHLBFGS\":[0.2,0.2,0.2,0.2,0.2,5,-5," + rep("0.5", 10) + "]}",
                        "ETHLBFGS", "STORED", new double[] {0.2, 0.2, 0.2, 0.2, 0.2, 1 - 1e-6, 1e-6}),
                Arguments.of("lbfgs: NaN is stored", "{\"ETHLBFGS\":[0.2,0.2,0.2,0.2,0.2,NaN," + rep("0.5", 11) + "]}",
                        "ETHLBFGS", "STORED", new double[] {0.2, 0.2, 0.2, 0.2, 0.2, Double.NaN}),
                Arguments.of("lbfgs: a non-numeric element voids the payload", "{\"ETH\":[0.5,0.5],\"ETHLBFGS\":[0.5,\"x\"," + rep("0.5", 15) + "]}",
                        "ETH", "VOID", null),
                Arguments.of("lbfgs: wrong length -> absent", "{\"ETHLBFGS\":[" + rep("0.5", 16) + "]}", "ETHLBFGS", "EMPTY", null),
                Arguments.of("breakout: {asset:[p_cont,p_rev]} in [0,1], asset-major", "{\"MULTIBREAKOUT\":{\"ETH\":[0.7,0.3]}}",
                        "MULTIBREAKOUT", "STORED", new double[] {0, 0, 0.7, 0.3}),
                Arguments.of("breakout: negative -> that asset [0,0]", "{\"MULTIBREAKOUT\":{\"BTC\":[-0.1,0.3],\"ETH\":[1,0]}}",
                        "MULTIBREAKOUT", "STORED", new double[] {0, 0, 1, 0}),
                Arguments.of("breakout: NaN -> that asset [0,0]", "{\"MULTIBREAKOUT\":{\"BTC\":[NaN,0.3]}}", "MULTIBREAKOUT", "EMPTY", null),
                Arguments.of("xsec: {asset:x} x in [-1,1]", "{\"MULTIXSEC\":{\"BTC\":-0.5,\"ETH\":1}}", "MULTIXSEC", "STORED", new double[] {-0.5, 1}),
                Arguments.of("xsec: out of range scalar -> 0", "{\"MULTIXSEC\":{\"BTC\":1.5,\"ETH\":0.5}}", "MULTIXSEC", "STORED", new double[] {0, 0.5}),
                Arguments.of("xsec: [x] is clipped", "{\"MULTIXSEC\":{\"BTC\":[3],\"ETH\":[-3]}}", "MULTIXSEC", "STORED", new double[] {1, -1}),
                Arguments.of("xsec: [NaN] is stored as NaN", "{\"XSEC-RANK\":{\"BTC\":[NaN]}}", "MULTIXSEC", "STORED", new double[] {Double.NaN, 0}),
                Arguments.of("funding: same rules over FUNDING_ASSETS", "{\"FUNDINGXSEC\":{\"ETH\":0.25,\"BTC\":[2]}}", "FUNDINGXSEC", "STORED",
                        new double[] {1, 0.25}),
                Arguments.of("trademix: same rules over BTC ETH TAO SOL", "{\"TRADE-MIX\":{\"SOL\":-0.5,\"TAO\":[0.5]}}", "TRADEMIX", "STORED",
                        new double[] {0, 0, 0.5, -0.5}),
                Arguments.of("multi-asset flat list of storage-dim numbers in [-1,1]", "{\"TRADEMIX\":[0.5,-0.5,0,1]}", "TRADEMIX", "STORED",
                        new double[] {0.5, -0.5, 0, 1}),
                Arguments.of("multi-asset flat list: breakout allows negatives", "{\"MULTIBREAKOUT\":[" + rep("-0.5", 66) + "]}",
                        "MULTIBREAKOUT", "STORED", new double[] {-0.5, -0.5}),
                Arguments.of("multi-asset flat list: wrong length -> absent", "{\"MULTIXSEC\":[" + rep("0.1", 32) + "]}", "MULTIXSEC", "EMPTY", null),
                Arguments.of("unknown keys are ignored", "{\"DOGE\":[0.5,0.5],\"hotkey\":\"5x\"}", "ETH", "EMPTY", null),
                Arguments.of("not an object -> zeros", "[[0.5,0.5]]", "ETH", "NOT_OBJECT", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void specTable(String rule, String payload, String ticker, String outcome, double[] first) throws Exception {
        SubmissionValidator.Result r = HEAD.validate(json(payload));
        assertThat(r.outcome()).as(rule).hasToString(outcome);
        int dim = Protocol.BCFF57B.byTicker(ticker).orElseThrow().storageDim();
        assertThat(r.vectors().get(ticker)).as(rule).hasSize(dim);
        if (first == null) {
            assertThat(r.nonZero()).as(rule).doesNotContainKey(ticker);
        } else {
            double[] got = Arrays.copyOf(r.nonZero().get(ticker), first.length);
            for (int i = 0; i < first.length; i++) {
                if (Double.isNaN(first[i])) {
                    assertThat(got[i]).as(rule + " [" + i + "]").isNaN();
                } else {
                    assertThat(got[i]).as(rule + " [" + i + "]").isEqualTo(first[i]);
                }
            }
        }
    }

    @Test
    void the2e9bc5bRulesKnowOnlyItsEightChallenges() throws Exception {
        SubmissionValidator.Result r = OLD.validate(json("{\"ETH\":[0.5,0.5],\"MULTIXSEC\":{\"BTC\":0.5},\"TRADEMIX\":[0.5,0.5,0.5,0.5]}"));
        assertThat(r.vectors()).containsOnlyKeys(Protocol.P2E9BC5B.tickers());
        assertThat(r.nonZero()).containsOnlyKeys("ETH");
        // HEAD knows them
        assertThat(HEAD.validate(json("{\"MULTIXSEC\":{\"BTC\":0.5}}")).nonZero()).containsOnlyKeys("MULTIXSEC");
    }

    /** Mutations of a full valid payload; 10 000 seeded cases, every outcome named and every vector well-formed. */
    @Test
    void fuzzNeverThrowsAndEveryOutcomeIsNamed() {
        String[] atoms = {"0.5", "-0.5", "0", "1", "-1", "1.5", "NaN", "Infinity", "-Infinity", "null", "true", "false",
                "\"0.5\"", "\"x\"", "[]", "{}", "[0.5]", "[NaN]", "1e400", "123456789012345678901234567890", "-0.0", "[[1]]",
                "{\"BTC\":0.5}", "\"\"", "2e-308"};
        SplittableRandom rnd = new SplittableRandom(14);
        Map<SubmissionValidator.Outcome, Integer> seen = new EnumMap<>(SubmissionValidator.Outcome.class);
        int parsed = 0;
        int refused = 0;
        for (int n = 0; parsed < 10_000; n++) {
            String payload = mutate(valid(rnd), rnd, atoms);
            JsonNode node;
            try {
                node = json(payload);
            } catch (PayloadJson.Refused e) {
                refused++; // a mutation that broke the JSON never reaches the validator
                continue;
            }
            parsed++;
            SubmissionValidator.Result r = assertDoesNotThrow(() -> HEAD.validate(node), payload);
            seen.merge(r.outcome(), 1, Integer::sum);
            assertThat(r.vectors()).containsOnlyKeys(Protocol.BCFF57B.tickers());
            for (Challenge c : Protocol.BCFF57B.challenges()) {
                assertThat(r.vectors().get(c.ticker())).hasSize(c.storageDim());
            }
            switch (r.outcome()) {
                case VOID, NOT_OBJECT -> assertThat(r.nonZero()).as(payload).isEmpty();
                case EMPTY -> assertThat(r.nonZero()).as(payload).isEmpty();
                case STORED -> assertThat(r.nonZero()).as(payload).isNotEmpty();
            }
            double[] eth = r.vectors().get("ETH");
            for (double x : eth) {
                assertThat(x).as(payload).isBetween(-1.0, 1.0);
            }
        }
        assertThat(refused).as("some mutations break the JSON").isPositive();
        assertThat(seen).containsKeys(SubmissionValidator.Outcome.STORED, SubmissionValidator.Outcome.EMPTY,
                SubmissionValidator.Outcome.VOID);
    }

    static String valid(SplittableRandom rnd) {
        StringBuilder b = new StringBuilder("{\"hotkey\":\"hk\"");
        for (Challenge c : Protocol.BCFF57B.challenges()) {
            if (rnd.nextInt(3) == 0) {
                continue;
            }
            b.append(",\"").append(rnd.nextBoolean() ? c.ticker() : c.name()).append("\":");
            if (c.multiAsset() && rnd.nextBoolean()) {
                b.append('{');
                for (int i = 0; i < c.assets().size(); i++) {
                    b.append(i == 0 ? "" : ",").append('"').append(c.assets().get(i)).append("\":");
                    b.append(c.dim() == 2 ? "[0.5,0.25]" : rnd.nextBoolean() ? "0.25" : "[0.75]");
                }
                b.append('}');
            } else {
                b.append('[');
                for (int i = 0; i < c.storageDim(); i++) {
                    b.append(i == 0 ? "" : ",").append(rnd.nextInt(5) * 0.125);
                }
                b.append(']');
            }
        }
        return b.append('}').toString();
    }

    /**
     * Replaces 1–4 number tokens with atoms (values of every JSON type, NaN, huge numbers); one time in ten also
     * deletes a character or cuts the text (JSON that no longer parses).
     */
    static String mutate(String s, SplittableRandom rnd, String[] atoms) {
        StringBuilder b = new StringBuilder(s);
        int k = 1 + rnd.nextInt(4);
        for (int m = 0; m < k; m++) {
            int at = rnd.nextInt(b.length());
            while (at < b.length() && !(Character.isDigit(b.charAt(at)) || b.charAt(at) == '-')) {
                at++;
            }
            int end = at;
            while (end < b.length() && "0123456789.-eE+".indexOf(b.charAt(end)) >= 0) {
                end++;
            }
            if (end > at) {
                b.replace(at, end, atoms[rnd.nextInt(atoms.length)]);
            }
        }
        if (rnd.nextInt(10) == 0) {
            int at = rnd.nextInt(b.length());
            if (rnd.nextBoolean()) {
                b.deleteCharAt(at);
            } else {
                b.setLength(Math.max(1, at));
            }
        }
        return b.toString();
    }
}
