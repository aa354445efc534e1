package io.tao4j.mantis.salience.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.TrainingData;
import io.tao4j.mantis.salience.math.SklearnLogistic.LbfgsRules;
import io.tao4j.mantis.salience.sybil.History;
import io.tao4j.mantis.salience.sybil.LbfgsJointCohorts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parity of the HEAD scorers with the reference (Barbariandev/MANTIS @bcff57b) on a generated ledger: training
 * data and expected per-challenge outputs come from tools/parity/mantis/gen_head_scorer_parity.py (commands in
 * src/test/resources/salience/head/README.md).
 */
class HeadParityTest {
    /** The fixtures: 8 hotkeys × 21 days seed 1 (all paths), 12 hotkeys × 12 days seed 2 (no LBFGS classifier),
     * 10 hotkeys × 12 days seed 3 (a fresh seed, made for the session-3 review). */
    static final List<String> DIRS = List.of("d21s1", "d12s2", "d12s3");
    Map<String, ChallengeSeries> data;
    JsonNode expected;

    void load(String dir) throws Exception {
        String base = "/salience/head/" + dir + "/";
        try (InputStream in = HeadParityTest.class.getResourceAsStream(base + "training.bin.gz")) {
            assertNotNull(in, "dump missing: " + base);
            data = HeadParityData.read(in);
        }
        try (InputStream in = HeadParityTest.class.getResourceAsStream(base + "expected.json")) {
            assertNotNull(in, "expected.json missing: " + base);
            expected = new ObjectMapper().readTree(in);
        }
    }

