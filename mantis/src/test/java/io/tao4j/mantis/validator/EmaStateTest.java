package io.tao4j.mantis.validator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmaStateTest {
    @TempDir
    Path dir;

    @Test
    void savedVectorSurvivesReopenAndIsReplaced() {
        Path f = dir.resolve("ledger.db");
        try (EmaState s = EmaState.open(f)) {
            assertThat(s.load()).isEmpty();
            s.save(new EmaState.Saved(1000, List.of(0, 1, 2), List.of("a", "b", "c"), new float[] {0.5f, 0.25f, 0.25f}));
        }
        try (EmaState s = EmaState.open(f)) {
            var got = s.load().orElseThrow();
            assertThat(got.block()).isEqualTo(1000);
            assertThat(got.uids()).containsExactly(0, 1, 2);
            assertThat(got.hotkeys()).containsExactly("a", "b", "c");
            assertThat(got.weights()).containsExactly(0.5f, 0.25f, 0.25f);
            s.save(new EmaState.Saved(2000, List.of(5), null, new float[] {1f}));
            var again = s.load().orElseThrow();
            assertThat(again.block()).isEqualTo(2000);
            assertThat(again.hotkeys()).isNull();
            assertThat(again.uids()).containsExactly(5);
        }
    }
}
