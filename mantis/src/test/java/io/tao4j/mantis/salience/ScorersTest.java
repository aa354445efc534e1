package io.tao4j.mantis.salience;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scorer on synthetic data with a known answer (see {@link SyntheticData}): the miner that sees
 * the future beats the noise miners; never-submitting miners get nothing; degenerate inputs give
 * empty results as in the reference.
 */
class ScorersTest {
    static final List<String> ROLES = List.of("signal", "weak", "noise", "noise", "zero", "late");
    static final int ROWS = 15000;
    static final TrainingData DATA = SyntheticData.generate(7, ROWS, ROLES, MantisConfig.CHALLENGES);

    static ChallengeSeries series(String ticker) {
        return DATA.series(ticker).orElseThrow();
    }

    static MantisChallenge ch(String ticker) {
        return MantisConfig.byTicker(ticker).orElseThrow();
    }

    static double v(Map<String, Double> s, int idx) {
        return s.getOrDefault(SyntheticData.hotkeyNames(ROLES).get(idx), 0.0);
    }

    static void assertSignalWins(Map<String, Double> s) {
        assertSignalWins(s, true);
    }

    /** The top hotkey is an informed miner (signal, or the late miner that has the same information). */
    static void assertSignalWins(Map<String, Double> s, boolean zeroGetsNothing) {
        assertThat(s).isNotEmpty();
        assertThat(s.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(v(s, 0)).as("signal vs noise").isGreaterThan(v(s, 2)).isGreaterThan(v(s, 3));
        assertThat(v(s, 0)).as("signal vs noise 2").isGreaterThan(v(s, 3));
        double informed = Math.max(v(s, 0), Math.max(v(s, 1), v(s, 5)));
        assertThat(informed).as("an informed miner beats every noise miner: %s", s)
                .isGreaterThan(v(s, 2)).isGreaterThan(v(s, 3));
        if (zeroGetsNothing) {
            double max = s.values().stream().mapToDouble(d -> d).max().orElseThrow();
            assertThat(informed).as("an informed miner is on top: %s", s).isEqualTo(max);
        }
        if (zeroGetsNothing) assertThat(v(s, 4)).as("never-submitting miner").isLessThan(1e-6);

    }

    @Test
    void binarySignalBeatsNoise() {
        Map<String, Double> s = new BinaryScorer().score(series("ETH"), 2);
        assertSignalWins(s);
        assertThat(v(s, 4)).isEqualTo(0.0);
        assertThat(s).hasSize(ROLES.size()); // the reference lists every hotkey, zeros included
    }

    @Test
    void hitFirstSignalBeatsNoise() {
        Map<String, Double> s = new HitFirstScorer().score(series("ETHHITFIRST"), 500, 5);
        assertSignalWins(s);
        assertThat(v(s, 1)).as("weak vs noise").isGreaterThan(v(s, 2));
    }

    @Test
    void lbfgsPSignalBeatsNoise() {
        Map<String, Double> s = new LbfgsPScorer().score(series("ETHLBFGS"), 300, 5, 42);
        // a miner without submissions contributes the uniform distribution (zeros clamp to 1e-6 and
        // renormalise), which is a useful smoothing component of the mixture, as in the reference
        assertSignalWins(s, false);
    }

    @Test
    void lbfgsQSignalBeatsNoise() {
        Map<String, Double> s = new LbfgsQScorer().score(series("ETHLBFGS"), 300, 5, 42);
        // a miner without submissions has logit(0.5) = 0 inputs; its softmax weight still moves with the
        // others' (the gradient through the softmax normaliser), exactly as in the reference
        assertSignalWins(s, false);
    }

    @Test
    void lbfgsLongHorizonChallengeWorks() {
        assertSignalWins(new LbfgsPScorer().score(series("BTCLBFGS"), 1800, 5, 42), false);
    }

    @Test
    void tooFewRowsGiveEmptyResults() {
        assertThat(new BinaryScorer().score(series("ETH").tail(499), 2)).isEmpty();
        assertThat(new LbfgsPScorer().score(series("ETHLBFGS").tail(7199), 300, 5, 42)).isEmpty();
        assertThat(new LbfgsQScorer().score(series("ETHLBFGS").tail(7199), 300, 5, 42)).isEmpty();
        assertThat(new HitFirstScorer().score(series("ETHHITFIRST").tail(7199), 500, 5)).isEmpty();
        // 10 000 rows: sigma from 7 199 on leaves fewer than 7 200 labelled rows
        assertThat(new HitFirstScorer().score(series("ETHHITFIRST").tail(10000), 500, 5)).isEmpty();
    }

    @Test
    void oneClassGivesEmptyBinaryResult() {
        ChallengeSeries s = series("ETH");
        float[] up = new float[s.rows()];
        Arrays.fill(up, 0.01f);
        ChallengeSeries allUp = ChallengeSeries.ofReturns(s.hotkeys(), 2, s.embeddingsAsFloat(), up);
        assertThat(new BinaryScorer().score(allUp, 2)).isEmpty();
    }

    @Test
    void nanPriceGivesEmptyResults() {
        ChallengeSeries s = series("ETHLBFGS");
        double[] p = s.prices().clone();
        p[100] = Double.NaN; // poisons the running sums of every later window, as in numpy
        ChallengeSeries bad = ChallengeSeries.ofPrices(s.hotkeys(), 17, s.embeddingsAsFloat(), p);
        assertThat(new LbfgsPScorer().score(bad, 300, 5, 42)).isEmpty();
        assertThat(new LbfgsQScorer().score(bad, 300, 5, 42)).isEmpty();
        ChallengeSeries h = series("ETHHITFIRST");
        double[] ph = h.prices().clone();
        ph[100] = Double.NaN;
        assertThat(new HitFirstScorer().score(ChallengeSeries.ofPrices(h.hotkeys(), 3, h.embeddingsAsFloat(), ph), 500, 5))
                .isEmpty();
    }

    @Test
    void nonFiniteEmbeddingsAreRejectedWithTheHotkeyNamed() {
        float[][] e = {{0.5f, Float.NaN, 0.1f, 0.2f}};
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ChallengeSeries.ofReturns(List.of("hkA"), 2, e, new float[] {0.1f, -0.1f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hkA").hasMessageContaining("row 0");
        short[][] half = {{0x3C00, 0x7C00}};
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ChallengeSeries.ofHalfPrices(List.of("hkB"), 1, half, new double[] {1, 2}))
                .hasMessageContaining("hkB").hasMessageContaining("row 1");
    }

    @Test
    void wrongDimensionGivesEmptyResults() {
        assertThat(new LbfgsPScorer().score(series("ETHHITFIRST"), 300, 5, 42)).isEmpty();
        assertThat(new HitFirstScorer().score(series("ETHLBFGS"), 500, 5)).isEmpty();
        assertThat(new BinaryScorer().score(series("ETH"), 3)).isEmpty();
    }

    @Test
    void lateMinerIsScoredOnItsRowsOnly() {
        // binary: the late miner's base models only see its non-zero rows; it still carries signal
        Map<String, Double> s = new BinaryScorer().score(series("ETH"), 2);
        assertThat(v(s, 5)).isGreaterThan(v(s, 2));
    }
}
