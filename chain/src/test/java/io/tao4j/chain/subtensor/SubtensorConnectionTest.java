package io.tao4j.chain.subtensor;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.rpc.RpcConnectionException;
import io.tao4j.chain.testing.FakeNode;
import io.tao4j.chain.testing.Fixtures;
import io.tao4j.chain.testing.ScriptedRpcClient;
import io.tao4j.crypto.Hex;
import io.tao4j.drand.ChainInfo;
import io.tao4j.scale.metadata.Metadata;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.tao4j.chain.subtensor.SubtensorWritesTest.COLD;
import static io.tao4j.chain.subtensor.SubtensorWritesTest.FINNEY;
import static io.tao4j.chain.subtensor.SubtensorWritesTest.HOT;
import static io.tao4j.chain.subtensor.SubtensorWritesTest.HOT_SS58;
import static io.tao4j.chain.subtensor.SubtensorWritesTest.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Subtensor entry point: immutable options and copies, pinned views, and following runtime upgrades. */
class SubtensorConnectionTest {
    static final String PIN = "0x" + "33".repeat(32);
    static final String RUNTIME_SUB = "state_subscribeRuntimeVersion";

    static JsonNode version(long spec) {
        return ScriptedRpcClient.JSON.createObjectNode().put("specName", "node-subtensor").put("specVersion", spec)
                .put("transactionVersion", 1);
    }

    /** A node that announces runtime versions by subscription, starting with {@code spec}. */
    static FakeNode following(Metadata md, long spec) {
        FakeNode n = submitting(node(md, spec));
        n.onSubscribe(RUNTIME_SUB, p -> List.of(version(spec)));
        return n;
    }

    /** Accepts unwatched submissions. */
    static FakeNode submitting(FakeNode n) {
        n.on("author_submitExtrinsic", p -> ScriptedRpcClient.JSON.getNodeFactory().textNode("0x" + "55".repeat(32)));
        return n;
    }

