package io.tao4j.mantis.ledger;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared harness of the ledger crash tests: a child JVM appends steps until it is killed with -9. */
final class KillDashNine {
    private KillDashNine() {
    }

    /**
     * Starts {@code child}'s {@code main(db)} in a fresh JVM, waits (up to two minutes) until the ledger at
     * {@code db} holds at least {@code steps} blocks, asserts that it does, then kills the child forcibly.
     */
    static void runChildUntil(Class<?> child, Path db, long steps) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), child.getName(), db.toString())
                .redirectErrorStream(true).redirectOutput(File.createTempFile(child.getSimpleName(), ".log")).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long written = 0;
            while (written < steps && System.nanoTime() < deadline) {
                Thread.sleep(200);
                if (Files.exists(db)) {
                    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
                         var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM blocks")) {
                        written = rs.next() ? rs.getLong(1) : 0;
                    } catch (SQLException busy) {
                        // the schema is not there yet, or the writer holds a lock at this instant: poll again
                    }
                }
            }
            assertThat(written).as("the child wrote steps").isGreaterThanOrEqualTo(steps);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SQLite's own integrity check of the database file passes. */
    static void assertIntegrity(Path db) throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }
}
