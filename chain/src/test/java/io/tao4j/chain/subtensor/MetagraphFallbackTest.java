package io.tao4j.chain.subtensor;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.testing.FakeNode;
import io.tao4j.chain.testing.Fixtures;
import io.tao4j.chain.testing.ScriptedRpcClient;
import io.tao4j.crypto.Hex;
import io.tao4j.scale.metadata.Metadata;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetagraphFallbackTest {
    static final byte[] TESTNET = Hex.decode("0x8f9cf856bf558a14440e75569c9e58594757048d7b3a84b5d25f6bd978263105");
    static final String A = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    static final String B = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
    static final String C = "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y";

    /** V14 metadata has no runtime APIs: the metagraph comes from storage at one block hash. */
    @Test
    void metagraphFromStorageOnV14() {
        Metadata md = Fixtures.spec233();
        FakeNode n = new FakeNode(md, TESTNET, 233);
        n.put("SubtensorModule", "Keys", List.of(7, 0), A).put("SubtensorModule", "Keys", List.of(7, 1), B)
                .put("SubtensorModule", "Keys", List.of(8, 0), C)
                .put("SubtensorModule", "Owner", List.of(A), C).put("SubtensorModule", "Owner", List.of(B), C)
                .put("SubtensorModule", "TotalHotkeyAlpha", List.of(A, 7), 5_000_000_000L)
                .put("SubtensorModule", "ValidatorPermit", List.of(7), List.of(true, false))
                .put("SubtensorModule", "LastUpdate", List.of(7), List.of(90, 95))
                .put("SubtensorModule", "Incentive", List.of(7), List.of(0, 65535))
                .put("SubtensorModule", "Dividends", List.of(7), List.of(65535, 0))
                .put("SubtensorModule", "Active", List.of(7), List.of(true, true));
        Subtensor st = Subtensor.of(new OnlineClient(n, md, TESTNET, new RuntimeVersion(233, 1)));
        Metagraph mg = st.metagraph(7, null);
        assertThat(mg.source()).isEqualTo("storage");
        assertThat(mg.block()).isEqualTo(1000);
        assertThat(mg.uids()).containsExactly(0, 1);
        assertThat(mg.hotkeys()).containsExactly(A, B);
        assertThat(mg.coldkeys()).containsExactly(C, C);
        assertThat(mg.neuron(0).stake()).isEqualTo(5_000_000_000L);
        assertThat(mg.neuron(1).stake()).isZero();
        assertThat(mg.neuron(0).validatorPermit()).isTrue();
        assertThat(mg.neuron(1).incentive()).isEqualTo(65535);
        assertThat(mg.neuron(0).dividends()).isEqualTo(65535);
        assertThat(mg.neuron(1).lastUpdate()).isEqualTo(95);
        // every storage read was pinned to the block hash of the metagraph
        n.calls.stream().filter(c -> c.method().startsWith("state_") && !c.method().startsWith("state_subscribe")).forEach(c ->
                assertThat(c.params().get(c.params().size() - 1)).isEqualTo(mg.blockHash()));
    }

    /** connect(): genesis, runtime version and the newest metadata the runtime offers (V15 here). */
    @Test
    void connectReadsGenesisVersionAndVersionedMetadata() throws Exception {
        String v15 = Files.readString(Fixtures.shared("fixtures", "metadata", "finney-spec343.v15.hex")).strip();
        byte[] blob = Hex.decode(v15);
        io.tao4j.scale.ScaleWriter w = new io.tao4j.scale.ScaleWriter();
        w.writeU8(1).writeByteVec(blob); // Option<OpaqueMetadata>
        String wrapped = Hex.encode0x(w.toByteArray());
        ScriptedRpcClient rpc = new ScriptedRpcClient()
                .on("chain_getBlockHash", p -> ScriptedRpcClient.JSON.getNodeFactory().textNode(
                        "0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03"))
                .on("state_getRuntimeVersion", p -> ScriptedRpcClient.JSON.createObjectNode().put("specName", "node-subtensor")
                        .put("specVersion", 343).put("transactionVersion", 1))
                .on("state_call", p -> {
                    assertThat(p.get(0)).isEqualTo("Metadata_metadata_at_version");
                    return ScriptedRpcClient.JSON.getNodeFactory().textNode(p.get(1).equals("0x10000000") ? "0x00" : wrapped);
                });
        OnlineClient c = OnlineClient.connect(rpc);
        assertThat(c.metadata().version()).isEqualTo(15);
        assertThat(c.runtimeVersion().sameVersions(new RuntimeVersion(343, 1))).isTrue();
        assertThat(c.runtimeVersion().specName()).isEqualTo("node-subtensor");
        assertThat(Hex.encode(c.genesisHash())).startsWith("2f0555cc");
        assertThat(c.hasRuntimeApi("NeuronInfoRuntimeApi", "get_neurons_lite")).isTrue();
        assertThat(rpc.calls.get(0).params().toString()).isEqualTo("[0]");
    }

    /** After a runtime upgrade the Subtensor API reloads metadata and version before signing. */
    @Test
    void refreshesAfterRuntimeUpgrade() throws Exception {
        Metadata newer = Fixtures.spec393();
        FakeNode n = new FakeNode(newer, TESTNET, 393);
        byte[] blob = Files.readAllBytes(Fixtures.shared("fixtures", "metadata", "finney-spec393.v16.scale"));
        io.tao4j.scale.ScaleWriter w = new io.tao4j.scale.ScaleWriter();
        w.writeU8(1).writeByteVec(blob);
        String wrapped = Hex.encode0x(w.toByteArray());
        n.on("state_call", p -> ScriptedRpcClient.JSON.getNodeFactory().textNode(wrapped));
        Subtensor st = Subtensor.of(new OnlineClient(n, Fixtures.spec233(), TESTNET, new RuntimeVersion(233, 1)));
        assertThat(st.refreshIfUpgraded()).isTrue();
        assertThat(st.client().runtimeVersion().sameVersions(new RuntimeVersion(393, 1))).isTrue();
        assertThat(st.client().metadata().version()).isEqualTo(16);
        assertThat(st.refreshIfUpgraded()).isFalse();
    }
}