    @Test
    void withMethodsReturnCopiesAndLeaveTheOriginalUnchanged() {
        Metadata md = Fixtures.spec393();
        Subtensor a = Subtensor.of(new OnlineClient(node(md, 393), md, FINNEY, new RuntimeVersion(393, 1)));
        Subtensor.Options before = a.options();
        Clock fixed = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        ChainInfo other = ChainInfo.QUICKNET.withPublicKey(ChainInfo.QUICKNET.publicKey());

        Subtensor b = a.withTimeout(Duration.ofSeconds(5));
        Subtensor c = a.withClock(fixed);
        Subtensor d = a.withTimelock(other, 0.25);

        assertThat(a.options()).isEqualTo(before).isEqualTo(Subtensor.Options.defaults().withClock(before.clock()));
        assertThat(a.options().submitTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(a.timelockChain()).isSameAs(ChainInfo.QUICKNET);
        assertThat(b).isNotSameAs(a);
        assertThat(b.options().submitTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.options().clock()).isSameAs(fixed);
        assertThat(d.timelockChain()).isSameAs(other);
        assertThat(d.options().blockTimeSeconds()).isEqualTo(0.25);
        // the copies share the connection and the online client
        assertThat(b.client()).isSameAs(a.client());
        assertThat(d.client()).isSameAs(a.client());

        Subtensor.Options o = Subtensor.Options.defaults();
        Subtensor.Options o2 = o.withCallTimeout(Duration.ofSeconds(1)).withKeepAlive(Duration.ZERO);
        assertThat(o.callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.keepAlive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o2.callTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o2.keepAlive()).isZero();
        assertThatThrownBy(() -> o.withSubmitTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("submitTimeout");
        assertThatThrownBy(() -> a.withTimelock(other, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setWeightsReadsEverythingAtOneBlockHashFetchedOnce() {
        Metadata md = Fixtures.spec393();
        FakeNode n = following(md, 393).accept(List.of("\"ready\"", "{\"inBlock\":\"" + FakeNode.INCLUDED + "\"}"),
                i -> List.of(FakeNode.success(0), FakeNode.success(i)));
        n.on("chain_getBlockHash", p -> ScriptedRpcClient.JSON.getNodeFactory().textNode(p.isEmpty() || p.get(0) == null ? PIN
                : "0x" + String.format("%064x", ((Number) p.get(0)).longValue())));
        Subtensor st = Subtensor.of(new OnlineClient(n, md, FINNEY, new RuntimeVersion(393, 1)));
        assertThat(st.followsRuntimeUpgrades()).isTrue();
        int from = n.calls.size();

        SetWeightsResult r = st.setWeights(HOT, 35, new int[]{5, 0}, new double[]{0.25, 1.0}, 1, OnlineClient.WaitFor.IN_BLOCK);

        assertThat(r.status()).isEqualTo(SetWeightsResult.Status.SUCCESS);
        List<ScriptedRpcClient.Call> op = n.calls.subList(from, n.calls.size());
        int submit = indexOf(op, "author_submitAndWatchExtrinsic");
        List<ScriptedRpcClient.Call> before = op.subList(0, submit);
        List<ScriptedRpcClient.Call> reads = before.stream().filter(c -> c.method().startsWith("state_")).toList();
        // the gate's four storage values come in one state_queryStorageAt
        assertThat(reads).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo("state_queryStorageAt");
            assertThat((List<?>) c.params().get(0)).hasSize(4);
        });
        assertThat(reads).allSatisfy(c -> assertThat(c.params().get(c.params().size() - 1)).isEqualTo(PIN));
        assertThat(before).filteredOn(c -> c.method().equals("chain_getBlockHash") && c.params().isEmpty()).hasSize(1);
        // the pinned block's header gives the current block; the other header read is the era's finalized head
        assertThat(before).filteredOn(c -> c.method().equals("chain_getHeader"))
                .anySatisfy(c -> assertThat(c.params()).isEqualTo(List.of(PIN)))
                .noneSatisfy(c -> assertThat(c.params().get(0)).isNull());
        // upgrades are followed by subscription: no runtime-version call per submission
        assertThat(op).extracting(ScriptedRpcClient.Call::method).doesNotContain("state_getRuntimeVersion");
    }

    @Test
    void atPinsEveryReadOfTheViewAndAnExplicitHashStillWins() {
        Metadata md = Fixtures.spec393();
        FakeNode n = node(md, 393);
        n.put("SubtensorModule", "NetworksAdded", List.of(35), true).put("SubtensorModule", "Tempo", List.of(35), 360);
        Subtensor st = Subtensor.of(new OnlineClient(n, md, FINNEY, new RuntimeVersion(393, 1)));
        Subtensor at = st.at(PIN);
        assertThat(at.pinnedBlockHash()).isEqualTo(PIN);
        assertThat(st.pinnedBlockHash()).isNull();
        int from = n.calls.size();
        assertThat(at.tempo(35, null)).isEqualTo(360);
        assertThat(at.uidForHotkey(HOT_SS58, 35, null)).isEqualTo(3);
        assertThat(at.freeBalance(HOT_SS58, null)).isEqualTo(BigInteger.ZERO);
        assertThat(at.currentBlock()).isEqualTo(1000);
        assertThat(at.lastUpdate(35, null)).containsExactly(0L, 0L, 0L, 850L);
        List<ScriptedRpcClient.Call> op = List.copyOf(n.calls.subList(from, n.calls.size()));
        assertThat(op).filteredOn(c -> c.method().startsWith("state_")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.params().get(c.params().size() - 1)).isEqualTo(PIN));
        assertThat(op).filteredOn(c -> c.method().equals("chain_getHeader")).singleElement()
                .satisfies(c -> assertThat(c.params()).isEqualTo(List.of(PIN)));

        String other = "0x" + "44".repeat(32);
        from = n.calls.size();
        at.weightsRateLimit(35, other);
        assertThat(n.calls.get(from).params().get(1)).isEqualTo(other);
        assertThatThrownBy(() -> st.at("0x12")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRuntimeUpgradeAnnouncedBySubscriptionReloadsTheMetadata() throws Exception {
        FakeNode n = following(Fixtures.spec393(), 233);
        byte[] blob = Files.readAllBytes(Fixtures.shared("fixtures", "metadata", "finney-spec393.v16.scale"));
        io.tao4j.scale.ScaleWriter w = new io.tao4j.scale.ScaleWriter();
        w.writeU8(1).writeByteVec(blob);
        String wrapped = Hex.encode0x(w.toByteArray());
        n.on("state_call", p -> ScriptedRpcClient.JSON.getNodeFactory().textNode(wrapped));
        n.on("state_getRuntimeVersion", p -> version(393));
        n.accept(List.of("\"ready\""), i -> List.of());
        Subtensor st = Subtensor.of(new OnlineClient(n, Fixtures.spec233(), FINNEY, new RuntimeVersion(233, 1)));
        assertThat(st.followsRuntimeUpgrades()).isTrue();
        assertThat(st.client().runtimeVersion().specVersion()).isEqualTo(233);
        assertThat(n.count("state_getRuntimeVersion")).isZero();

        n.push(RUNTIME_SUB, version(393));

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (st.client().runtimeVersion().specVersion() != 393 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(st.client().runtimeVersion().specVersion()).isEqualTo(393);
        assertThat(st.client().metadata().version()).isEqualTo(16);
        assertThat(st.withTimeout(Duration.ofSeconds(1)).client()).isSameAs(st.client());
        // submissions do not poll the version while the subscription is live
        long polls = n.count("state_getRuntimeVersion");
        st.addStake(COLD, HOT_SS58, 35, 1, OnlineClient.WaitFor.NOTHING);
        assertThat(n.count("state_getRuntimeVersion")).isEqualTo(polls);
    }

    @Test
    void withoutSubscriptionsTheVersionIsPolledBeforeEachSubmission() {
        Metadata md = Fixtures.spec393();
        FakeNode n = submitting(node(md, 393));      // no runtime-version subscription, as over HTTP
        n.accept(List.of("\"ready\""), i -> List.of());
        Subtensor st = Subtensor.of(new OnlineClient(n, md, FINNEY, new RuntimeVersion(393, 1)));
        assertThat(st.followsRuntimeUpgrades()).isFalse();
        st.addStake(COLD, HOT_SS58, 35, 1, OnlineClient.WaitFor.NOTHING);
        st.addStake(COLD, HOT_SS58, 35, 1, OnlineClient.WaitFor.NOTHING);
        assertThat(n.count("state_getRuntimeVersion")).isEqualTo(2);

        // a subscription that ends falls back to polling
        FakeNode f = following(md, 393);
        f.accept(List.of("\"ready\""), i -> List.of());
        Subtensor s2 = Subtensor.of(new OnlineClient(f, md, FINNEY, new RuntimeVersion(393, 1)));
        assertThat(s2.followsRuntimeUpgrades()).isTrue();
        f.fail(RUNTIME_SUB, new RpcConnectionException("connection lost", null));
        assertThat(s2.followsRuntimeUpgrades()).isFalse();
        s2.addStake(COLD, HOT_SS58, 35, 1, OnlineClient.WaitFor.NOTHING);
        assertThat(f.count("state_getRuntimeVersion")).isEqualTo(1);
    }

    @Test
    void connectFailureNamesTheEndpointAndTheCauseOnly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "ws://127.0.0.1:" + port;
        assertThatThrownBy(() -> Subtensor.connect(url, Subtensor.Options.defaults().withConnectTimeout(Duration.ofSeconds(2))))
                .isInstanceOf(RpcConnectionException.class)
                .hasMessage("cannot connect to " + url + ": connection refused — is the node running?");
    }

    private static int indexOf(List<ScriptedRpcClient.Call> calls, String method) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).method().equals(method)) {
                return i;
            }
        }
        throw new AssertionError(method + " was not called");
    }
}
