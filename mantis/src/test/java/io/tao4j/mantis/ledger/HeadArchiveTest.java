package io.tao4j.mantis.ledger;

import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A HEAD {@code datalog.db} imported into tao4j's compact ledger gives the reference's training data, takes much
 * less space, and exports back to the same rows byte for byte.
 */
class HeadArchiveTest {
    @Test
    void importReadsTheWholeArchiveAndExportGivesItBack(@TempDir Path dir) throws Exception {
        Path head = HeadTrainingDataParityTest.headLedger();
        Path ledger = dir.resolve("ledger.db");
        LedgerArchive.ImportResult r = LedgerArchive.importArchive(head, ledger, Protocol.BCFF57B, LedgerArchive.Progress.NONE);
        assertThat(r.format()).isEqualTo(LedgerArchive.Format.SQLITE);
        assertThat(r.skippedUnknownTicker()).isZero();
        assertThat(r.droppedMalformedEmbeddings()).isZero();
        assertThat(r.blocks()).isEqualTo(8640);
        // the training data read from the compact ledger is the reference's, breakout Phase 1 included
        HeadTrainingDataParityTest.matchesTheReference(ledger, HeadTrainingDataParityTest.expected());
        try (Ledger l = Ledger.open(ledger, Protocol.BCFF57B)) {
            assertThat(l.breakoutTrackers()).hasSize(33);
            assertThat(l.breakoutTrackers().values().stream().mapToInt(t -> t.completed().size()).sum()).isEqualTo(30);
        }
        Path out = dir.resolve("export.db");
        LedgerArchive.export(ledger, out, Protocol.BCFF57B);
        try (Connection a = DriverManager.getConnection("jdbc:sqlite:" + head);
             Connection b = DriverManager.getConnection("jdbc:sqlite:" + out)) {
            for (String q : new String[]{
                    "SELECT ticker, sidx, price, price_data, hotkeys, embeddings, typeof(price), typeof(embeddings) FROM challenge_data ORDER BY ticker, sidx",
                    "SELECT idx, block FROM blocks ORDER BY idx",
                    "SELECT asset, state_json FROM breakout_state ORDER BY asset"}) {
                try (ResultSet x = a.createStatement().executeQuery(q); ResultSet y = b.createStatement().executeQuery(q)) {
                    int cols = x.getMetaData().getColumnCount();
                    long n = 0;
                    while (x.next()) {
                        assertThat(y.next()).as(q + " row " + n).isTrue();
                        for (int i = 1; i <= cols; i++) {
                            Object u = x.getObject(i);
                            Object v = y.getObject(i);
                            if (u instanceof byte[] ub) {
                                assertThat(Arrays.equals(ub, (byte[]) v)).as(q + " row " + n + " col " + i).isTrue();
                            } else {
                                assertThat(v).as(q + " row " + n + " col " + i).isEqualTo(u);
                            }
                        }
                        n++;
                    }
                    assertThat(y.next()).as(q + ": extra rows").isFalse();
                }
            }
            try (ResultSet rs = b.createStatement().executeQuery("PRAGMA table_info(challenge_data)")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                assertThat(n).isEqualTo(6);
            }
        }
        long upstream = Files.size(head);
        long ours = Files.size(ledger);
        System.out.printf("HEAD datalog %d bytes, tao4j ledger %d bytes (%.1f %%), export %d bytes%n", upstream, ours,
                100.0 * ours / upstream, Files.size(out));
        assertThat(ours).isLessThan(upstream);
    }

    @Test
    void aMalformedCellIsNamedAndNothingIsImported(@TempDir Path dir) throws Exception {
        Path head = dir.resolve("bad.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + head)) {
            c.createStatement().executeUpdate("CREATE TABLE blocks (idx INTEGER PRIMARY KEY, block INTEGER NOT NULL)");
            c.createStatement().executeUpdate("CREATE TABLE challenge_data (ticker TEXT NOT NULL, sidx INTEGER NOT NULL, price REAL,"
                    + " price_data TEXT, hotkeys TEXT, embeddings BLOB, PRIMARY KEY (ticker, sidx))");
            c.createStatement().executeUpdate("CREATE TABLE breakout_state (asset TEXT PRIMARY KEY, state_json TEXT NOT NULL)");
            c.createStatement().executeUpdate("INSERT INTO blocks VALUES (0, 1000)");
            c.createStatement().executeUpdate("INSERT INTO challenge_data VALUES ('MULTIXSEC', 200, NULL, '{\"BTC\": 1.0}', '[]', X'')");
            c.createStatement().executeUpdate("INSERT INTO breakout_state VALUES ('BTC', '{\"ticker\": \"BTC\"}')");
            c.createStatement().executeUpdate("INSERT INTO breakout_state VALUES ('ETH', X'01')");
        }
        Path ledger = dir.resolve("l.db");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LedgerArchive.importArchive(head, ledger, Protocol.BCFF57B,
                        LedgerArchive.Progress.NONE))
                .isInstanceOf(DatalogReader.LedgerException.class)
                .hasMessageContaining("breakout_state.state_json holds blob").hasMessageContaining("nothing was imported");
        Path bad2 = dir.resolve("bad2.db");
        Files.copy(head, bad2);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bad2)) {
            c.createStatement().executeUpdate("UPDATE breakout_state SET state_json = '[1, 2]' WHERE asset = 'ETH'");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LedgerArchive.importArchive(bad2, dir.resolve("l2.db"),
                        Protocol.BCFF57B, LedgerArchive.Progress.NONE))
                .isInstanceOf(DatalogReader.LedgerException.class)
                .hasMessageContaining("breakout_state of ETH").hasMessageContaining("nothing was imported");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledger);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM challenge_data")) {
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
