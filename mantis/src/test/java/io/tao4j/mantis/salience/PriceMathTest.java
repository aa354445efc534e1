package io.tao4j.mantis.salience;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** utils.py building blocks, hand-derived values. */
class PriceMathTest {
    @Test
    void rollingStdIsSampleStd() {
        double[] s = PriceMath.rollingStd(new double[] {1, 2, 4, 7}, 3);
        assertThat(s).hasSize(2);
        assertThat(s[0]).isCloseTo(Math.sqrt(7.0 / 3.0), within(1e-12)); // var of 1,2,4 (ddof 1)
        assertThat(s[1]).isCloseTo(Math.sqrt(57.0 / 9.0), within(1e-12)); // var of 2,4,7 = (49+1+64)/9/2
        assertThat(PriceMath.rollingStd(new double[] {1, 2}, 3)).isEmpty();
    }

    @Test
    void recentMassWeightsGiveHalfTheMassToTheRecentWindow() {
        int[] t = new int[100];
        for (int i = 0; i < 100; i++) t[i] = i;
        float[] w = PriceMath.recentMassWeights(t, 20, 0.5);
        double recent = 0, all = 0;
        for (int i = 0; i < 100; i++) {
            all += w[i];
            if (i >= 80) recent += w[i];
        }
        assertThat(all).isCloseTo(100.0, within(1e-4));
        assertThat(recent / all).isCloseTo(0.5, within(1e-6));
        // all recent -> ones
        assertThat(PriceMath.recentMassWeights(new int[] {5, 6, 7}, 20, 0.5)).containsExactly(1f, 1f, 1f);
    }

    @Test
    void bucketsFollowSigmaScaledReturns() {
        // constant log growth then a jump: sigma from the window, z from the return
        int T = 40;
        double[] price = new double[T];
        for (int t = 0; t < T; t++) price[t] = 100.0 * Math.exp(0.01 * t + ((t % 2 == 0) ? 0.002 : 0.0));
        PriceMath.Bins b = PriceMath.makeBins(price, 1, 5);
        // sigma(t) defined from t >= h + window - 1 = 5, up to T - h - 1
        assertThat(b.validIdx()[0]).isEqualTo(5);
        assertThat(b.validIdx()).hasSize(T - 1 - 5);
        for (int y : b.labels()) assertThat(y).isBetween(0, 4);
        assertThat(PriceMath.makeBins(new double[] {1, 2}, 2, 5).labels()).isEmpty();
    }

    @Test
    void logitClipsAndSlidingExtremes() {
        assertThat(PriceMath.logit(0.5)).isEqualTo(0.0);
        assertThat(PriceMath.logit(0.0)).isCloseTo(Math.log(1e-12), within(1e-6));
        assertThat(PriceMath.slidingMax(new double[] {1, 3, 2, 5, 4}, 2)).containsExactly(3, 3, 5, 5);
        assertThat(PriceMath.slidingMin(new double[] {1, 3, 2, 5, 4}, 3)).containsExactly(1, 2, 2);
    }
}
