package io.tao4j.mantis.validator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.protocol.Protocol;

import java.util.List;
import java.util.Map;

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

    @Test
    void livesInTheLedgersFileBesideItsSavedWeightsWithoutBreakingTheLedgersWrites() {
        Path f = dir.resolve("ledger.db");
        try (Ledger ledger = Ledger.open(f, Protocol.BCFF57B); EmaState s = EmaState.open(ledger)) {
            ledger.appendStep(5, Map.of("ETH", 3000.0), Map.of(), Map.of());
            ledger.saveWeights(new Ledger.SavedWeights(5, List.of(0, 1), List.of(0.5, 0.5)));
            assertThat(ledger.lastBlock()).hasValue(5); // a read: the ledger's connection holds a snapshot
            s.save(new EmaState.Saved(1000, List.of(0, 1), List.of("a", "b"), new float[] {0.4f, 0.6f}));
            ledger.appendStep(10, Map.of("ETH", 3001.0), Map.of(), Map.of()); // a second connection's commit broke this
            assertThat(s.load().orElseThrow().block()).isEqualTo(1000);
            assertThat(ledger.latestWeights().orElseThrow().block()).isEqualTo(5);
        }
        try (Ledger ledger = Ledger.open(f, Protocol.BCFF57B); EmaState s = EmaState.open(ledger)) {
            assertThat(s.load().orElseThrow().hotkeys()).containsExactly("a", "b");
            assertThat(ledger.lastBlock()).hasValue(10);
        }
    }
}
