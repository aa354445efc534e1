package io.tao4j.cli.demo;

import io.tao4j.mantis.ledger.DatalogReader;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.ledger.LedgerArchive;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.SalienceEngine;
import io.tao4j.mantis.salience.SalienceResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoHistoryTest {
    static final List<DemoHistory.Miner> MINERS = List.of(new DemoHistory.Miner("hkBaseline", DemoHistory.Kind.BASELINE),
            new DemoHistory.Miner("hkNoisy", DemoHistory.Kind.NOISY), new DemoHistory.Miner("hkGarbage", DemoHistory.Kind.GARBAGE),
            new DemoHistory.Miner("hkCopycat", DemoHistory.Kind.COPYCAT));

    static Map<String, Double> start() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (var a : io.tao4j.localnet.prices.PriceModel.DEFAULT_ASSETS) {
            m.put(a.ticker(), a.start());
        }
        return m;
    }

    @Test
    void archiveImportsAsAMantisDatalogAndTheBaselineEarnsTheMostSalience(@TempDir Path dir) throws Exception {
        int steps = 14 * 1440; // two weeks of one-minute steps, as the demo serves
        DemoHistory.Result r = DemoHistory.write(dir.resolve("history.db"), steps, MINERS, start(), 7);
        assertThat(r.steps()).isEqualTo(steps);
        assertThat(r.lastBlock()).isEqualTo(-5);
        assertThat(r.firstBlock()).isEqualTo(-5L * steps);
        assertThat(LedgerArchive.detect(r.file())).isEqualTo(LedgerArchive.Format.SQLITE);

        Path ledger = dir.resolve("ledger.db");
        LedgerArchive.ImportResult imp = LedgerArchive.importArchive(r.file(), ledger, MantisConfig.CHALLENGES, LedgerArchive.Progress.NONE);
        assertThat(imp.blocks()).isEqualTo(steps);
        assertThat(imp.embeddingVectors()).isEqualTo(r.vectors());
        assertThat(imp.firstSeenHotkeys()).isEqualTo(4);
        try (Ledger l = Ledger.open(ledger, MantisConfig.CHALLENGES)) {
            assertThat(l.lastBlock()).hasValue(-5);
            // the copy-cat appears one time-lock delay (60 steps) after the others
            assertThat(l.firstSeen().get("hkCopycat") - l.firstSeen().get("hkBaseline")).isEqualTo(5L * DemoHistory.COPY_LAG_STEPS);
        }
        SalienceResult s = new SalienceEngine().multiSalience(DatalogReader.read(ledger, MantisConfig.CHALLENGES, OptionalLong.empty()),
                new SalienceEngine.Options(MantisConfig.CHALLENGES, MantisConfig.SEED, MantisConfig.SAMPLE_EVERY, true));
        Map<String, Double> t = s.total();
        System.out.println("demo history salience: " + t);
        assertThat(t.get("hkBaseline")).as(t.toString()).isGreaterThan(t.getOrDefault("hkGarbage", 0.0))
                .isGreaterThan(t.getOrDefault("hkCopycat", 0.0));
        assertThat(s.perChallenge()).as("every challenge has enough history to be scored").hasSize(MantisConfig.CHALLENGES.size());
    }

    @Test
    void pricesEndAtTheLiveStartPrices() {
        double[][] p = DemoHistory.prices(100, start(), 3);
        int i = 0;
        for (double v : start().values()) {
            assertThat(p[i][99]).isCloseTo(v, org.assertj.core.data.Offset.offset(v * 1e-12));
            assertThat(p[i][0]).isNotEqualTo(p[i][99]);
            i++;
        }
    }

    @Test
    void tooShortAHistoryIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> DemoHistory.write(dir.resolve("h.db"), 10, MINERS, start(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least");
    }
}
