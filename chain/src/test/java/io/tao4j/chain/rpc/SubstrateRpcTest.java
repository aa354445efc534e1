package io.tao4j.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed wrappers against responses recorded from finney (replayed by {@link FakeNode}). */
class SubstrateRpcTest {
    static final String HEAD = WsRpcClientTest.HEAD_6852690;
    static final String BONDS_HEAD = WsRpcClientTest.HEAD_BONDS;
    static final String BONDS_PREFIX = "0x658faa385070e074c85bf6b568cf05555641285262b8f970e4cbaafbff8d6ab01700";

    static FakeNode node;
    static WsRpcClient client;
    static SubstrateRpc rpc;

    @BeforeAll
    static void start() throws Exception {
        node = new FakeNode();
        client = WsRpcClient.connect(node.wsUri(), WsRpcClientTest.fast());
        rpc = new SubstrateRpc(client, Duration.ofSeconds(3));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        node.close();
    }

    @Test
    void headerAndBlockHash() {
        assertThat(rpc.chainGetBlockHash(null)).isEqualTo(HEAD);                 // recorded chain_getHead []
        assertThat(rpc.chainGetBlockHash(6_852_690L)).isEqualTo(HEAD);
        SubstrateRpc.Header h = rpc.chainGetHeader(HEAD);
        assertThat(h.number()).isEqualTo(6_852_690L);                             // "0x689052"
        assertThat(h.parentHash()).isEqualTo("0x7348409fe36728fa2ac7f0886346fd35b79804d294046d152ba1baccd9d0be3a");
        assertThat(h.stateRoot()).isEqualTo("0xa9433ea913e1cf46641aa5b157b163e1fecc48f83fb645416d48ff59c5ed8563");
        assertThat(h.digestLogs()).hasSize(3).allMatch(l -> l.startsWith("0x0"));
        assertThat(rpc.bestBlockNumber()).isEqualTo(6_852_690L);                 // chain_getHeader [null]
        assertThat(node.requests("chain_getHeader")).extracting(r -> r.get("params").toString()).contains("[null]");
    }

    @Test
    void runtimeVersion() {
        io.tao4j.chain.RuntimeVersion v = rpc.stateGetRuntimeVersion("0x7348409fe36728fa2ac7f0886346fd35b79804d294046d152ba1baccd9d0be3a");
        assertThat(v.specName()).isEqualTo("node-subtensor");
        assertThat(v.specVersion()).isEqualTo(343);
        assertThat(v.transactionVersion()).isEqualTo(1);
        assertThat(v.implVersion()).isEqualTo(1);
        assertThat(v.stateVersion()).isEqualTo(1);
        assertThat(v.apis()).hasSize(22).containsEntry("0xdf6acb689907609b", 5);
        assertThat(rpc.stateGetRuntimeVersion(BONDS_HEAD.equals("") ? null
                : "0xf305f795b37cb91dbe8369cf67c0badc41dae5c15811ecfdad5fc101f3cc17f5").specVersion()).isEqualTo(208);
    }

    @Test
    void storageValueAndAbsentValue() {
        // Tempo(23) at the "tempo" seed's head = 0xe803 = 1000
        byte[] tempo = rpc.stateGetStorage("0x658faa385070e074c85bf6b568cf05557641384bb339f3758acddfd7053d33171700",
                WsRpcClientTest.HEAD_TEMPO);
        assertThat(tempo).containsExactly(0xe8, 0x03);
        // an absent value comes back as null
        assertThat(rpc.stateGetStorage("0x658faa385070e074c85bf6b568cf0555604fb97037feb8522bf37d42d54fa6e9f1577fbf1d628fdd0100", HEAD)).isNull();
        // the node accepts state_getStorage; the recording used its alias state_getStorageAt
        assertThat(node.requests("state_getStorage")).isNotEmpty();
    }

