package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.payload.RejectReason;
import io.tao4j.mantis.collect.PayloadCollector;
import io.tao4j.mantis.collect.Rejection;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.SalienceResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop's cadences and bookkeeping with fake chain, prices and downloads over a real ledger file. */
class MantisValidatorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> HOTKEYS = List.of("hkA", "hkB", "hkC", "hkD");

    /** A chain with four neurons (UIDs 0..3) whose hotkeys can change, recording set-weights calls. */
    static final class FakeChain implements MantisValidator.Chain {
        List<String> hotkeys = new ArrayList<>(HOTKEYS);
        final List<double[]> set = new ArrayList<>();
        int metagraphCalls;

        @Override
        public Neurons metagraph(long block) {
            metagraphCalls++;
            return new Neurons(block, List.of(0, 1, 2, 3), hotkeys);
        }

        @Override
        public Map<String, String> commitments() {
            return Map.of("hkA", "https://x.r2.dev/hkA", "hkB", "https://x.r2.dev/hkB", "hkC", "https://evil.example/hkC");
        }

        @Override
        public String setWeights(int[] uids, double[] weights) {
            set.add(weights.clone());
            return "included";
        }
    }

    /** hkA and hkB deliver a payload, hkC's host is refused, hkD has no commitment. */
    static Map<String, PayloadCollector.Result> collect(Map<String, String> commits) {
        Map<String, PayloadCollector.Result> out = new LinkedHashMap<>();
        commits.forEach((hk, url) -> {
            if (url == null) {
                out.put(hk, new PayloadCollector.Rejected(hk, Rejection.NO_COMMITMENT, "none"));
            } else if (url.contains("evil")) {
                out.put(hk, new PayloadCollector.Rejected(hk, Rejection.HOST_NOT_ALLOWED, url));
            } else {
                out.put(hk, new PayloadCollector.Collected(hk, ("{\"round\":1,\"hk\":\"" + hk + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        });
        return out;
    }

    static final Decryptor.Report NOTHING = new Decryptor.Report(0, Map.of(), 0, 0);

    static SalienceResult salienceFavouringB(long until) {
        return new SalienceResult(Map.of("hkA", 0.2, "hkB", 0.7, "hkC", 0.1),
                Map.of("ETH", Map.of("hkA", 0.2, "hkB", 0.8)), Map.of("total", 0.01));
    }

    MantisValidator loop(FakeChain chain, Ledger ledger, PriceFeed prices, Scorer sal, boolean dryRun) {
        return new MantisValidator(chain, prices, MantisValidatorTest::collect, ledger, (l, b) -> NOTHING, sal, MantisConfig.CHALLENGES, dryRun);
    }

    static PriceFeed ethOnly() {
        return PriceFeed.ofJson("{\"prices\":{\"ETH\":3000.0,\"BTC\":-1.0}}");
    }

    @Test
    void hotkeysThatLeaveTheMetagraphArePrunedFromTheLedgerAtTheNextSync(@TempDir Path dir) throws Exception {
        FakeChain chain = new FakeChain();
        try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), MantisConfig.CHALLENGES);
             MantisValidator v = loop(chain, ledger, ethOnly(), MantisValidatorTest::salienceFavouringB, false)) {
            v.step(100);
            for (Ledger.Pending p : ledger.mature(1000, 300)) {
                ledger.storeDecrypted(p, Map.of("ETH", new float[]{0.5f, -0.5f}));
            }
            assertThat(ledger.firstSeen()).containsOnlyKeys("hkA", "hkB");
            chain.hotkeys = new ArrayList<>(List.of("hkA", "hkX", "hkC", "hkD")); // hkB deregistered, UID 1 reused
            v.step(105);
            assertThat(ledger.firstSeen()).containsOnlyKeys("hkA", "hkB"); // no sync between 100-block marks
            v.step(200);
            assertThat(ledger.firstSeen()).containsOnlyKeys("hkA");
        }
    }

    @Test
    void sampledBlocksBecomeLedgerStepsWithPricesPayloadsAndCountedRejections(@TempDir Path dir) throws Exception {
        FakeChain chain = new FakeChain();
        Path db = dir.resolve("ledger.db");
        try (Ledger ledger = Ledger.open(db, MantisConfig.CHALLENGES);
             MantisValidator v = loop(chain, ledger, ethOnly(), MantisValidatorTest::salienceFavouringB, false)) {
            for (long b = 96; b <= 111; b++) {
                v.step(b);
            }
            MantisValidator.Stats s = v.stats();
            assertThat(s.steps()).isEqualTo(3); // 100, 105, 110
            assertThat(s.collected()).isEqualTo(6);
            assertThat(s.rejected()).containsEntry(Rejection.HOST_NOT_ALLOWED, 3L).containsEntry(Rejection.NO_COMMITMENT, 3L)
                    .containsEntry(Rejection.TIMEOUT, 0L);
            assertThat(ledger.lastBlock()).hasValue(110);
            assertThat(ledger.pendingCount()).isEqualTo(6);
            assertThat(s.pending()).isEqualTo(6);
            assertThat(chain.metagraphCalls).isEqualTo(1); // first step (100) only; next sync at 200
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT ticker, COUNT(*) FROM challenge_data WHERE price > 0 GROUP BY ticker")) {
            Map<String, Integer> withPrice = new LinkedHashMap<>();
            while (rs.next()) {
                withPrice.put(rs.getString(1), rs.getInt(2));
            }
            // ETH and every challenge priced by ETH get the price; BTC (invalid) and the rest are 0, i.e. not stored
            MantisConfig.CHALLENGES.forEach(ch -> {
                if (ch.priceKey().equals("ETH")) {
                    assertThat(withPrice).containsEntry(ch.ticker(), 3);
                } else {
                    assertThat(withPrice).doesNotContainKey(ch.ticker());
                }
            });
        }
    }

    @Test
    void theListenerSeesEveryPriceOfTheStepIncludingFundingRates(@TempDir Path dir) throws Exception {
        FakeChain chain = new FakeChain();
        List<ValidatorPrices.Step> seen = new ArrayList<>();
        PriceFeed feed = PriceFeed.ofJson("{\"prices\":{\"ETH\":3000,\"SOL\":150},\"funding_rates\":{\"BTC\":-0.0001}}");
        try (Ledger ledger = Ledger.open(dir.resolve("l.db"), MantisConfig.CHALLENGES);
             MantisValidator v = new MantisValidator(chain, chain, feed, MantisValidatorTest::collect, ledger, (l, b) -> NOTHING,
                     MantisValidatorTest::salienceFavouringB, ValidatorConfig.defaults(io.tao4j.mantis.protocol.Protocol.BCFF57B), false)) {
            v.listener(new MantisValidator.Listener() {
                @Override
                public void priced(long block, ValidatorPrices.Step prices) {
                    seen.add(prices);
                }
            });
            assertThat(v.step(5)).isTrue();
        }
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).prices()).containsEntry("ETHHITFIRST", 3000.0).containsEntry("SOL", 150.0);
        assertThat(seen.get(0).fundingRates()).containsExactly(Map.entry("BTC", -0.0001));
    }

    @Test
    void failingPriceFeedStillStoresTheStepWithZeroPrices(@TempDir Path dir) throws Exception {
        FakeChain chain = new FakeChain();
        try (Ledger ledger = Ledger.open(dir.resolve("l.db"), MantisConfig.CHALLENGES);
             MantisValidator v = loop(chain, ledger, () -> {
                 throw new IOException("feed down");
             }, MantisValidatorTest::salienceFavouringB, false)) {
            assertThat(v.step(5)).isTrue();
            assertThat(ledger.lastBlock()).hasValue(5);
            assertThat(ledger.pendingCount()).isEqualTo(2);
            assertThat(v.stats().priceFailures()).isEqualTo(1);
            var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            MantisValidatorMetrics.bind(v, registry);
            assertThat(registry.get("mantis_validator_price_failures").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("mantis_validator_steps").functionCounter().count()).isEqualTo(1);
        }
    }

    @Test
    void decryptionRunsEveryStepAndIsCounted(@TempDir Path dir) throws Exception {
        FakeChain chain = new FakeChain();
        AtomicLong passes = new AtomicLong();
        try (Ledger ledger = Ledger.open(dir.resolve("l.db"), MantisConfig.CHALLENGES);
             MantisValidator v = new MantisValidator(chain, ethOnly(), MantisValidatorTest::collect, ledger, (l, b) -> {
                 passes.incrementAndGet();
                 return new Decryptor.Report(2, Map.of(RejectReason.HOTKEY_MISMATCH, 1), 0, 0);
             }, MantisValidatorTest::salienceFavouringB, MantisConfig.CHALLENGES, false)) {
            for (long b = 5; b <= 20; b += 5) {
                v.step(b);
            }
            assertThat(passes.get()).isEqualTo(4);
            assertThat(v.stats().opened()).isEqualTo(8);
            assertThat(v.stats().decryptRejected()).isEqualTo(4);
        }
    }

    @Test
    void restartResumesAfterTheLedgersLastBlock(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("l.db");
        try (Ledger ledger = Ledger.open(db, MantisConfig.CHALLENGES);
             MantisValidator v = loop(new FakeChain(), ledger, ethOnly(), MantisValidatorTest::salienceFavouringB, false)) {
            for (long b = 5; b <= 50; b += 5) {
                v.step(b);
            }
        }
        try (Ledger ledger = Ledger.open(db, MantisConfig.CHALLENGES);
             MantisValidator v = loop(new FakeChain(), ledger, ethOnly(), MantisValidatorTest::salienceFavouringB, false)) {
            assertThat(v.stats().pending()).isEqualTo(20);
            assertThat(v.step(45)).isFalse();
            assertThat(v.step(50)).isFalse();
            assertThat(v.step(55)).isTrue();
            assertThat(ledger.blockCount()).isEqualTo(11);
            assertThat(v.skippedAheadOfChain()).as("45 is below the ledger's last block 50; 50 is the same block")
                    .isEqualTo(1);
        }
    }

    @Test
    void aLedgerAheadOfTheChainIsCountedAndSaidNotSilentlySkipped(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("l.db");
        try (Ledger ledger = Ledger.open(db, MantisConfig.CHALLENGES);
             MantisValidator v = loop(new FakeChain(), ledger, ethOnly(), MantisValidatorTest::salienceFavouringB, false)) {
            v.step(1_000_000); // e.g. an archive from a longer chain
            for (long b = 5; b <= 1000; b += 5) {
                assertThat(v.step(b)).isFalse();
            }
            assertThat(v.skippedAheadOfChain()).isEqualTo(200);
            assertThat(ledger.blockCount()).isEqualTo(1);
        }
    }

    /** Runs sampled steps from {@code from} to {@code to} inclusive. */
    static void run(MantisValidator v, long from, long to) {
        for (long b = from; b <= to; b += MantisConfig.SAMPLE_EVERY) {
            v.step(b);
        }
    }

    @Test
    void weightsAreCalculatedEvery1000BlocksWithEnoughStepsAndSetAtTheNextSetInterval(@TempDir Path dir) throws Exception {
        FakeChain chain = new FakeChain();
        List<Long> asked = new ArrayList<>();
        try (Ledger ledger = Ledger.open(dir.resolve("l.db"), MantisConfig.CHALLENGES);
             MantisValidator v = loop(chain, ledger, ethOnly(), b -> {
                 asked.add(b);
                 return salienceFavouringB(b);
             }, false)) {
            run(v, 500, 1000); // 101 steps < 121: no calculation at 1000
            v.awaitCalculation(10, TimeUnit.SECONDS);
            assertThat(asked).isEmpty();
            assertThat(ledger.latestWeights()).isEmpty();
            run(v, 1005, 2000); // set at 1080, 1440, 1800 finds nothing saved
            v.awaitCalculation(30, TimeUnit.SECONDS);
            assertThat(asked).containsExactly(1500L); // training data up to block - TASK_INTERVAL
            assertThat(chain.set).isEmpty();
            Ledger.SavedWeights w = ledger.latestWeights().orElseThrow();
            assertThat(w.block()).isEqualTo(2000);
            assertThat(w.uids()).containsExactly(0, 1, 2, 3);
            // hkA/hkB first seen by the ledger only when decrypted (here never): all mature, shares by salience
            assertThat(w.weights().get(1)).isGreaterThan(w.weights().get(0)).isGreaterThan(w.weights().get(2));
            assertThat(w.weights().get(3)).isZero();
            assertThat(v.stats().lastWeightsBlock()).isEqualTo(2000);
            run(v, 2005, 2160); // 2160 = 6 * 360
            assertThat(chain.set).hasSize(1);
            assertThat(chain.set.get(0)[1]).isCloseTo(w.weights().get(1), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(v.stats().weightsSet()).isEqualTo(1);
        }
    }

    @Test
    void savedWeightsAreNotSetWhenTheUidsNoLongerMatchOrOnDryRun(@TempDir Path dir) throws Exception {
        FakeChain chain = new FakeChain();
        try (Ledger ledger = Ledger.open(dir.resolve("l.db"), MantisConfig.CHALLENGES)) {
            ledger.saveWeights(new Ledger.SavedWeights(700, List.of(0, 1, 2), List.of(0.2, 0.5, 0.3)));
            try (MantisValidator v = loop(chain, ledger, ethOnly(), MantisValidatorTest::salienceFavouringB, false)) {
                v.step(720);
                assertThat(chain.set).isEmpty(); // metagraph has UIDs 0..3
            }
            ledger.saveWeights(new Ledger.SavedWeights(710, List.of(0, 1, 2, 3), List.of(0.2, 0.5, 0.3, 0.0)));
            try (MantisValidator v = loop(chain, ledger, ethOnly(), MantisValidatorTest::salienceFavouringB, true)) {
                v.step(1080);
                assertThat(chain.set).isEmpty(); // dry run
            }
            try (MantisValidator v = loop(chain, ledger, ethOnly(), MantisValidatorTest::salienceFavouringB, false)) {
                v.step(1440);
                assertThat(chain.set).hasSize(1);
                assertThat(chain.set.get(0)).containsExactly(0.2, 0.5, 0.3, 0.0);
            }
        }
    }

    @Test
    void aRunningCalculationDoesNotHoldUpCollectionNorIsStartedTwice(@TempDir Path dir) throws Exception {
        FakeChain chain = new FakeChain();
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong started = new AtomicLong();
        try (Ledger ledger = Ledger.open(dir.resolve("l.db"), MantisConfig.CHALLENGES);
             MantisValidator v = loop(chain, ledger, ethOnly(), b -> {
                 started.incrementAndGet();
                 try {
                     release.await(30, TimeUnit.SECONDS);
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                 }
                 return salienceFavouringB(b);
             }, false)) {
            run(v, 5, 1000);
            run(v, 1005, 2000); // the calculation of 1000 is still running at 2000
            assertThat(started.get()).isEqualTo(1);
            assertThat(ledger.lastBlock()).hasValue(2000);
            release.countDown();
            v.awaitCalculation(30, TimeUnit.SECONDS);
            assertThat(ledger.latestWeights().orElseThrow().block()).isEqualTo(1000);
        }
    }

    @Test
    void degenerateSalienceSavesNothing(@TempDir Path dir) throws Exception {
        FakeChain chain = new FakeChain();
        try (Ledger ledger = Ledger.open(dir.resolve("l.db"), MantisConfig.CHALLENGES);
             MantisValidator v = loop(chain, ledger, ethOnly(),
                     b -> new SalienceResult(Map.of("hkA", 0.25, "hkB", 0.25, "hkC", 0.25, "hkD", 0.25), Map.of(), Map.of()), false)) {
            run(v, 5, 1000);
            v.awaitCalculation(30, TimeUnit.SECONDS);
            assertThat(v.stats().calculations()).isEqualTo(1);
            assertThat(ledger.latestWeights()).isEmpty();
        }
    }

    @Test
    void perChallengeLineHasTheReferenceFields() throws Exception {
        var lbfgs = MantisConfig.byTicker("ETHLBFGS").orElseThrow();
        var eth = MantisConfig.byTicker("ETH").orElseThrow();
        SalienceResult sal = new SalienceResult(Map.of("hkA", 0.6, "hkB", 0.4),
                Map.of("ETHLBFGS", Map.of("hkA", 0.75, "hkB", 0.25), "ETH", Map.of("hkA", 1.0)), Map.of());
        var j = JSON.readTree(MantisValidator.perChallengeJson(3000, sal, io.tao4j.mantis.protocol.Protocol.P2E9BC5B.challenges()));
        assertThat(j.get("block").asLong()).isEqualTo(3000);
        assertThat(j.get("total_challenge_weight").asDouble()).isEqualTo(lbfgs.weight() + eth.weight());
        var c = j.get("per_challenge").get("ETHLBFGS");
        assertThat(c.get("challenge_weight").asDouble()).isEqualTo(lbfgs.weight());
        assertThat(c.get("salience").get("hkA").asDouble()).isEqualTo(0.75);
        assertThat(c.get("weighted").get("hkB").asDouble()).isEqualTo(0.25 * lbfgs.weight());
        assertThat(j.get("per_challenge").get("ETH").get("weighted").get("hkA").asDouble()).isEqualTo(eth.weight());
    }

    @Test
    void configuredCadencesAreUsed(@TempDir Path dir) throws Exception {
        FakeChain chain = new FakeChain();
        List<Long> asked = new ArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        ValidatorConfig cfg = new ValidatorConfig(MantisConfig.CHALLENGES, 700, 350, 100);
        try (Ledger ledger = Ledger.open(dir.resolve("l.db"), MantisConfig.CHALLENGES);
             MantisValidator v = new MantisValidator(chain, ethOnly(), MantisValidatorTest::collect, ledger, (l, b) -> NOTHING, b -> {
                 asked.add(b);
                 try {
                     release.await(30, TimeUnit.SECONDS);
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                 }
                 return salienceFavouringB(b);
             }, cfg, false)) {
            run(v, 5, 700); // calculation starts at 700 (not 1000) and is held until the step returned
            release.countDown();
            v.awaitCalculation(30, TimeUnit.SECONDS);
            assertThat(asked).containsExactly(600L); // data up to 700 - task_interval 100
            assertThat(ledger.latestWeights().orElseThrow().block()).isEqualTo(700);
            run(v, 705, 1045);
            assertThat(chain.set).as("720 and 1080 are not set blocks here").isEmpty();
            v.step(1050); // 3 * 350
            assertThat(chain.set).hasSize(1);
        }
    }
}
