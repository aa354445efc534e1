package io.tao4j.mantis.salience;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticDataTest {
    @Test
    void halfSeriesAreTheFloatSeriesRoundedToFloat16() {
        List<String> roles = SyntheticData.roles(12);
        for (MantisChallenge ch : MantisConfig.CHALLENGES) {
            ChallengeSeries want = SyntheticData.generateSeries(7, 3000, roles, ch).toHalf();
            ChallengeSeries got = SyntheticData.generateHalfSeries(7, 3000, roles, ch);
            assertThat(got.hotkeys()).isEqualTo(want.hotkeys());
            assertThat(got.rows()).isEqualTo(want.rows());
            assertThat(SyntheticData.digest(got)).as(ch.ticker()).isEqualTo(SyntheticData.digest(want));
            assertThat(got.prices() == null).isEqualTo(want.prices() == null);
        }
    }
}
