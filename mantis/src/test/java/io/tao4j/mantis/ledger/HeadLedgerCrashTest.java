package io.tao4j.mantis.ledger;

import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
        KillDashNine.runChildUntil(HeadLedgerCrashTest.class, db, 40);
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
        KillDashNine.assertIntegrity(db);
    }
}
