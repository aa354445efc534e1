package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.MantisConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A ledger import killed with kill -9 leaves a hot rollback journal; {@code stats} (and every other read-only
 * reader) rolls it back instead of failing with {@code SQLITE_READONLY_ROLLBACK}.
 */
class HotJournalTest {

    static boolean hot(Path journal) {
        try (InputStream in = Files.newInputStream(journal)) {
            // SQLite writes the journal's magic only when it syncs the journal, before it overwrites database pages
            return in.read() > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Child process: imports args[0] into args[1] and stops (sleeps) once the journal is hot, to be killed. */
    public static void main(String[] args) throws Exception {
        Path ledger = Path.of(args[1]);
        Path journal = Path.of(args[1] + "-journal");
        LedgerArchive.importArchive(Path.of(args[0]), ledger, MantisConfig.CHALLENGES, (phase, done, total) -> {
            if (phase.equals("challenge_data") && hot(journal)) {
                System.out.println("HOT " + done);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        System.out.println("DONE");
    }

    /** Runs the child on {@code source} and kills it (kill -9) once its import's journal is hot. */
    static void importKilledMidway(Path source, Path ledger) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HotJournalTest.class.getName(),
                source.toString(), ledger.toString()).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String last = null;
            while ((line = r.readLine()) != null && !line.startsWith("HOT") && !line.equals("DONE")) {
                last = line;
            }
            assertThat(line).as("the child's import reached a hot journal (last output: " + last + ")").startsWith("HOT");
            p.destroyForcibly(); // kill -9
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    /** A datalog.db of 1 500 blocks of 32-wide vectors in {@code dir}, big enough that an import spills pages. */
    private static Path bigDatalog(Path dir) throws Exception {
        Path pickle = dir.resolve("big.pkl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DatalogPickleWriter.write(new PickleContents.Generated(1500, 32), out);
        Files.write(pickle, out.toByteArray());
        Path source = dir.resolve("datalog.db");
        LedgerArchive.importArchive(pickle, source, MantisConfig.CHALLENGES, LedgerArchive.Progress.NONE);
        return source;
    }

    @Test
    void statsAfterAnImportKilledMidwayRollsTheJournalBack(@TempDir Path dir) throws Exception {
        // a datalog.db big enough that the import spills pages (~12 000 rows of 32 vectors)
        Path source = bigDatalog(dir);

        Path ledger = dir.resolve("ledger.db");
        Path journal = dir.resolve("ledger.db-journal");
        importKilledMidway(source, ledger);
        assertThat(journal).exists();
        assertThat(hot(journal)).isTrue();
        // what every read-only reader met before: SQLite refuses to read the file read-only
        org.sqlite.SQLiteConfig ro = new org.sqlite.SQLiteConfig();
        ro.setReadOnly(true);
        try (Connection c = ro.createConnection("jdbc:sqlite:" + ledger.toAbsolutePath())) {
            assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT COUNT(*) FROM blocks").close())
                    .hasMessageContaining("SQLITE_READONLY_ROLLBACK");
        }

        LedgerStats st = LedgerStats.of(ledger);
        assertThat(st.blocks()).as("the killed import's transaction is rolled back").isZero();
        assertThat(st.tickers()).isEmpty();
        assertThat(journal).doesNotExist();
        // and the ledger takes the import again
        LedgerArchive.ImportResult r = LedgerArchive.importArchive(source, ledger, MantisConfig.CHALLENGES,
                LedgerArchive.Progress.NONE);
        assertThat(r.blocks()).isEqualTo(1500);
        assertThat(LedgerStats.of(ledger).blocks()).isEqualTo(1500);
    }

    @Test
    void aHotJournalThatCannotBeRolledBackSaysWhatToRun(@TempDir Path dir) throws Exception {
        Path probe = Files.createDirectory(dir.resolve("probe"));
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean root = Files.isWritable(probe);
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
        assumeFalse(root, "running as root: every directory is writable");
        Path source = bigDatalog(dir);
        Path sub = Files.createDirectory(dir.resolve("ro"));
        Path ledger = sub.resolve("ledger.db");
        importKilledMidway(source, ledger);
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> LedgerStats.of(ledger)).isInstanceOf(DatalogReader.LedgerException.class)
                    .hasMessageContaining("unfinished write").hasMessageContaining("sqlite3 '" + ledger + "'");
        } finally {
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
