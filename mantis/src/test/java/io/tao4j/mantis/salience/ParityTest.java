package io.tao4j.mantis.salience;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
    /** parity_small: 7 hotkeys; parity_wide: 30 hotkeys, so top-20 selection, top-25 and top-10 cuts all bite. */
    static final String[] FIXTURES = {"parity_small.json", "parity_wide.json"};
    private static final Map<String, Object[]> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    JsonNode ref;
    TrainingData data;

    void load(String fixture) {
        Object[] c = CACHE.computeIfAbsent(fixture, f -> {
            JsonNode r = Vectors.load(f);
            JsonNode g = r.get("generator");
            List<String> roles = new ArrayList<>();
            g.get("roles").forEach(x -> roles.add(x.asText()));
            return new Object[] {r, SyntheticData.generate(g.get("seed").asLong(), g.get("rows").asInt(), roles,
                    MantisConfig.CHALLENGES)};
        });
        ref = (JsonNode) c[0];
        data = (TrainingData) c[1];
    }

    static String[] fixtures() {
        return FIXTURES;
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

    @ParameterizedTest
    @MethodSource("fixtures")
    void generatedInputsAreBitIdenticalToThePythonGenerator(String fixture) {
        load(fixture);
        for (MantisChallenge ch : MantisConfig.CHALLENGES) {
            String want = ref.get("series").get(ch.ticker()).get("sha256").asText();
            assertThat(SyntheticData.digest(data.series(ch.ticker()).orElseThrow())).as(ch.ticker()).isEqualTo(want);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void binaryMatchesReference(String fixture) {
        load(fixture);
        BinaryScorer scorer = new BinaryScorer();
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("binary").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, Double> theirs = map(e.getValue());
            Map<String, Double> ours = scorer.score(data.series(e.getKey()).orElseThrow(), 2);
            assertClose(ours, theirs, DET_TOL, e.getKey());
        }
    }

    /**
     * A never-submitting miner's HITFIRST feature is the constant logit(1/3); with a free intercept its
     * coefficient is exactly 0 at the optimum (its gradient is a multiple of the intercept's). scikit-learn's
     * lbfgs stops early (tol 1e-4) and leaves a residue there (2.9e-5 of the mass with 7 hotkeys, 2.4% with
     * 30). We report the optimum: that hotkey gets ~0, and all other hotkeys agree with the reference after
     * removing the residue and renormalising.
     */
    @ParameterizedTest
    @MethodSource("fixtures")
    void hitFirstMatchesReference(String fixture) {
        load(fixture);
        Map<String, Double> theirs = map(ref.get("hitfirst").get("ETHHITFIRST"));
        Map<String, Double> ours = new HitFirstScorer().score(data.series("ETHHITFIRST").orElseThrow(), 500, 5);
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(theirs.keySet());
        List<String> zero = theirs.keySet().stream().filter(k -> k.endsWith("-zero")).toList();
        for (String z : zero) assertThat(ours.get(z)).as(z).isLessThan(1e-9);
        assertClose(dropAndRenormalise(ours, zero), dropAndRenormalise(theirs, zero), DET_TOL, "ETHHITFIRST");
    }

    static Map<String, Double> dropAndRenormalise(Map<String, Double> m, List<String> drop) {
        Map<String, Double> out = new LinkedHashMap<>(m);
        drop.forEach(out::remove);
        double s = out.values().stream().mapToDouble(Double::doubleValue).sum();
        out.replaceAll((k, v) -> v / s);
        return out;
    }

    /** Values over the union of hotkeys, a missing hotkey counting as 0 (top-k cuts may differ near the cut). */
    static void assertCloseUnion(Map<String, Double> ours, Map<String, Double> theirs, double tol, String what) {
        java.util.Set<String> keys = new java.util.TreeSet<>(ours.keySet());
        keys.addAll(theirs.keySet());
        for (String hk : keys) {
            assertThat(ours.getOrDefault(hk, 0.0)).as("%s %s (ours %s, reference %s)", what, hk, ours, theirs)
                    .isCloseTo(theirs.getOrDefault(hk, 0.0), within(tol));
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void lbfgsWithinReferenceSpread(String fixture) {
        load(fixture);
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

    @ParameterizedTest
    @MethodSource("fixtures")
    void multiSalienceAgreesOnTopHotkeys(String fixture) {
        load(fixture);
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
            assertCloseUnion(ours, theirs, TORCH_SLACK, e.getKey());
        }
        assertThat(total.get(top(r.total()))).as("total top: ours %s, reference %s", r.total(), total)
                .isCloseTo(total.get(top(total)), within(1e-6));
        assertCloseUnion(r.total(), total, TORCH_SLACK / 2, "total");
    }
}
