package io.tao4j.mantis.validator;

import io.tao4j.mantis.collect.PayloadCollector;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.salience.MantisConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MantisValidator#run}: polling the block clock, retrying failures, stopping, and the listener's view. */
class MantisValidatorRunTest {

    /** Answers the queued blocks (a null entry throws, as a lost connection), then repeats the last one. */
    static final class ScriptedClock implements BlockClock {
        final Deque<Long> blocks;
        long last;
        int failures;

        ScriptedClock(Long... blocks) {
            this.blocks = new ArrayDeque<>();
            for (Long b : blocks) {
                this.blocks.add(b == null ? -1L : b);
            }
        }

        @Override
        public long currentBlock() {
            Long b = blocks.poll();
            if (b == null) {
                return last;
            }
            if (b == -1L) {
                failures++;
                throw new IllegalStateException("connection lost");
            }
            last = b;
            return b;
        }
    }

    static MantisValidator validator(Ledger ledger, BlockClock clock, long maxSteps, MantisValidator.Listener listener) {
        MantisValidatorTest.FakeChain chain = new MantisValidatorTest.FakeChain();
        return new MantisValidator(chain, MantisValidatorTest.ethOnly(), MantisValidatorTest::collect, ledger,
                (l, b) -> MantisValidatorTest.NOTHING, MantisValidatorTest::salienceFavouringB, MantisConfig.CHALLENGES, false)
                .clock(clock).pacing(new MantisValidator.Pacing(Duration.ofMillis(1), Duration.ofMillis(1), maxSteps)).listener(listener);
    }

    @Test
    void runStepsAtEachNewSampledBlockRetriesAFailedReadAndStopsAfterMaxSteps(@TempDir Path dir) {
        List<Long> collectedAt = new ArrayList<>();
        List<Long> decryptedAt = new ArrayList<>();
        MantisValidator.Listener listener = new MantisValidator.Listener() {
            @Override
            public void collected(long block, Map<String, PayloadCollector.Result> results) {
                assertThat(results).hasSize(4);
                collectedAt.add(block);
            }

            @Override
            public void decrypted(long block, Decryptor.Report report, long pending) {
                decryptedAt.add(block);
            }
        };
        ScriptedClock clock = new ScriptedClock(4L, 5L, 5L, null, 6L, 10L, 15L, 20L);
        try (Ledger ledger = Ledger.open(dir.resolve("l.db"), MantisConfig.CHALLENGES);
             MantisValidator v = validator(ledger, clock, 2, listener)) {
            MantisValidator.Stats s = v.run(() -> false);
            assertThat(s.steps()).isEqualTo(2);
            assertThat(collectedAt).containsExactly(5L, 10L);
            assertThat(decryptedAt).containsExactly(5L, 10L);
            assertThat(clock.failures).isEqualTo(1);
            assertThat(ledger.lastBlock()).hasValue(10);
        }
    }

    @Test
    void runReturnsWhenStopped(@TempDir Path dir) {
        ScriptedClock clock = new ScriptedClock(5L, 10L, 15L);
        try (Ledger ledger = Ledger.open(dir.resolve("l.db"), MantisConfig.CHALLENGES);
             MantisValidator v = validator(ledger, clock, 0, MantisValidator.Listener.NONE)) {
            MantisValidator.Stats s = v.run(() -> ledger.lastBlock().isPresent());
            assertThat(s.steps()).isEqualTo(1);
            assertThat(ledger.lastBlock()).hasValue(5);
        }
    }

    @Test
    void aValidatorWithoutAClockCannotRun(@TempDir Path dir) {
        try (Ledger ledger = Ledger.open(dir.resolve("l.db"), MantisConfig.CHALLENGES);
             MantisValidator v = new MantisValidator(new MantisValidatorTest.FakeChain(), MantisValidatorTest.ethOnly(),
                     MantisValidatorTest::collect, ledger, (l, b) -> MantisValidatorTest.NOTHING,
                     MantisValidatorTest::salienceFavouringB, MantisConfig.CHALLENGES, false)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> v.run(() -> false))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("builder");
        }
    }

    @Test
    void theBuilderNamesWhatIsMissing(@TempDir Path dir) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MantisValidator.builder().ledger(dir.resolve("l.db")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("subtensor(..), signer(..) and ledger(..)");
        assertThat(dir.resolve("l.db")).as("nothing opened").doesNotExist();
    }
}