    static Map<String, Double> map(JsonNode n) {
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        if (n == null) return m;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asDouble());
        }
        return m;
    }

    static double l1(Map<String, Double> a, Map<String, Double> b) {
        TreeSet<String> k = new TreeSet<>(a.keySet());
        k.addAll(b.keySet());
        double s = 0;
        for (String hk : k) s += Math.abs(a.getOrDefault(hk, 0.0) - b.getOrDefault(hk, 0.0));
        return s;
    }

    static double maxAbs(Map<String, Double> a, Map<String, Double> b) {
        TreeSet<String> k = new TreeSet<>(a.keySet());
        k.addAll(b.keySet());
        double s = 0;
        for (String hk : k) s = Math.max(s, Math.abs(a.getOrDefault(hk, 0.0) - b.getOrDefault(hk, 0.0)));
        return s;
    }

    static List<String> top(Map<String, Double> m, int n) {
        List<Map.Entry<String, Double>> es = new ArrayList<>(m.entrySet());
        es.sort((x, y) -> Double.compare(y.getValue(), x.getValue()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, es.size()); i++) out.add(es.get(i).getKey());
        return out;
    }

    static Challenge ch(String t) {
        return Protocol.BCFF57B.byTicker(t).orElseThrow();
    }

    Map<String, Double> score(String t) {
        Challenge c = ch(t);
        ChallengeSeries s = data.get(t);
        Protocol.Constants k = Protocol.BCFF57B.constants();
        return switch (c.loss()) {
            case BINARY -> HeadSalienceEngine.binary(c, s, k);
            case HITFIRST -> HeadSalienceEngine.hitfirst(c, s, k, LbfgsRules.SKLEARN_1_7);
            case LBFGS -> HeadSalienceEngine.lbfgs(c, s, k);
            default -> throw new IllegalStateException();
        };
    }

    /**
     * HITFIRST: the reference here runs scikit-learn 1.2's lbfgs (unnormalised loss, stops near the optimum), tao4j
     * 1.7's (normalised, stops earlier, as mainnet); {@link #hitfirstAtTheOptimumMatchesTheReferenceTightly} shows
     * they meet at the optimum.
     */
    static final double HITFIRST_TOL = 5e-4;

    boolean selfConsistent() {
        JsonNode cb = expected.get("combined_breakdown");
        if (cb == null) return true;
        for (Iterator<String> it = expected.get("per_challenge").fieldNames(); it.hasNext(); ) {
            String t = it.next();
            if (maxAbs(map(cb.get(t)), map(expected.get("per_challenge").get(t))) > 1e-12) return false;
        }
        return true;
    }

    /** multi_salience's combination of the reference's per-challenge results. */
    Map<String, Double> recombine() {
        List<io.tao4j.mantis.protocol.Challenge> chs = Protocol.BCFF57B.challenges();
        List<HeadSalienceEngine.ChallengeResult> rs = new ArrayList<>();
        for (var c : chs) rs.add(new HeadSalienceEngine.ChallengeResult(c.ticker(), map(expected.get("per_challenge").get(c.ticker())), 0));
        return HeadSalienceEngine.combine(chs, rs).salience();
    }

    static List<String> dirs() {
        return DIRS;
    }

    void report(String t, Map<String, Double> got, Map<String, Double> want) {
        System.out.printf("PARITY %s L1=%.3g max=%.3g top got=%s want=%s%n", t, l1(got, want), maxAbs(got, want),
                abbreviate(top(got, 3)), abbreviate(top(want, 3)));
    }

    static List<String> abbreviate(List<String> l) {
        List<String> o = new ArrayList<>();
        for (String s : l) o.add(s.substring(0, 6));
        return o;
    }

    @ParameterizedTest
    @MethodSource("dirs")
    void lbfgsPathsMatch(String dir) throws Exception {
        load(dir);
        for (String t : List.of("ETHLBFGS", "BTCLBFGS")) {
            if (!data.containsKey(t)) continue;
            Challenge c = ch(t);
            ChallengeSeries s = data.get(t);
            History hist = HeadLabels.history(s);
            LbfgsJointCohorts.Reduction red = HeadLbfgsScorer.reduce(hist);
            Map<String, Double> cls = HeadLbfgsScorer.classifier(red, s.prices(), c.blocksAhead(), 5);
            Map<String, Double> q = HeadLbfgsScorer.qPath(red, s.prices(), c.blocksAhead(), 5);
            JsonNode p = expected.get("lbfgs_paths").get(t);
            System.out.println("PARITY fixture " + dir);
            report(t + ".cls", cls, map(p.get("cls")));
            report(t + ".q", q, map(p.get("q")));
            assertTrue(maxAbs(cls, map(p.get("cls"))) <= 1e-4, t + " classifier path");
            assertTrue(maxAbs(q, map(p.get("q"))) <= 1e-4, t + " Q path");
        }
    }

    /**
     * The engine over the dump (2 threads), with BTCLBFGS (not in the committed dump) supplied as an external
     * result from the reference: per challenge and combined.
     */
    @ParameterizedTest
    @MethodSource("dirs")
    void perChallengeAndCombinedMatch(String dir) throws Exception {
        load(dir);
        Map<String, Map<String, Double>> external = new LinkedHashMap<>();
        for (String t : List.of("ETH", "ETHHITFIRST", "ETHLBFGS", "BTCLBFGS", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD")) {
            if (!data.containsKey(t)) external.put(t, map(expected.get("per_challenge").get(t)));
        }
        HeadSalienceEngine.Result r = new HeadSalienceEngine(Protocol.BCFF57B, 2).multiSalience(new TrainingData(data), external);
        StringBuilder fails = new StringBuilder();
        System.out.println("PARITY fixture " + dir);
        for (HeadSalienceEngine.ChallengeResult c : r.challenges()) {
            if (c.seconds() > 0) System.out.printf("PARITY seconds %s %.2f%n", c.ticker(), c.seconds());
        }
        for (String t : data.keySet()) {
            Map<String, Double> got = r.perChallenge().getOrDefault(t, Map.of());
            Map<String, Double> want = map(expected.get("per_challenge").get(t));
            report(t, got, want);
            Loss loss = ch(t).loss();
            if (loss == Loss.BINARY) {
                // saga in the meta-fit: same ranking at the top, L1 <= 0.2
                if (l1(got, want) > 0.2 || !top(got, 3).equals(top(want, 3))) fails.append(t).append(' ');
            } else if (maxAbs(got, want) > (loss == Loss.HITFIRST ? HITFIRST_TOL : 1e-4)) {
                fails.append(t).append(' ');
            }
        }
        // the reference's combined vector, when its combined run agrees with its own per-challenge runs; where it
        // does not (d12s2: BTCLBFGS, see README "HEAD scorers: parity"), the combination of its per-challenge runs
        Map<String, Double> want = map(expected.get("salience"));
        if (!selfConsistent()) want = recombine();
        report("combined", r.salience(), want);
        assertTrue(l1(r.salience(), want) <= 0.2 && top(r.salience(), 3).equals(top(want, 3)), "combined salience");
        assertEquals(List.of("MULTIBREAKOUT", "MULTIXSEC", "FUNDINGXSEC", "TRADEMIX"), r.empty());
        assertEquals("", fails.toString().trim(), "challenges off parity");
    }

    /**
     * With scikit-learn 1.2's lbfgs rules (the unnormalised objective, 1.2's ftol and line-search cap: what the
     * reference ran with here), HITFIRST is the reference's to rounding: the gap at the default rules is the version's
     * stopping point, not the port.
     */
    @ParameterizedTest
    @MethodSource("dirs")
    void hitfirstUnderTheReferencesOwnLbfgsRulesMatchesToRounding(String dir) throws Exception {
        load(dir);
        Challenge c = ch("ETHHITFIRST");
        Map<String, Double> got = HeadSalienceEngine.hitfirst(c, data.get("ETHHITFIRST"), Protocol.BCFF57B.constants(),
                LbfgsRules.SKLEARN_1_2);
        Map<String, Double> want = map(expected.get("per_challenge").get("ETHHITFIRST"));
        report(dir + " ETHHITFIRST@1.2", got, want);
        assertEquals(want.keySet(), got.keySet());
        assertTrue(maxAbs(got, want) <= 1e-9, "HITFIRST with 1.2's rules: max |d| " + maxAbs(got, want));
    }

    /**
     * The reference here runs scikit-learn 1.2, whose lbfgs minimises the unnormalised loss and so stops much closer
     * to the optimum than 1.7's (pinned on mainnet, and what tao4j implements); at a tight tolerance the two meet.
     */
    @ParameterizedTest
    @MethodSource("dirs")
    void hitfirstAtTheOptimumMatchesTheReferenceTightly(String dir) throws Exception {
        load(dir);
        ChallengeSeries s = data.get("ETHHITFIRST");
        History hist = HeadLabels.history(s);
        Map<String, Double> raw = new HeadHitFirstScorer(1e-10).score(hist, s.prices(), 500, 5);
        Map<String, Double> got = io.tao4j.mantis.salience.sybil.TwoTier.apply(raw, io.tao4j.mantis.salience.sybil.TwoTier.reps(hist));
        double tot = HeadSalienceEngine.sortedSum(got);
        got.replaceAll((k, v) -> v / tot);
        Map<String, Double> want = map(expected.get("per_challenge").get("ETHHITFIRST"));
        report(dir + " ETHHITFIRST@optimum", got, want);
        assertTrue(maxAbs(got, want) <= 1e-5, "HITFIRST at the optimum");
    }
}
