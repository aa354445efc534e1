package io.tao4j.mantis.miner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.drand.ChainInfo;
import io.tao4j.mantis.payload.MantisV2;
import io.tao4j.mantis.payload.OpenResult;
import io.tao4j.mantis.payload.PayloadOpener;
import io.tao4j.mantis.payload.PayloadSealer;
import io.tao4j.mantis.payload.V2Submission;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;
import io.tao4j.localnet.beacon.LocalBeacon;
import io.tao4j.mantis.model.ModelSet;
import io.tao4j.mantis.model.PriceHistory;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MinerCycleTest {
    static final String HOTKEY = Sr25519KeyPair.fromUri("//Eve//miner0").ss58();
    static final long GENESIS = 1_700_000_000L;
    static final LocalBeacon BEACON = new LocalBeacon("miner-cycle-test", GENESIS, 3, "quicknet");
    static final ChainInfo CHAIN = new ChainInfo("quicknet", BEACON.publicKey(), 3, GENESIS, BEACON.genesisSeed(),
            BEACON.chainHash(), ChainInfo.SCHEME_UNCHAINED_G1_RFC9380);

    static PriceHistory trendingHistory() {
        double[] eth = new double[600];
        double[] fx = new double[600];
        for (int i = 0; i < eth.length; i++) {
            eth[i] = 2000 * Math.exp(1e-4 * i + 1e-3 * Math.sin(i * 1.7));
            fx[i] = 0.7 * Math.exp(-2e-5 * i + 2e-4 * Math.cos(i * 2.3));
        }
        return new PriceHistory(1, 600, Map.of("ETH", eth, "BTC", eth, "CADUSD", fx, "NZDUSD", fx, "CHFUSD", fx, "XAGUSD", fx));
    }

    static MinerCycle cycle(Clock clock, PriceSource prices, Map<String, byte[]> store, double lock) {
        PayloadSealer sealer = new PayloadSealer(new Tlock(CHAIN.publicKeyPoint()), MantisV2.ownerPublicKey(), TlockLayout.CURRENT,
                new SecureRandom());
        return new MinerCycle(HOTKEY, clock, prices, ModelSet.baseline(), CHAIN, lock, sealer::seal, store::put);
    }

    @Test
    void aCycleSealsToTheRoundAheadAndTheValidatorGetsTheEmbeddingsUnchanged() throws Exception {
        Instant now = Instant.ofEpochSecond(GENESIS + 3000, 500_000_000);
        Map<String, byte[]> store = new HashMap<>();
        MinerCycle.Result r = cycle(Clock.fixed(now, ZoneOffset.UTC), MinerCycleTest::trendingHistory, store, 30).run();
        // MANTIS's _target_round: floor((now + 30 - genesis) / 3), without drand's +1
        assertThat(r.round()).isEqualTo((3000 + 30) / 3).isEqualTo(CHAIN.mantisTargetRound(now, 30));
        assertThat(store).containsOnlyKeys(HOTKEY);
        byte[] body = store.get(HOTKEY);
        assertThat(r.bytes()).isEqualTo(body.length);
        assertThat(r.embeddings().get("ETH")[0]).as("rising ETH").isPositive();

        // the validator's path: wrong round's signature refused, the right one opens
        PayloadOpener opener = new PayloadOpener();
        OpenResult early = opener.openRaw(body, round -> BEACON.signature(round - 1), HOTKEY);
        assertThat(early).isInstanceOf(OpenResult.Rejected.class);
        OpenResult res = opener.openRaw(body, BEACON::signature, HOTKEY);
        assertThat(res).isInstanceOf(OpenResult.Opened.class);
        String plain = ((OpenResult.Opened) res).plaintextUtf8();
        var sub = new ObjectMapper().readTree(plain);
        assertThat(sub.get("hotkey").asText()).isEqualTo(HOTKEY);
        Map<String, double[]> sanitized = V2Submission.sanitize(sub);
        assertThat(r.embeddings().keySet()).containsExactlyElementsOf(Protocol.BCFF57B.tickers());
        for (String k : Protocol.P2E9BC5B.tickers()) {
            assertThat(sanitized.get(k)).as(k).containsExactly(r.embeddings().get(k), within(1e-12));
        }
        // the multi-asset challenges in the per-asset object form of spec §2.2
        double[] breakout = r.embeddings().get("MULTIBREAKOUT");
        assertThat(sub.get("MULTIBREAKOUT").get("BTC").get(0).asDouble()).isEqualTo(breakout[0]);
        assertThat(sub.get("MULTIBREAKOUT").get("ETH").get(1).asDouble()).isEqualTo(breakout[3]);
        assertThat(sub.get("TRADEMIX").get("SOL").asDouble()).isEqualTo(r.embeddings().get("TRADEMIX")[3]);
        assertThat(sub.get("FUNDINGXSEC").size()).isEqualTo(20);
        assertThat(sub.get("MULTIXSEC").size()).isEqualTo(33);
        // collected under another hotkey: refused as the validator would
        assertThat(opener.openRaw(body, BEACON::signature, Sr25519KeyPair.fromUri("//Eve//miner1").ss58()))
                .isInstanceOfSatisfying(OpenResult.Rejected.class, rej -> assertThat(rej.reason()).isNotNull());
    }

    @Test
    void aCycleFor2e9bc5bSealsItsEightChallenges() throws Exception {
        Instant now = Instant.ofEpochSecond(GENESIS + 3000);
        Map<String, byte[]> store = new HashMap<>();
        PayloadSealer sealer = new PayloadSealer(new Tlock(CHAIN.publicKeyPoint()), MantisV2.ownerPublicKey(), TlockLayout.CURRENT,
                new SecureRandom());
        MinerCycle.Result r = new MinerCycle(HOTKEY, Clock.fixed(now, ZoneOffset.UTC), MinerCycleTest::trendingHistory,
                ModelSet.baseline(Protocol.P2E9BC5B), CHAIN, 30, sealer::seal, store::put).run();
        assertThat(r.embeddings().keySet()).containsExactlyElementsOf(Protocol.P2E9BC5B.tickers());
        OpenResult res = new PayloadOpener().openRaw(store.get(HOTKEY), BEACON::signature, HOTKEY);
        var sub = new ObjectMapper().readTree(((OpenResult.Opened) res).plaintextUtf8());
        Map<String, double[]> sanitized = V2Submission.sanitize(sub);
        for (String k : Protocol.P2E9BC5B.tickers()) {
            assertThat(sanitized.get(k)).as(k).containsExactly(r.embeddings().get(k), within(1e-12));
        }
        assertThat(sub.has("MULTIBREAKOUT")).isFalse();
    }

    @Test
    void failuresOfCollaboratorsSurfaceWithTheirReason() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(GENESIS + 10), ZoneOffset.UTC);
        Map<String, byte[]> store = new HashMap<>();
        assertThatThrownBy(() -> cycle(clock, () -> {
            throw new IOException("price feed down");
        }, store, 30).run()).hasMessage("price feed down");
        MinerCycle uploadFails = new MinerCycle(HOTKEY, clock, PriceHistory::empty, ModelSet.baseline(), CHAIN, 30,
                (hk, round, pt) -> new PayloadSealer(new Tlock(CHAIN.publicKeyPoint()), MantisV2.ownerPublicKey(), TlockLayout.CURRENT,
                        new SecureRandom()).seal(hk, round, pt), (k, b) -> {
            throw new IOException("bucket gone");
        });
        assertThatThrownBy(uploadFails::run).hasMessage("bucket gone");
        MinerCycle badModel = new MinerCycle(HOTKEY, clock, PriceHistory::empty,
                ModelSet.baseline().with(Loss.BINARY, (c, h) -> new double[] {2, 0}), CHAIN, 30, (hk, round, pt) -> {
            throw new AssertionError("must not seal");
        }, store::put);
        assertThatThrownBy(badModel::run).hasMessageContaining("outside [-1, 1]");
        assertThat(store).isEmpty();
        MinerCycle beforeGenesis = cycle(Clock.fixed(Instant.ofEpochSecond(GENESIS - 100), ZoneOffset.UTC), PriceHistory::empty, store, 30);
        assertThatThrownBy(beforeGenesis::run).hasMessageContaining("before the chain's genesis");
        assertThatThrownBy(() -> cycle(clock, PriceHistory::empty, store, -1)).hasMessageContaining("lock seconds");
    }

    @Test
    void theLoopSurvivesBadCyclesAndKeepsItsCadence() {
        AtomicInteger calls = new AtomicInteger();
        List<Duration> sleeps = new ArrayList<>();
        MinerLoop loop = new MinerLoop(() -> {
            int n = calls.incrementAndGet();
            if (n % 2 == 0) {
                throw new IOException("cycle " + n + " failed");
            }
            if (n == 3) {
                throw new IllegalStateException("model bug");
            }
            return new MinerCycle.Result(n, Instant.EPOCH, 10, 1, 1, Map.of(), "{}");
        }, Duration.ofSeconds(60), sleeps::add);
        MinerLoop.Stats s = loop.run(6);
        assertThat(s).isEqualTo(new MinerLoop.Stats(6, 2, 4));
        assertThat(calls.get()).isEqualTo(6);
        assertThat(sleeps).hasSize(5).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60)));
        // an interrupt while waiting ends the loop
        MinerLoop interrupted = new MinerLoop(() -> new MinerCycle.Result(1, Instant.EPOCH, 1, 1, 1, Map.of(), "{}"),
                Duration.ofSeconds(1), d -> {
            throw new InterruptedException();
        });
        assertThat(interrupted.run(0).cycles()).isEqualTo(1);
        assertThat(Thread.interrupted()).isTrue();
    }

    static final class FakeChain implements MinerChain {
        boolean registered = true;
        Optional<String> stored = Optional.empty();
        int commits;
        boolean dropWrites;

        @Override
        public boolean isRegistered() {
            return registered;
        }

        @Override
        public Optional<String> commitment() {
            return stored;
        }

        @Override
        public void commit(String data) {
            commits++;
            if (!dropWrites) {
                stored = Optional.of(data);
            }
        }
    }

    @Test
    void commitmentIsSetOnlyWhenItDiffersAndMustReadBack() throws Exception {
        String url = "https://pub-0123456789abcdef0123456789abcdef.r2.dev/" + HOTKEY;
        FakeChain c = new FakeChain();
        c.stored = Optional.of("https://old.example/" + HOTKEY);
        assertThat(Commitment.ensure(c, HOTKEY, 123, url, Duration.ofSeconds(1))).isEqualTo(Commitment.Outcome.COMMITTED);
        assertThat(Commitment.ensure(c, HOTKEY, 123, url, Duration.ofSeconds(1))).isEqualTo(Commitment.Outcome.ALREADY_COMMITTED);
        assertThat(c.commits).isEqualTo(1);

        FakeChain lost = new FakeChain();
        lost.dropWrites = true;
        assertThatThrownBy(() -> Commitment.ensure(lost, HOTKEY, 123, url, Duration.ofMillis(300)))
                .hasMessageContaining("reads back as nothing");
        FakeChain unregistered = new FakeChain();
        unregistered.registered = false;
        assertThatThrownBy(() -> Commitment.ensure(unregistered, HOTKEY, 123, url, Duration.ofSeconds(1)))
                .hasMessageContaining("not registered on subnet 123");
        assertThat(unregistered.commits).isZero();
        assertThatThrownBy(() -> Commitment.ensure(new FakeChain(), HOTKEY, 123, "https://x/" + "a".repeat(130), Duration.ofSeconds(1)))
                .hasMessageContaining("128 bytes");
    }
}
