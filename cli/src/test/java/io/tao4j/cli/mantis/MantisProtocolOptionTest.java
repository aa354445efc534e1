package io.tao4j.cli.mantis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every MANTIS command that scores, validates, collects or mines takes {@code --protocol}; a bad value is one error line. */
class MantisProtocolOptionTest {
    @TempDir
    Path dir;

    @Test
    void aBadProtocolIsOneErrorLineSayingWhatToType() {
        String db = dir.resolve("l.db").toString();
        List<String[]> commands = List.of(
                new String[] {"mantis", "salience", "--ledger", db},
                new String[] {"mantis", "bench-salience", "--hotkeys", "2", "--days", "1"},
                new String[] {"mantis", "ledger", "import", "--ledger", db, "--archive", dir.resolve("a.db").toString()},
                new String[] {"mantis", "ledger", "stats", "--ledger", db},
                new String[] {"mantis", "ledger", "export", "--ledger", db, "--out", dir.resolve("o.db").toString()},
                new String[] {"mantis", "embeddings", "--price-history-file", dir.resolve("h.json").toString()},
                new String[] {"mantis", "miner"},
                new String[] {"mantis", "validator", "--ledger", db},
                new String[] {"demo", "--duration", "1"});
        for (String[] c : commands) {
            String[] args = java.util.Arrays.copyOf(c, c.length + 2);
            args[c.length] = "--protocol";
            args[c.length + 1] = "1234567";
            MantisSalienceCommandTest.Run r = new MantisSalienceCommandTest.Run(args);
            assertThat(r.code).as(String.join(" ", c) + ": " + r.err).isEqualTo(2);
            assertThat(r.err).as(String.join(" ", c)).contains("--protocol").contains("unknown MANTIS protocol '1234567'")
                    .contains("bcff57b").contains("2e9bc5b");
            assertThat(r.err.strip().lines().count()).as(r.err).isEqualTo(1);
        }
    }

    @Test
    void salienceUnderBcff57bSaysWhatItCannotScoreAndUsesItsWeights() throws Exception {
        Path db = new MantisSalienceCommandTest() {
            {
                dir = MantisProtocolOptionTest.this.dir;
            }
        }.ledger(9000);
        MantisSalienceCommandTest.Run head = new MantisSalienceCommandTest.Run("mantis", "salience", "--ledger", db.toString(), "--json");
        assertThat(head.code).as(head.err).isZero();
        // the HEAD engine; a warning names the multi-asset kinds still without a scorer (none once all are registered)
        List<String> unregistered = io.tao4j.mantis.protocol.Protocol.BCFF57B.challenges().stream()
                .filter(c -> !new io.tao4j.mantis.salience.head.HeadSalienceEngine(
                        io.tao4j.mantis.protocol.Protocol.BCFF57B, 1).hasScorer(c))
                .map(io.tao4j.mantis.protocol.Challenge::ticker).toList();
        if (unregistered.isEmpty()) {
            assertThat(head.err).doesNotContain("warning");
        } else {
            assertThat(head.err).contains("warning: MANTIS protocol bcff57b").contains("no scorer yet for " + unregistered);
        }
        assertThat(head.out).contains("\"empty_challenges\"");
        MantisSalienceCommandTest.Run old = new MantisSalienceCommandTest.Run("mantis", "salience", "--ledger", db.toString(), "--json",
                "--protocol", "2e9bc5b");
        assertThat(old.code).as(old.err).isZero();
        assertThat(old.err).doesNotContain("warning");
        assertThat(old.out).contains("\"ETH\"");
    }
}
