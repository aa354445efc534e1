package io.tao4j.mantis.ledger;

import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A bcff57b ledger killed with -9 mid-append reopens with every committed step whole, trackers included. */
class HeadLedgerCrashTest {
    /** Child process: appends bcff57b steps (prices for every breakout asset) as fast as it can until killed. */
    public static void main(String[] args) {
        try (Ledger l = Ledger.open(Path.of(args[0]), Protocol.BCFF57B)) {
            Map<String, Double> prices = new HashMap<>();
            for (long b = 0; ; b += 5) {
                for (String a : Protocol.BREAKOUT_ASSETS) {
                    prices.put(a, 100.0 + (b % 50));
                }
                l.appendStep(7_000_000 + b, prices, Map.of("BTC", 1e-5), Map.of("hk", new byte[512]));
            }
        }
    }

    @Test
    void killDashNineKeepsStepsAndTrackerHistoriesInStep(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("ledger.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HeadLedgerCrashTest.class.getName(),
                db.toString()).redirectErrorStream(true).redirectOutput(File.createTempFile("head-ledger", ".log")).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long steps = 0;
            while (steps < 40 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                if (Files.exists(db)) {
                    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
                         var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM blocks")) {
                        steps = rs.next() ? rs.getLong(1) : 0;
                    } catch (SQLException busy) {
                        // not created yet, or locked at this instant
                    }
                }
            }
            assertThat(steps).as("the child wrote steps").isGreaterThanOrEqualTo(40);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        try (Ledger l = Ledger.open(db, Protocol.BCFF57B)) {
            long n = l.blockCount();
            assertThat(l.lastBlock()).hasValue(7_000_000 + (n - 1) * 5);
            assertThat(l.pendingCount()).isEqualTo(n);
            for (RangeBreakoutTracker t : l.breakoutTrackers().values()) {
                assertThat(t.historySize()).as(t.ticker()).isEqualTo(n);
            }
            HeadTrainingData d = l.trainingData(0, null);
            assertThat(d.tickers()).isEmpty(); // prices only, nobody submitted
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }
}
