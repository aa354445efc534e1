package io.tao4j.mantis.salience.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.salience.math.SklearnLogistic.LbfgsRules;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XSEC-RANK and FUNDING-XSEC against the reference's own {@code compute_xsec_rank_salience} /
 * {@code compute_funding_xsec_salience} return values ({@code expected.json} "raw") on the inputs the reference's
 * ledger code built from a generated HEAD ledger ({@code multi.bin.gz}; fixtures and commands:
 * {@code src/test/resources/salience/head/README.md}). Further parity directories (the bigger ledgers, not committed)
 * can be given as {@code -Dtao4j.xsecParityDirs=dir1,dir2}.
 *
 * <p>The fixtures ran Debian's scikit-learn 1.2, whose lbfgs minimises the unnormalised loss with scipy's default
 * ftol/maxls and so stops far closer to the optimum than 1.7 (pinned at HEAD, tao4j's default). The comparison
 * therefore runs the scorers with {@link LbfgsRules#SKLEARN_1_2}; then the committed fixture agrees to 1e-6 and the
 * bigger ledgers of the parity suite to 1e-4, the bar (the meta-fits' lbfgs runs follow scipy's iterates: the
 * same iteration counts on every bootstrap replicate, see the README).
 */
class XsecParityTest {
    /** Committed fixture directories (under src/test/resources/salience/head/) holding the two challenges. */
    static final String[] COMMITTED = {"m14s4"};
    /** Committed fixture: measured 1.9e-12 (MULTIXSEC) and 4.6e-9 (FUNDINGXSEC). */
    static final double BOUND = 1e-6;
    /**
     * Bigger ledgers (24-26 days, several meta segments, 60 bootstrap lbfgs fits each on up to 600k rows): measured
     * worst over the suite's ledgers 5.0e-5 (MULTIXSEC, d24s13) and 1.4e-6 (FUNDINGXSEC, d24s1), except FUNDINGXSEC on
     * d24s13 at 5.6e-4, where the reference itself moves by 2.4e-4 between OpenBLAS and netlib BLAS (README).
     */
    static final double BOUND_EXTRA = 1e-4;

    static Stream<Path> dirs() {
        // committed fixtures first; -Dtao4j.xsecParityDirs adds the bigger ledgers' directories
        Stream<Path> committed = Stream.of(COMMITTED).map(n -> Path.of("src/test/resources/salience/head", n));
        String extra = System.getProperty("tao4j.xsecParityDirs", "");
        Stream<Path> more = extra.isBlank() ? Stream.empty() : Stream.of(extra.split(",")).map(Path::of);
        return Stream.concat(committed, more);
    }

    @ParameterizedTest
    @MethodSource("dirs")
    void agreesWithTheReference(Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(dir.resolve("multi.bin.gz")), "no parity fixture at " + dir);
        HeadMultiParityData.Dump d = HeadMultiParityData.read(dir.resolve("multi.bin.gz"));
        JsonNode raw = new ObjectMapper().readTree(dir.resolve("expected.json").toFile()).get("raw");
        StringBuilder fails = new StringBuilder();
        for (String ticker : new String[] {"MULTIXSEC", "FUNDINGXSEC"}) {
            MultiAssetSeries s = d.series().get(ticker);
            if (s == null) continue;
            Map<String, Double> got = ticker.equals("MULTIXSEC") ? XsecRankScorer.score(s, LbfgsRules.SKLEARN_1_2)
                    : FundingXsecScorer.score(s, LbfgsRules.SKLEARN_1_2);
            JsonNode want = raw.get(ticker);
            TreeSet<String> keys = new TreeSet<>(got.keySet());
            want.fieldNames().forEachRemaining(keys::add);
            double worst = 0.0;
            for (String k : keys) {
                double w = want.has(k) ? want.get(k).asDouble() : 0.0;
                worst = Math.max(worst, Math.abs(got.getOrDefault(k, 0.0) - w));
            }
            double bound = dir.startsWith("src/test/resources") ? BOUND : BOUND_EXTRA;
            System.out.printf("%s %s: max |diff| %.3g over %d hotkeys (bound %.0e)%n", dir.getFileName(), ticker, worst,
                    keys.size(), bound);
            assertTrue(got.keySet().equals(toSet(want)), ticker + ": hotkeys " + got.keySet() + " vs " + toSet(want));
            if (worst > bound) fails.append(ticker).append(' ').append(worst).append('\n');
        }
        assertTrue(fails.length() == 0, "off parity:\n" + fails);
    }

    private static java.util.Set<String> toSet(JsonNode o) {
        java.util.Set<String> s = new TreeSet<>();
        o.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
