package io.tao4j.mantis.salience;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Parity with the reference implementation (Barbariandev/MANTIS at 2e9bc5b run by
 * tools/parity/mantis/gen_parity.py on the same generated input; see
 * src/test/resources/salience/README.md).
 *
 * <p>Tolerances: binary and HITFIRST are deterministic in both implementations but the reference stops
 * its solvers early (liblinear tol 1e-3, saga tol 1e-4, lbfgs tol 1e-4) while ours converge to the
 * optimum, so values agree to {@link #DET_TOL} (observed: 5.1e-5 binary, 2.9e-5 HITFIRST). The LBFGS
 * scorers train with shuffled mini-batches;
 * PyTorch's shuffle stream cannot be reproduced, so p-only values must lie within the spread of five
 * reference runs with different torch seeds widened by {@link #TORCH_SLACK}; the Q-path (which converges
 * to the same weights for every shuffle on this data) within {@link #Q_TOL} (observed 1e-8).
 */
class ParityTest {
    static final double DET_TOL = 2e-4;
    static final double TORCH_SLACK = 0.05;
    static final double Q_TOL = 1e-6;
    static JsonNode ref;
    static TrainingData data;

    @BeforeAll
    static void setUp() {
        ref = Vectors.load("parity_small.json");
        JsonNode g = ref.get("generator");
        List<String> roles = new ArrayList<>();
        g.get("roles").forEach(r -> roles.add(r.asText()));
        data = SyntheticData.generate(g.get("seed").asLong(), g.get("rows").asInt(), roles, MantisConfig.CHALLENGES);
    }

    static Map<String, Double> map(JsonNode n) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asDouble());
        }
        return m;
    }

    static String top(Map<String, Double> m) {
        return m.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    static void assertClose(Map<String, Double> ours, Map<String, Double> theirs, double tol, String what) {
        assertThat(ours.keySet()).as(what + " hotkeys").containsExactlyInAnyOrderElementsOf(theirs.keySet());
        for (String hk : theirs.keySet()) {
            assertThat(ours.get(hk)).as("%s %s (ours %s, reference %s)", what, hk, ours, theirs)
                    .isCloseTo(theirs.get(hk), within(tol));
        }
    }

    @Test
    void generatedInputsAreBitIdenticalToThePythonGenerator() {
        for (MantisChallenge ch : MantisConfig.CHALLENGES) {
            String want = ref.get("series").get(ch.ticker()).get("sha256").asText();
            assertThat(SyntheticData.digest(data.series(ch.ticker()).orElseThrow())).as(ch.ticker()).isEqualTo(want);
        }
    }

    @Test
    void binaryMatchesReference() {
        BinaryScorer scorer = new BinaryScorer();
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("binary").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, Double> theirs = map(e.getValue());
            Map<String, Double> ours = scorer.score(data.series(e.getKey()).orElseThrow(), 2);
            assertClose(ours, theirs, DET_TOL, e.getKey());
        }
    }

    @Test
    void hitFirstMatchesReference() {
        Map<String, Double> theirs = map(ref.get("hitfirst").get("ETHHITFIRST"));
        Map<String, Double> ours = new HitFirstScorer().score(data.series("ETHHITFIRST").orElseThrow(), 500, 5);
        assertClose(ours, theirs, DET_TOL, "ETHHITFIRST");
    }

    @Test
    void lbfgsWithinReferenceSpread() {
        for (String ticker : List.of("ETHLBFGS", "BTCLBFGS")) {
            MantisChallenge ch = MantisConfig.byTicker(ticker).orElseThrow();
            ChallengeSeries s = data.series(ticker).orElseThrow();
            Map<String, Double> p = new LbfgsPScorer().score(s, ch.blocksAhead(), 5, 42);
            Map<String, Double> q = new LbfgsQScorer().score(s, ch.blocksAhead(), 5, 42);
            JsonNode runs = ref.get("lbfgs_runs").get(ticker);
            for (String hk : p.keySet()) {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (JsonNode r : runs) {
                    double v = r.get("p").path(hk).asDouble(0.0);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                assertThat(p.get(hk)).as("%s p %s: ours %s", ticker, hk, p).isBetween(lo - TORCH_SLACK, hi + TORCH_SLACK);
            }
            assertThat(top(p)).as(ticker + " p top").isEqualTo(top(map(runs.get(0).get("p"))));
            assertClose(q, map(runs.get(0).get("q")), Q_TOL, ticker + " q");
        }
    }

    @Test
    void multiSalienceAgreesOnTopHotkeys() {
        SalienceResult r = new SalienceEngine().multiSalience(data);
        JsonNode ms = ref.get("multi_salience");
        Map<String, Double> total = map(ms.get("total"));
        assertThat(r.perChallenge().keySet()).containsExactlyInAnyOrderElementsOf(
                () -> ms.get("per_challenge").fieldNames());
        for (Iterator<Map.Entry<String, JsonNode>> it = ms.get("per_challenge").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, Double> theirs = map(e.getValue());
            Map<String, Double> ours = r.perChallenge().get(e.getKey());
            double best = theirs.get(top(theirs));
            // deterministic challenges: the top hotkey, or one tied with it to 1e-6 (copies of a miner tie
            // exactly); LBFGS: the reference's own top changes with torch's shuffle seed (see
            // lbfgs_runs), so ours must be a hotkey within TORCH_SLACK of the reference's top
            boolean torch = MantisConfig.byTicker(e.getKey()).orElseThrow().loss() == LossKind.LBFGS;
            assertThat(theirs.get(top(ours))).as("%s top: ours %s, reference %s", e.getKey(), ours, theirs)
                    .isCloseTo(best, within(torch ? TORCH_SLACK : 1e-6));
            assertClose(ours, theirs, TORCH_SLACK, e.getKey());
        }
        assertThat(total.get(top(r.total()))).as("total top: ours %s, reference %s", r.total(), total)
                .isCloseTo(total.get(top(total)), within(1e-6));
        assertClose(r.total(), total, TORCH_SLACK / 2, "total");
    }
}
