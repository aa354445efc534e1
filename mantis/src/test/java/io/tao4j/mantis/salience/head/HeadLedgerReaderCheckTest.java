package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.DatalogReader;
import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Opt-in (the ledger is 450 MB, not committed): {@code -Dmantis.headLedger=/tmp/d21s1.db
 * -Dmantis.headDump=<training.bin.gz of that ledger>} checks that tao4j's {@link DatalogReader} builds, from a HEAD
 * ledger, the same training data of the 8 original challenges as the reference's ledger code (hotkeys, rows, X, y,
 * prices, bit for bit).
 */
@EnabledIfSystemProperty(named = "mantis.headLedger", matches = ".+")
class HeadLedgerReaderCheckTest {
    @Test
    void readerMatchesTheReferenceTrainingData() throws Exception {
        TrainingData td = DatalogReader.read(Path.of(System.getProperty("mantis.headLedger")), MantisConfig.CHALLENGES,
                OptionalLong.empty());
        Map<String, ChallengeSeries> want;
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("mantis.headDump")))) {
            want = HeadParityData.read(in);
        }
        for (Map.Entry<String, ChallengeSeries> e : want.entrySet()) {
            ChallengeSeries w = e.getValue();
            ChallengeSeries g = td.series(e.getKey()).orElseThrow();
            assertEquals(w.hotkeys(), g.hotkeys(), e.getKey() + " hotkeys");
            assertEquals(w.rows(), g.rows(), e.getKey() + " rows");
            for (int h = 0; h < w.hotkeyCount(); h++) assertArrayEquals(w.embedding(h), g.embedding(h), e.getKey() + " X of " + h);
            if (w.returns() != null) assertArrayEquals(w.returns(), g.returns(), e.getKey() + " y");
            else assertArrayEquals(w.prices(), g.prices(), e.getKey() + " prices");
        }
    }
}
