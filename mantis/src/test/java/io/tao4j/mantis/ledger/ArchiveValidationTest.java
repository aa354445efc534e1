package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.MantisConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A corrupt archive is refused whole: every column's storage class and range is checked at import, so a
 * {@code blocks} row holding text or 1e300 cannot become block 0 or {@code Long.MAX_VALUE} (which would make a
 * validator skip every block at or below it).
 */
class ArchiveValidationTest {
    static final Path RES = LedgerArchiveTest.RES;

    /** Imports a copy of the committed datalog.db after {@code sql}; expects a named error and an empty ledger. */
    static void refused(Path dir, String sql, String... messageParts) throws Exception {
        Path archive = dir.resolve("datalog-" + Integer.toHexString(sql.hashCode()) + ".db");
        Files.copy(RES.resolve("datalog.db"), archive);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + archive.toAbsolutePath());
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).as(sql).isPositive();
        }
        Path ledger = dir.resolve(archive.getFileName() + ".ledger");
        var thrown = assertThatThrownBy(() -> LedgerArchive.importArchive(archive, ledger, MantisConfig.CHALLENGES,
                LedgerArchive.Progress.NONE)).as(sql).isInstanceOf(DatalogReader.LedgerException.class);
        for (String p : messageParts) {
            thrown.hasMessageContaining(p);
        }
        LedgerStats st = LedgerStats.of(ledger);
        assertThat(st.blocks()).as("nothing imported after " + sql).isZero();
        assertThat(st.tickers()).isEmpty();
        assertThat(st.rawPayloads()).isZero();
        assertThat(st.drandRounds()).isZero();
    }

    @Test
    void blocksOfTheWrongTypeOrRangeAreRefused(@TempDir Path dir) throws Exception {
        refused(dir, "UPDATE blocks SET block = 'soon' WHERE idx = 39", "blocks.block holds text 'soon'", "datalog-");
        refused(dir, "UPDATE blocks SET block = 1e300 WHERE idx = 39", "blocks.block holds real");
        refused(dir, "UPDATE blocks SET block = 9223372036854775807 WHERE idx = 39", "block 9223372036854775807",
                "LedgerArchive.MAX_BLOCK");
        refused(dir, "UPDATE blocks SET block = -9223372036854775808 WHERE idx = 39", "block -9223372036854775808");
        refused(dir, "UPDATE blocks SET idx = 1099511627776 WHERE idx = 39", "idx 1099511627776"); // a rowid: always an integer
        refused(dir, "UPDATE blocks SET block = X'0102' WHERE idx = 0", "blocks.block holds blob");
    }

    @Test
    void otherColumnsOfTheWrongTypeOrRangeAreRefused(@TempDir Path dir) throws Exception {
        refused(dir, "UPDATE challenge_data SET price = 'cheap' WHERE ticker = 'ETH' AND price IS NOT NULL",
                "challenge_data.price holds text 'cheap'");
        String firstEth = " WHERE ticker = 'ETH' AND sidx = (SELECT MIN(sidx) FROM challenge_data WHERE ticker = 'ETH')";
        refused(dir, "UPDATE challenge_data SET sidx = 2.5" + firstEth, "challenge_data.sidx holds real '2.5'");
        refused(dir, "UPDATE challenge_data SET sidx = 1e300" + firstEth, "challenge_data.sidx holds real");
        refused(dir, "UPDATE challenge_data SET sidx = sidx + 10000000000000 WHERE ticker = 'ETH'", "sample index");
        refused(dir, "UPDATE challenge_data SET ticker = X'07' WHERE ticker = 'ETH'", "challenge_data.ticker holds blob");
        refused(dir, "UPDATE challenge_data SET embeddings = 'vec' WHERE ticker = 'ETH'", "challenge_data.embeddings holds text");
        refused(dir, "UPDATE challenge_data SET hotkeys = X'00' WHERE ticker = 'ETH'", "challenge_data.hotkeys holds blob");
        refused(dir, "UPDATE raw_payloads SET ts = 'now'", "raw_payloads.ts holds text");
        refused(dir, "UPDATE raw_payloads SET ts = -1", "raw_payloads row: step -1");
        refused(dir, "UPDATE raw_payloads SET payload = 'p'", "raw_payloads.payload holds text");
        refused(dir, "UPDATE drand_cache SET signature = 'sig'", "drand_cache.signature holds text");
        refused(dir, "UPDATE drand_cache SET round = -5", "round -5", "LedgerArchive.MAX_DRAND_ROUND");
    }

    @Test
    void theCommittedDatalogStillImports(@TempDir Path dir) {
        LedgerArchive.ImportResult r = LedgerArchive.importArchive(RES.resolve("datalog.db"), dir.resolve("l.db"),
                MantisConfig.CHALLENGES, LedgerArchive.Progress.NONE);
        assertThat(r.blocks()).isEqualTo(40);
        assertThat(LedgerStats.of(dir.resolve("l.db")).lastBlock()).isEqualTo(LedgerArchiveTest.BASE + 5 * 39);
    }

    @Test
    void aPickledDatalogWithABlockBeyondTheRangeIsRefused(@TempDir Path dir) throws Exception {
        for (long bad : new long[]{LedgerArchive.MAX_BLOCK + 1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            PickleContents.Datalog d = new PickleContents.Datalog(List.of(7_000_000L, bad), List.of(), new LinkedHashMap<>(),
                    Map.of(), "ledger", "pk");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DatalogPickleWriter.write(d, out);
            Path archive = dir.resolve("range-" + Long.toHexString(bad) + ".pkl");
            Files.write(archive, out.toByteArray());
            Path ledger = dir.resolve(archive.getFileName() + ".db");
            assertThatThrownBy(() -> LedgerArchive.importArchive(archive, ledger, MantisConfig.CHALLENGES,
                    LedgerArchive.Progress.NONE)).isInstanceOf(DatalogReader.LedgerException.class)
                    .hasMessageContaining("block " + bad).hasMessageContaining("LedgerArchive.MAX_BLOCK");
            assertThat(LedgerStats.of(ledger).blocks()).isZero();
        }
    }
}
