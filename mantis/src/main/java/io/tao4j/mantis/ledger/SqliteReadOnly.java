package io.tao4j.mantis.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Read-only connections to a ledger or {@code datalog.db} that a writer killed mid-transaction (kill -9, power
 * loss) may have left with a hot rollback journal ({@code <db>-journal}, e.g. an interrupted import) or an
 * unrecovered WAL. SQLite refuses to read such a file read-only ({@code SQLITE_READONLY_ROLLBACK} /
 * {@code SQLITE_READONLY_RECOVERY}) because only a writer may roll the journal back. When that happens the file is
 * opened read-write once, briefly — which is exactly what any SQLite writer does first: the interrupted
 * transaction is rolled back and nothing else changes — and the read-only open is retried. If the file or its
 * directory is not writable, the error says what to run.
 */
final class SqliteReadOnly {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteReadOnly.class);

    private SqliteReadOnly() {}

    /** A read-only connection to {@code db} whose schema could be read. */
    static Connection open(Path db) throws SQLException {
        try {
            return tryOpen(db);
        } catch (SQLException e) {
            if (!needsRecovery(e)) {
                throw e;
            }
            recover(db, e);
            return tryOpen(db);
        }
    }

    private static Connection tryOpen(Path db) throws SQLException {
        org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
        cfg.setReadOnly(true);
        Connection c = cfg.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            s.executeQuery("SELECT COUNT(*) FROM sqlite_master").close(); // reading is what meets a hot journal
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    static boolean needsRecovery(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_READONLY_ROLLBACK") || m.contains("SQLITE_READONLY_RECOVERY");
    }

    /** Opens {@code db} read-write and reads it, so SQLite rolls back the hot journal (or recovers the WAL). */
    private static void recover(Path db, SQLException cause) {
        Path dir = db.toAbsolutePath().getParent();
        String what = db + " holds an unfinished write (a rollback journal " + db.getFileName()
                + "-journal or a write-ahead log left by a process killed while writing)";
        if (!Files.isWritable(db) || (dir != null && !Files.isWritable(dir))) {
            throw new DatalogReader.LedgerException(what + "; rolling it back needs write access to the file and its"
                    + " directory: run `sqlite3 '" + db + "' 'PRAGMA quick_check'` as a user who can write them"
                    + " (opening it read-write rolls the unfinished write back), then retry", cause);
        }
        LOG.info("{}: rolling the unfinished write back before reading", what);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            s.executeQuery("SELECT COUNT(*) FROM sqlite_master").close();
        } catch (SQLException e) {
            throw new DatalogReader.LedgerException(what + " and rolling it back failed: " + e.getMessage()
                    + "; run `sqlite3 '" + db + "' 'PRAGMA quick_check'` as a user who can write it, then retry", e);
        }
    }
}
