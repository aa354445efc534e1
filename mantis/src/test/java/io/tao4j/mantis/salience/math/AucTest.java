package io.tao4j.mantis.salience.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The AUC from the two classes sorted apart is the mid-rank Mann-Whitney value bit for bit (scikit-learn: MathVectorsTest). */
class AucTest {
    @Test
    void sortedClassesGiveTheMidRankValueBitForBit() {
        SplittableRandom r = new SplittableRandom(9);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 2 + r.nextInt(300);
            int levels = 1 + r.nextInt(trial % 3 == 0 ? 4 : 1000); // few levels: long tie runs
            byte[] y = new byte[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = (byte) (r.nextDouble() < 0.3 ? 1 : 0);
                int lv = r.nextInt(levels);
                s[i] = lv == 0 ? (r.nextBoolean() ? 0.0 : -0.0) : (lv - levels / 2) * 0.37;
            }
            int from = r.nextInt(n / 2 + 1), to = from + r.nextInt(n - from + 1);
            double want = Auc.byMidRanks(y, s, from, to);
            double got = Auc.rocAuc(y, s, from, to);
            assertThat(Double.doubleToLongBits(got)).as("trial %d: %s vs %s", trial, got, want)
                    .isEqualTo(Double.doubleToLongBits(want));
        }
    }

    @Test
    void nanScoresTakeTheMidRankPathAndAMissingClassIsNaN() {
        byte[] y = {1, 0, 1, 0};
        double[] s = {0.2, Double.NaN, 0.1, 0.3};
        assertThat(Auc.rocAuc(y, s)).isEqualTo(Auc.byMidRanks(y, s, 0, 4));
        assertThat(Auc.rocAuc(new byte[] {1, 1}, new double[] {0.1, 0.2})).isNaN();
        assertThat(Auc.rocAuc(new byte[] {0, 1, 0}, new double[] {0.1, 0.5, 0.9})).isEqualTo(0.5);
        assertThat(Auc.rocAuc(new byte[] {0, 1, 1}, new double[] {0.1, 0.5, 0.5})).isEqualTo(1.0);
    }
}
