package io.tao4j.mantis.ledger;

import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code appendSteps} (a bulk load in one transaction) writes exactly what as many {@code appendStep} calls write. */
class LedgerAppendStepsTest {
    static List<Ledger.Step> steps(int n) {
        SplittableRandom r = new SplittableRandom(3);
        List<Ledger.Step> out = new ArrayList<>();
        double[] logP = new double[Protocol.BCFF57B.priceKeys().size()];
        for (int t = 0; t < n; t++) {
            Map<String, Double> prices = new LinkedHashMap<>();
            for (int a = 0; a < logP.length; a++) {
                logP[a] += 0.01 * (r.nextDouble() - 0.5) + (r.nextInt(300) == 0 ? 0.05 : 0);
                prices.put(Protocol.BCFF57B.priceKeys().get(a), 100 * Math.exp(logP[a]));
            }
            prices.put("ETHHITFIRST", prices.get("ETH"));
            Map<String, Double> funding = new LinkedHashMap<>();
            for (String f : Protocol.BCFF57B.fundingAssets()) {
                funding.put(f, 1e-4 * (r.nextDouble() - 0.3));
            }
            out.add(new Ledger.Step(-5L * (n - t), prices, funding, t % 7 == 0 ? Map.of("hk", new byte[]{(byte) t}) : Map.of()));
        }
        return out;
    }

    static String dump(Path file) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String q : List.of("SELECT idx, block FROM blocks ORDER BY idx",
                    "SELECT ticker, sidx, price, price_data FROM challenge_data ORDER BY ticker, sidx",
                    "SELECT ts, hotkey, hex(payload) FROM raw_payloads ORDER BY ts, hotkey",
                    "SELECT asset, state_json FROM breakout_state ORDER BY asset",
                    "SELECT asset, sidx, price FROM breakout_prices ORDER BY asset, sidx")) {
                try (ResultSet rs = s.executeQuery(q)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            b.append(rs.getString(i)).append('|');
                        }
                        b.append('\n');
                    }
                }
            }
        }
        return b.toString();
    }

    @Test
    void aBulkLoadWritesWhatStepByStepAppendsWrite(@TempDir Path dir) throws Exception {
        List<Ledger.Step> steps = steps(3000); // long enough for the breakout trackers to trigger
        Path one = dir.resolve("one.db");
        Path bulk = dir.resolve("bulk.db");
        try (Ledger l = Ledger.open(one, Protocol.BCFF57B)) {
            for (Ledger.Step s : steps) {
                l.appendStep(s.block(), s.prices(), s.fundingRates(), s.payloads());
            }
        }
        try (Ledger l = Ledger.open(bulk, Protocol.BCFF57B)) {
            assertThat(l.appendSteps(steps.subList(0, 1000))).isZero();
            assertThat(l.appendSteps(steps.subList(1000, 3000))).isEqualTo(1000);
            assertThat(l.blockCount()).isEqualTo(3000);
            assertThat(l.breakoutTrackers().values().stream().mapToInt(t -> t.completed().size()).sum()).isPositive();
        }
        assertThat(dump(bulk)).isEqualTo(dump(one));
    }
}
