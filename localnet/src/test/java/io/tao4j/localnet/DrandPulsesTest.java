package io.tao4j.localnet;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.RpcException;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.subtensor.DrandPulse;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.crypto.bls.DrandBls;
import io.tao4j.crypto.bls.G2Point;
import io.tao4j.localnet.node.DevNode;
import io.tao4j.localnet.node.LocalBeaconFeed;
import io.tao4j.localnet.node.Genesis;
import io.tao4j.localnet.node.NodeMetadata;
import io.tao4j.localnet.node.PulseExtrinsic;
import io.tao4j.localnet.runtime.DrandPallet;
import io.tao4j.localnet.runtime.SubtensorRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Drand pulses written into chain state through block bodies, read back with the chain client, replayed and checked. */
class DrandPulsesTest {

    static Localnet start(Path dir) throws Exception {
        Localnet.Config c = Localnet.Config.defaults().fast().forTests();
        return Localnet.start(dir == null ? c : c.withStateDir(dir));
    }

    static void waitForRound(Localnet net, long round) throws InterruptedException {
        var b = net.beacon().beacon();
        while (b.roundAt(System.currentTimeMillis() / 1000) < round) {
            Thread.sleep(100);
        }
    }

    @Test
    void pulsesComeThroughBlockBodiesAndVerify() throws Exception {
        try (Localnet net = start(null); WsRpcClient ws = WsRpcClient.connect(net.rpcUrl())) {
            long before = net.beacon().beacon().roundAt(System.currentTimeMillis() / 1000);
            DevNode.Block b1 = net.produceBlock();
            long after = net.beacon().beacon().roundAt(System.currentTimeMillis() / 1000);
            assertThat(b1.extrinsics()).hasSize(1);
            assertThat(PulseExtrinsic.isBare(b1.extrinsics().get(0))).isTrue();
            Subtensor st = Subtensor.of(OnlineClient.connect(ws));
            long first = st.lastStoredDrandRound();
            assertThat(first).isBetween(before, after).isPositive(); // the first write carries the latest round only
            assertThat(net.node().withRuntime(SubtensorRuntime::oldestStoredRound)).isEqualTo(first);
            // no new round yet: the next block carries no pulse
            DevNode.Block b2 = net.produceBlock();
            if (net.beacon().beacon().roundAt(System.currentTimeMillis() / 1000) == first) {
                assertThat(b2.extrinsics()).isEmpty();
            }
            waitForRound(net, first + 1);
            net.produceBlock();
            long last = st.lastStoredDrandRound();
            assertThat(last).isGreaterThan(first);
            G2Point pk = G2Point.fromCompressed(Hex.decode(net.discovery().get("drand").get("public_key").asText()));
            for (long r = first; r <= last; r++) {
                DrandPulse p = st.drandPulse(r).orElseThrow();
                assertThat(p.round()).isEqualTo(r);
                assertThat(p.signature()).hasSize(48).isEqualTo(net.beacon().beacon().signature(r));
                assertThat(DrandBls.verify(pk, r, p.signature())).isTrue();
                assertThat(p.randomness()).isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(p.signature()));
            }
            assertThat(st.drandPulse(first - 1)).isEmpty();
            assertThat(st.drandPulse(last + 1000)).isEmpty();
        }
    }

    @Test
    void aBareWritePulseFromAClientIsRefused() throws Exception {
        try (Localnet net = start(null); WsRpcClient ws = WsRpcClient.connect(net.rpcUrl())) {
            byte[] bare = net.produceBlock().extrinsics().get(0);
            io.tao4j.chain.rpc.SubstrateRpc rpc = new io.tao4j.chain.rpc.SubstrateRpc(ws);
            assertThatThrownBy(() -> rpc.authorSubmitExtrinsic(bare)).isInstanceOf(RpcException.class)
                    .hasMessageContaining("Drand.write_pulse is not accepted from clients");
        }
    }

    @Test
    void replayReappliesThePulsesAndATamperedPulseIsRefused(@TempDir Path dir) throws Exception {
        byte[] bestHash;
        long lastRound;
        List<List<byte[]>> bodies = new ArrayList<>();
        try (Localnet net = start(dir)) {
            net.produceBlock();
            waitForRound(net, net.node().withRuntime(SubtensorRuntime::lastStoredRound) + 1);
            net.produceBlock();
            net.produceBlock();
            bestHash = net.node().best().hash();
            lastRound = net.node().withRuntime(SubtensorRuntime::lastStoredRound);
            for (long n = 1; n <= net.node().best().number(); n++) {
                bodies.add(net.node().block(n).orElseThrow().extrinsics());
            }
        }
        try (Localnet net = start(dir)) {
            assertThat(net.node().best().hash()).isEqualTo(bestHash);
            assertThat(net.node().withRuntime(SubtensorRuntime::lastStoredRound)).isEqualTo(lastRound);
        }

        // the same blocks into a fresh node: intact ones import, a pulse with another round's signature does not
        NodeMetadata meta = NodeMetadata.load();
        LocalBeaconFeed feed = new LocalBeaconFeed(new io.tao4j.localnet.beacon.LocalBeacon("tao4j-localnet", 0, 3, "quicknet"), java.time.Clock.systemUTC());
        DevNode fresh = new DevNode(meta, Genesis.defaults().fast().build());
        fresh.setDrandFeed(feed);
        PulseExtrinsic codec = new PulseExtrinsic(meta.model());
        PulseExtrinsic.Decoded d = codec.decode(bodies.get(0).get(0));
        long r = d.pulses().get(0).round();
        byte[] forged = codec.encode(1, List.of(DrandPallet.pulseOf(r, feed.signature(r + 1))), Sr25519KeyPair.fromUri("//Alice"));
        assertThatThrownBy(() -> fresh.importBlock(List.of(forged))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("block 1: the drand pulse of round " + r + " does not verify against the beacon public key");
        // a node with another beacon key refuses the genuine log too
        DevNode other = new DevNode(meta, Genesis.defaults().fast().build());
        other.setDrandFeed(new LocalBeaconFeed(new io.tao4j.localnet.beacon.LocalBeacon("another seed", 0, 3, "quicknet"), java.time.Clock.systemUTC()));
        assertThatThrownBy(() -> other.importBlock(bodies.get(0))).hasMessageContaining("does not verify");
        // intact: imports
        DevNode.Block b = fresh.importBlock(bodies.get(0));
        Optional<DrandPulse> stored = fresh.withRuntime(rt -> rt.pulse(r));
        assertThat(stored.map(DrandPulse::round)).isEqualTo(Optional.of(r));
        assertThat(b.number()).isEqualTo(1);
    }

    @Test
    void aLogWrittenBeforePulsesExistedReplaysOnANodeWithABeacon() {
        NodeMetadata meta = NodeMetadata.load();
        DevNode old = new DevNode(meta, Genesis.defaults().fast().build()); // no beacon: blocks without pulses
        List<DevNode.Block> blocks = new ArrayList<>();
        for (int i = 0; i < 25; i++) { // past subnet 35's first epoch
            blocks.add(old.produceBlock());
        }
        DevNode now = new DevNode(meta, Genesis.defaults().fast().build());
        now.setDrandFeed(new LocalBeaconFeed(new io.tao4j.localnet.beacon.LocalBeacon("tao4j-localnet", 0, 3, "quicknet"), java.time.Clock.systemUTC()));
        List<io.tao4j.localnet.node.BlockLog.Entry> entries = new ArrayList<>();
        for (DevNode.Block b : blocks) {
            assertThat(b.extrinsics()).isEmpty();
            entries.add(new io.tao4j.localnet.node.BlockLog.Entry(b.number(), b.hash(), b.extrinsics()));
        }
        io.tao4j.localnet.node.BlockLog.replay(now, entries); // checks every hash
        assertThat(now.best().hash()).isEqualTo(old.best().hash());
        // and the next block produced starts the pulses
        assertThat(PulseExtrinsic.isBare(now.produceBlock().extrinsics().get(0))).isTrue();
    }

    @Test
    void aBlockCarriesAtMostFiftyPulsesAndTheRuntimeRefusesOldRounds() {
        NodeMetadata meta = NodeMetadata.load();
        var beacon = new io.tao4j.localnet.beacon.LocalBeacon("tao4j-localnet", 0, 3, "quicknet");
        long[] latest = {1000};
        DevNode node = new DevNode(meta, Genesis.defaults().fast().build());
        node.setDrandFeed(new LocalBeaconFeed(beacon, java.time.Clock.systemUTC()) {
            @Override
            public long latestRound() {
                return latest[0];
            }
        });
        node.produceBlock(); // first write: only the latest round
        assertThat(node.withRuntime(SubtensorRuntime::lastStoredRound)).isEqualTo(1000);
        assertThat(node.withRuntime(SubtensorRuntime::oldestStoredRound)).isEqualTo(1000);
        latest[0] = 1200;
        node.produceBlock();
        assertThat(node.withRuntime(SubtensorRuntime::lastStoredRound)).isEqualTo(1000 + DevNode.MAX_PULSES_PER_BLOCK);
        node.produceBlock();
        assertThat(node.withRuntime(SubtensorRuntime::lastStoredRound)).isEqualTo(1000 + 2L * DevNode.MAX_PULSES_PER_BLOCK);
        int stored = node.withRuntime(rt -> rt.pulses().size());
        assertThat(stored).isEqualTo(1 + 2 * DevNode.MAX_PULSES_PER_BLOCK);

        SubtensorRuntime rt = node.withRuntime(SubtensorRuntime::snapshot);
        // pruning keeps the newest rounds and advances OldestStoredRound
        SubtensorRuntime small = node.withRuntime(SubtensorRuntime::snapshot);
        small.setMaxKeptPulses(10);
        small.dispatch(() -> small.writePulses(List.of(DrandPallet.pulseOf(1101, beacon.signature(1101)))));
        assertThat(small.pulses()).hasSize(10).containsOnlyKeys(java.util.stream.LongStream.rangeClosed(1092, 1101).boxed().toList());
        assertThat(small.oldestStoredRound()).isEqualTo(1092);
        assertThat(small.lastStoredRound()).isEqualTo(1101);
        assertThatThrownBy(() -> rt.dispatch(() -> rt.writePulses(List.of(DrandPallet.pulseOf(999, beacon.signature(999))))))
                .hasMessage("Drand.InvalidRoundNumber");
        assertThatThrownBy(() -> rt.dispatch(() -> rt.writePulses(List.of(DrandPallet.pulseOf(5000, beacon.signature(5001))))))
                .hasMessage("Drand.PulseVerificationError");
    }

    /** The local beacon as the node's drand feed, with its clock at "now". */
}