    @Test
    void keysPagedThenQueryStorageAt() {
        List<String> keys = new ArrayList<>();
        String start = BONDS_PREFIX;
        while (true) {
            List<String> page = rpc.stateGetKeysPaged(BONDS_PREFIX, 100, start, BONDS_HEAD);
            keys.addAll(page);
            if (page.size() < 100) {
                break;
            }
            start = page.get(page.size() - 1);
        }
        assertThat(keys).hasSize(19).allMatch(k -> k.startsWith(BONDS_PREFIX));
        SubstrateRpc.StorageAt at = rpc.stateQueryStorageAt(keys, BONDS_HEAD);
        assertThat(at.block()).isEqualTo(BONDS_HEAD);
        assertThat(at.values()).hasSize(19);
        assertThat(at.get(keys.get(0))).containsExactly(0x00);                  // empty Vec of bonds
        assertThatThrownBy(() -> rpc.stateGetKeysPaged(BONDS_PREFIX, 1001, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..1000");
    }

    @Test
    void stateCallReturnsTheScaleBytes() {
        byte[] neurons = rpc.stateCall("NeuronInfoRuntimeApi_get_neurons_lite", "0100", HEAD);
        assertThat(neurons).hasSize(186_526);
        assertThat(neurons[0]).isEqualTo((byte) 0x01);          // compact length prefix of the Vec (recorded result starts 0x0110…)
        assertThat(rpc.stateCall("NeuronInfoRuntimeApi_get_neurons_lite", HexFormat.of().parseHex("0100"), HEAD)).isEqualTo(neurons);
    }

    @Test
    void systemChain() {
        assertThat(rpc.systemChain()).isEqualTo("Bittensor");
    }

    @Test
    void wrongResultShapeIsANamedError() {
        node.on("system_accountNextIndex", ex -> ex.result("seven"));
        assertThatThrownBy(() -> rpc.systemAccountNextIndex("5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM"))
                .isInstanceOf(RpcException.class).hasMessageContaining("system_accountNextIndex: expected a number");
        node.on("system_accountNextIndex", ex -> ex.result(FakeNode.JSON.valueToTree(7)));
        assertThat(rpc.systemAccountNextIndex("5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM")).isEqualTo(7);
        node.on("chain_getFinalizedHead", ex -> ex.result("0x1234"));
        assertThatThrownBy(() -> rpc.chainGetFinalizedHead()).isInstanceOf(RpcException.class).hasMessageContaining("32-byte");
    }

    @Test
    void systemProperties() throws Exception {
        // the finney chain spec's properties (shared spec subtensor.md §8)
        JsonNode props = FakeNode.JSON.readTree("{\"ss58Format\":42,\"tokenDecimals\":9,\"tokenSymbol\":\"TAO\"}");
        node.on("system_properties", ex -> ex.result(props));
        SubstrateRpc.SystemProperties p = rpc.systemProperties();
        assertThat(p.ss58Format()).isEqualTo(42);
        assertThat(p.tokenDecimals()).isEqualTo(9);
        assertThat(p.tokenSymbol()).isEqualTo("TAO");
    }

    @Test
    void httpTransportToAClosedPortSaysWhatToDo() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (HttpRpcClient http = new HttpRpcClient(java.net.URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> new SubstrateRpc(http).systemChain())
                    .isInstanceOf(RpcConnectionException.class)
                    .hasMessageStartingWith("cannot connect to http://127.0.0.1:" + port + ": connection refused — is the node running?");
        }
    }

    @Test
    void httpTransportAnswersTheSameCalls() {
        try (HttpRpcClient http = new HttpRpcClient(node.httpUri(), Duration.ofSeconds(3))) {
            SubstrateRpc h = new SubstrateRpc(http);
            assertThat(h.chainGetHeader(HEAD).number()).isEqualTo(6_852_690L);
            assertThat(h.systemChain()).isEqualTo("Bittensor");
            assertThatThrownBy(() -> h.call("no_such_method")).isInstanceOfSatisfying(RpcException.class,
                    e -> assertThat(e.code()).isEqualTo(-32601));
            assertThatThrownBy(() -> h.subscribeNewHeads(x -> { })).isInstanceOf(RpcException.class)
                    .hasMessageContaining("need a WebSocket endpoint");
        }
    }
}
