package io.tao4j.mantis.miner;

import io.tao4j.crypto.Sr25519KeyPair;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link MantisMiner}: the unit commits its URL once, then cycles until its limit or its stop. */
class MantisMinerTest {
    static final Sr25519KeyPair KEY = Sr25519KeyPair.fromUri("//Eve//miner0");
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(MinerCycleTest.GENESIS + 3000), ZoneOffset.UTC);

    static MantisMiner.Builder miner(MinerCycleTest.FakeChain chain, PayloadUploader store) {
        return MantisMiner.builder().chain(chain).signer(KEY).publicUrlBase("https://pub-x.r2.dev//").uploader(store)
                .prices(MinerCycleTest::trendingHistory).drand(MinerCycleTest.CHAIN).clock(CLOCK).interval(Duration.ofMillis(5));
    }

    @Test
    void runCommitsOnceThenUploadsEveryCycle() throws Exception {
        MinerCycleTest.FakeChain chain = new MinerCycleTest.FakeChain();
        ConcurrentHashMap<String, Integer> puts = new ConcurrentHashMap<>();
        List<Long> rounds = new ArrayList<>();
        try (MantisMiner m = miner(chain, (k, b) -> puts.merge(k, 1, Integer::sum)).maxCycles(3)
                .listener(r -> rounds.add(r.round())).build()) {
            assertThat(m.url()).isEqualTo("https://pub-x.r2.dev/" + KEY.ss58());
            MinerLoop.Stats s = m.run(() -> false);
            assertThat(s).isEqualTo(new MinerLoop.Stats(3, 3, 0));
            assertThat(chain.stored).isEqualTo(Optional.of(m.url()));
            assertThat(chain.commits).isEqualTo(1);
            assertThat(puts).containsOnlyKeys(KEY.ss58()).containsEntry(KEY.ss58(), 3);
            assertThat(rounds).hasSize(3).containsOnly(MinerCycleTest.CHAIN.mantisTargetRound(CLOCK.instant(), 30));
            m.run(() -> false);
            assertThat(chain.commits).as("already committed").isEqualTo(1);
        }
    }

    @Test
    void runEndsWhenStoppedAndAnUnregisteredHotkeyIsNamed() throws Exception {
        AtomicInteger puts = new AtomicInteger();
        try (MantisMiner m = miner(new MinerCycleTest.FakeChain(), (k, b) -> puts.incrementAndGet()).build()) {
            assertThat(m.run(() -> puts.get() >= 2).cycles()).isEqualTo(2);
        }
        MinerCycleTest.FakeChain unregistered = new MinerCycleTest.FakeChain();
        unregistered.registered = false;
        try (MantisMiner m = miner(unregistered, (k, b) -> puts.incrementAndGet()).build()) {
            assertThatThrownBy(() -> m.run(() -> false)).hasMessageContaining("not registered on subnet 123");
        }
        assertThatThrownBy(() -> MantisMiner.builder().signer(KEY).build()).hasMessageContaining("publicUrlBase(..)");
    }
}
