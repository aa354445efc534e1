package io.tao4j.cli.demo;

import io.tao4j.mantis.ledger.BreakoutSample;
import io.tao4j.mantis.ledger.HeadTrainingData;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.ledger.LedgerArchive;
import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.SalienceResult;
import io.tao4j.mantis.validator.HeadScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo's bcff57b history: two weeks written through the ledger, exported in the upstream layout, imported as the
 * validator imports it — with the rows every scorer needs (spec §6) — and scored by the HEAD engine.
 */
class DemoHeadHistoryTest {
    static final int DAYS = 14;

    @Test
    void twoWeeksCoverEveryChallengeAndTheBaselineEarnsTheMost(@TempDir Path dir) throws Exception {
        int steps = Integer.getInteger("hh.days", DAYS) * 1440;
        long t0 = System.nanoTime();
        DemoHistory.Result r = DemoHeadHistory.write(dir.resolve("datalog.db"), steps, DemoHistoryTest.MINERS, Protocol.BCFF57B, 7);
        System.out.printf("bcff57b demo history: %d steps in %.1f s, %.1f MB%n", steps, (System.nanoTime() - t0) / 1e9, r.bytes() / 1e6);
        assertThat(r.lastBlock()).isEqualTo(-5);
        assertThat(r.firstBlock()).isEqualTo(-5L * steps);
        assertThat(LedgerArchive.detect(r.file())).isEqualTo(LedgerArchive.Format.SQLITE);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + r.file()); Statement s = c.createStatement()) {
            // the upstream layout: hotkey lists inline, breakout_state with the trackers' completed breakouts
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(sidx) FROM challenge_data WHERE ticker = 'MULTIXSEC' "
                    + "AND price_data IS NOT NULL")) {
                assertThat(rs.getLong(1)).as("XSEC-RANK starts late, as on mainnet").isEqualTo(DemoHeadHistory.XSEC_STEPS);
                assertThat(rs.getLong(2)).isEqualTo(-DemoHeadHistory.XSEC_STEPS);
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(length(state_json)) FROM breakout_state")) {
                assertThat(rs.getLong(1)).isEqualTo(Protocol.BREAKOUT_ASSETS.size());
                assertThat(rs.getLong(2)).isGreaterThan(33L * 1000);
            }
        }

        Path ledger = dir.resolve("ledger.db");
        LedgerArchive.importArchive(r.file(), ledger, Protocol.BCFF57B, LedgerArchive.Progress.NONE);
        try (Ledger l = Ledger.open(ledger, Protocol.BCFF57B)) {
            assertThat(l.lastBlock()).hasValue(-5);
            Map<String, Long> first = l.firstSeen();
            assertThat(first.get("hkCopycat") - first.get("hkBaseline")).as("the copy-cat lags one time-lock delay").isEqualTo(300);
            HeadTrainingData d = l.trainingData(-5, null);
            // spec §6: XSEC-RANK needs > 16 060 rows, FUNDING-XSEC > 16 480; TRADE-MIX leaves warm-up after 12 days
            for (String t : List.of("MULTIXSEC", "FUNDINGXSEC", "TRADEMIX")) {
                MultiAssetSeries m = d.multiAsset(t).orElseThrow();
                assertThat(m.sidx()).as(t).hasSize(t.equals("MULTIXSEC") ? DemoHeadHistory.XSEC_STEPS : steps);
                assertThat(m.hotkeys()).as(t).containsExactly("hkBaseline", "hkCopycat", "hkGarbage", "hkNoisy");
            }
            List<BreakoutSample> b = d.breakouts("MULTIBREAKOUT").orElseThrow();
            assertThat(b.stream().filter(x -> x.embeddings().size() >= 3)).as("completed breakouts with the miners' vectors")
                    .hasSizeGreaterThan(50);
            System.out.printf("breakouts: %d, %d of them frozen phase-1 samples from breakout_state%n", b.size(),
                    b.stream().filter(x -> x.triggerSidx() < -DemoHeadHistory.XSEC_STEPS).count());
            assertThat(b.stream().filter(x -> x.triggerSidx() < -DemoHeadHistory.XSEC_STEPS && !x.embeddings().isEmpty()))
                    .as("phase 1: breakouts before XSEC-RANK started, from breakout_state").isNotEmpty();
            for (Challenge c : Protocol.BCFF57B.challenges()) {
                if (!c.multiAsset()) {
                    assertThat(d.singleAsset().asMap().get(c.ticker()).rows()).as(c.ticker()).isGreaterThan(10 * 1440);
                }
            }
        }
        long t1 = System.nanoTime();
        SalienceResult s = new HeadScorer(ledger, Protocol.BCFF57B, Protocol.BCFF57B.challenges()).salience(-5, null);
        System.out.printf("HEAD salience in %.1f s: %s; per challenge %s%n", (System.nanoTime() - t1) / 1e9, s.total(), s.perChallenge().keySet());
        Map<String, Double> t = s.total();
        assertThat(t.get("hkBaseline")).as(t.toString()).isGreaterThan(t.getOrDefault("hkGarbage", 0.0))
                .isGreaterThan(t.getOrDefault("hkCopycat", 0.0));
        // every challenge but XSEC-RANK produces output from the bootstrap history alone; XSEC-RANK's 16 850 rows are
        // just past its 16 060-row minimum (one 550-row validation segment), and on this seed the reference's rule
        // gives {} — the live demo adds rows and DemoEndToEndTest checks that all 12 are scored there
        for (Challenge c : Protocol.BCFF57B.challenges()) {
            if (!c.ticker().equals("MULTIXSEC")) {
                assertThat(s.perChallenge()).as("enough history to be scored").containsKey(c.ticker());
            }
        }
        // the baseline's funding forecaster beats the random model (hkGarbage) here too; with the copy-cat and the noisy
        // mix splitting the baseline's MULTI-BREAKOUT credit and TRADE-MIX still in its 504 h probation ({__burn__: 1}),
        // the four-challenge check is DemoHeadMinerSignalTest (25 days, baseline and random only)
        for (String c : List.of("MULTIBREAKOUT", "MULTIXSEC", "FUNDINGXSEC", "TRADEMIX")) {
            System.out.printf("%s: %s%n", c, s.perChallenge().get(c));
        }
        for (String c : List.of("FUNDINGXSEC")) {
            Map<String, Double> pc = s.perChallenge().get(c);
            assertThat(pc.getOrDefault("hkBaseline", 0.0)).as(c + " " + pc).isGreaterThan(pc.getOrDefault("hkGarbage", 0.0));
        }
    }

    @Test
    void pricesEndAtTheLiveStartPricesAndFundingRatesAreThere() {
        Protocol p = Protocol.BCFF57B;
        DemoHeadHistory.Series s = DemoHeadHistory.series(200, p.priceKeys(), p.fundingAssets(), 5, 3);
        assertThat(s.prices).hasNumberOfRows(37);
        assertThat(s.funding).hasNumberOfRows(20);
        for (int a = 0; a < 37; a++) {
            double start = io.tao4j.localnet.prices.PriceModel.MANTIS_ASSETS.get(a).start();
            assertThat(s.prices[a][199]).isCloseTo(start, org.assertj.core.data.Offset.offset(start * 1e-12));
        }
        var h = s.history(199, -5, p.priceKeys(), p.fundingAssets(), 10, 2);
        assertThat(h.prices().get("BTC")).hasSize(100);
        assertThat(h.prices().get("BTC")[99]).isEqualTo(s.prices[1][199]);
        assertThat(h.prices().get("BTC")[98]).isEqualTo(s.prices[1][197]);
        assertThat(h.funding().get("ONDO")).hasSize(100);
    }

    @Test
    void tooShortAHistoryIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> DemoHeadHistory.write(dir.resolve("h.db"), 10, DemoHistoryTest.MINERS, Protocol.BCFF57B, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least");
    }
}
