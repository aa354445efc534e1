package io.tao4j.mantis.salience;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SalienceEngineTest {
    static final List<String> ROLES = List.of("signal", "copy", "weak", "noise", "noise", "zero");

    @Test
    void aggregateIsDeterministicAndThreadCountIndependent() {
        TrainingData d = SyntheticData.generate(11, 15000, ROLES, MantisConfig.CHALLENGES);
        SalienceEngine e = new SalienceEngine();
        SalienceResult a = e.multiSalience(d, SalienceEngine.Options.defaults());
        SalienceResult b = e.multiSalience(d, SalienceEngine.Options.defaults().withParallel(false));
        assertThat(a.total()).isEqualTo(b.total());
        assertThat(a.perChallenge()).isEqualTo(b.perChallenge());
        assertThat(a.perChallenge().keySet()).containsExactlyElementsOf(
                MantisConfig.CHALLENGES.stream().map(MantisChallenge::ticker).toList());
        assertThat(a.total().values().stream().mapToDouble(x -> x).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(a.seconds()).containsKeys("total", "ETHLBFGS/p", "ETHLBFGS/q", "ETH/binary", "ETHHITFIRST/hitfirst");

        List<String> hk = SyntheticData.hotkeyNames(ROLES);
        // the signal miner and its copy share the reward; together they do not get more than twice...
        double sig = a.total().get(hk.get(0));
        double copy = a.total().get(hk.get(1));
        assertThat(copy).isCloseTo(sig, within(0.35 * sig));
        // ...and each of them is still above noise
        assertThat(sig).isGreaterThan(a.total().getOrDefault(hk.get(3), 0.0));

        // copying does not double the reward: signal alone vs signal + copy
        List<String> solo = List.of("signal", "noise", "weak", "noise", "noise", "zero");
        SalienceResult s = e.multiSalience(SyntheticData.generate(11, 15000, solo, MantisConfig.CHALLENGES));
        double alone = s.total().get(SyntheticData.hotkeyNames(solo).get(0));
        assertThat(sig + copy).isLessThan(1.3 * alone);
    }

    @Test
    void aggregationHelpersFollowModelPy() {
        assertThat(SalienceEngine.isUniform(Map.of())).isTrue();
        assertThat(SalienceEngine.isUniform(Map.of("a", 0.5, "b", 0.502))).isTrue();
        assertThat(SalienceEngine.isUniform(Map.of("a", 0.4, "b", 0.6))).isFalse();
        assertThat(SalienceEngine.isUniform(Map.of("a", 0.0, "b", 0.0))).isTrue();
        Map<String, Double> t = SalienceEngine.topKRenorm(Map.of("a", 0.5, "b", 0.3, "c", 0.2, "d", 0.0), 2);
        assertThat(t).containsOnlyKeys("a", "b");
        assertThat(t.get("a")).isCloseTo(0.625, within(1e-12));
    }

    @Test
    void emptyTrainingDataGivesEmptyResult() {
        SalienceResult r = new SalienceEngine().multiSalience(new TrainingData(Map.of()));
        assertThat(r.total()).isEmpty();
        assertThat(r.perChallenge()).isEmpty();
    }
}
