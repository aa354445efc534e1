package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's scheduling: at most one heavy challenge (LBFGS, XSEC-RANK, FUNDING-XSEC) at a time. */
class HeadSalienceEngineSchedulingTest {
    static final Protocol P = Protocol.BCFF57B;

    /** Wraps the fake scorers: counts heavy challenges running at once and light ones started beside a heavy one. */
    static final class Tracker {
        final AtomicInteger heavyNow = new AtomicInteger();
        final AtomicInteger heavyMax = new AtomicInteger();
        final AtomicInteger lightBesideHeavy = new AtomicInteger();
        final CountDownLatch lightStartedBesideHeavy = new CountDownLatch(1);
        /** Heavy challenges wait (up to 20 s) for a light one to start beside them. */
        boolean heavyWaitsForLight;
        final Map<String, String> fail = new ConcurrentHashMap<>();

        <T> T run(Loss loss, String ticker, java.util.function.Supplier<T> body) {
            if (fail.containsKey(ticker)) throw new IllegalArgumentException(fail.get(ticker));
            boolean heavy = HeadSalienceEngine.heavy(loss);
            try {
                if (heavy) {
                    heavyMax.accumulateAndGet(heavyNow.incrementAndGet(), Math::max);
                    if (heavyWaitsForLight) {
                        assertThat(lightStartedBesideHeavy.await(20, TimeUnit.SECONDS))
                                .as("a light challenge started while " + ticker + " ran").isTrue();
                    }
                    Thread.sleep(60);
                } else {
                    if (heavyNow.get() > 0) {
                        lightBesideHeavy.incrementAndGet();
                        lightStartedBesideHeavy.countDown();
                    }
                    Thread.sleep(15);
                }
                return body.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                if (heavy) heavyNow.decrementAndGet();
            }
        }
    }

    static HeadSalienceEngine engine(int threads, Tracker tr) {
        EnumMap<Loss, HeadSalienceEngine.ChallengeScorer> single = new EnumMap<>(Loss.class);
        HeadSalienceEngineTest.fakeScorers().forEach((loss, f) ->
                single.put(loss, (c, s, k) -> tr.run(loss, c.ticker(), () -> f.score(c, s, k))));
        EnumMap<Loss, HeadSalienceEngine.MultiAssetScorer> multi = new EnumMap<>(Loss.class);
        HeadSalienceEngineAllChallengesTest.fakeMulti(new ConcurrentHashMap<>()).forEach((loss, f) ->
                multi.put(loss, (c, s, p) -> tr.run(loss, c.ticker(), () -> f.score(c, s, p))));
        HeadSalienceEngine.BreakoutScorer b = HeadSalienceEngine.defaultBreakoutScorer();
        return new HeadSalienceEngine(P, single, multi,
                (c, s, p) -> tr.run(Loss.RANGE_BREAKOUT_MULTI, c.ticker(), () -> b.score(c, s, p)), threads);
    }

    @Test
    void heavyKindsAreLbfgsXsecRankAndFundingXsec() {
        for (Loss l : Loss.values()) {
            assertThat(HeadSalienceEngine.heavy(l)).as(l.name())
                    .isEqualTo(l == Loss.LBFGS || l == Loss.XSEC_RANK || l == Loss.FUNDING_XSEC);
        }
    }

    @Test
    void atMostOneHeavyChallengeRunsAtATimeAndTheResultDoesNotDependOnThreads() {
        Tracker four = new Tracker();
        var r4 = engine(4, four).multiSalience(HeadSalienceEngineAllChallengesTest.all12(new ConcurrentHashMap<>()), Map.of());
        assertThat(four.heavyMax.get()).as("heavy challenges running at once, 4 threads").isEqualTo(1);
        assertThat(four.lightBesideHeavy.get()).as("light challenges started beside a heavy one").isPositive();
        Tracker one = new Tracker();
        var r1 = engine(1, one).multiSalience(HeadSalienceEngineAllChallengesTest.all12(new ConcurrentHashMap<>()), Map.of());
        assertThat(one.heavyMax.get()).isEqualTo(1);
        assertThat(r4.salience()).isEqualTo(r1.salience());
        assertThat(r4.perChallenge()).isEqualTo(r1.perChallenge());
        assertThat(r4.perChallenge()).hasSize(12);
    }

    @Test
    void aFreeThreadTakesALightChallengeWhileAHeavyOneRuns() {
        // every heavy challenge blocks until a light one has started beside it: a scheduler that made the second
        // thread wait (or ran the heavy ones first on both threads) would time out here
        Tracker two = new Tracker();
        two.heavyWaitsForLight = true;
        var r = engine(2, two).multiSalience(HeadSalienceEngineAllChallengesTest.all12(new ConcurrentHashMap<>()), Map.of());
        assertThat(r.perChallenge()).hasSize(12);
        assertThat(two.heavyMax.get()).isEqualTo(1);
    }

    @Test
    void theEarliestFailingChallengeIsReportedWhateverTheThreadCount() {
        for (int threads : new int[] {1, 2, 4}) {
            Tracker tr = new Tracker();
            tr.fail.put("FUNDINGXSEC", "funding failed");
            tr.fail.put("CADUSD", "cadusd failed");
            assertThatThrownBy(() -> engine(threads, tr)
                    .multiSalience(HeadSalienceEngineAllChallengesTest.all12(new ConcurrentHashMap<>()), Map.of()))
                    .as(threads + " threads").isInstanceOf(IllegalArgumentException.class).hasMessage("cadusd failed");
        }
    }

    @Test
    void aHeavyKindWithSmallDataRunsAsALightOne() {
        var lbfgs = P.byTicker("ETHLBFGS").orElseThrow();
        var xsec = P.byTicker("MULTIXSEC").orElseThrow();
        var eth = P.byTicker("ETH").orElseThrow();
        Map<String, Long> sizes = Map.of("ETHLBFGS", 10L * 34_560 * 17, "MULTIXSEC", 256L * 43_200 * 33, "ETH", 1L << 40);
        HeadSalienceEngine.Input in = new HeadSalienceEngine.Input() {
            @Override
            public java.util.Optional<io.tao4j.mantis.salience.ChallengeSeries> singleAsset(String t) {
                return java.util.Optional.empty();
            }

            @Override
            public long values(String t) {
                return sizes.getOrDefault(t, -1L);
            }
        };
        assertThat(HeadSalienceEngine.heavy(lbfgs, in)).as("10 hotkeys × 24 days of LBFGS").isFalse();
        assertThat(HeadSalienceEngine.heavy(xsec, in)).as("256 hotkeys × 30 days of XSEC-RANK").isTrue();
        assertThat(HeadSalienceEngine.heavy(eth, in)).as("a light kind stays light").isFalse();
        assertThat(HeadSalienceEngine.heavy(P.byTicker("FUNDINGXSEC").orElseThrow(), in)).as("size unknown").isTrue();
        assertThat(HeadSalienceEngine.heavy(lbfgs, in.only(java.util.Set.of("ETH")))).as("not selected: unknown").isTrue();
        assertThat(HeadSalienceEngine.heavy(lbfgs, in.only(java.util.Set.of("ETHLBFGS")))).isFalse();
    }
}
