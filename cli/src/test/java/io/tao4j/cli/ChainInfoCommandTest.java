package io.tao4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tao4j chain info} against a local WebSocket node answering with responses recorded from finney
 * (fixtures/rpc/recorded_rpc_bittensor_tests.json): best block = the "metagraph" seed's head (6,852,690,
 * runtime spec 343), finalized head = the older "tempo" seed's head.
 */
class ChainInfoCommandTest {
    static final String BEST = "0xdb13c066e2c63969f140164fb3bfe7a0aaa7b71407fc0fe525d68e57329ef9d0";
    static final String FINALIZED = "0x03a008636efbe7706f79f2c7d7d4e85ff26a3e67922e5fefab71e7f6d9dab43d";

    MiniWsNode node;
    long finalizedNumber;

    @BeforeEach
    void start() throws Exception {
        JsonNode fx = MiniWsNode.JSON.readTree(Path.of(System.getProperty("tao4j.shared"), "fixtures", "rpc",
                "recorded_rpc_bittensor_tests.json").toFile());
        node = new MiniWsNode();
        node.answer("system_chain", fx.at("/tempo/system_chain").elements().next().get("result"));
        node.answer("chain_getBlockHash", fx.at("/metagraph/chain_getHead").elements().next().get("result"));
        node.answer("chain_getFinalizedHead", fx.at("/tempo/chain_getHead").elements().next().get("result"));
        node.answer("state_getRuntimeVersion", fx.at("/metagraph/state_getRuntimeVersion").elements().next().get("result"));
        JsonNode bestHeader = first(fx.at("/metagraph/chain_getHeader"));
        JsonNode finalizedHeader = first(fx.at("/tempo/chain_getHeader"));
        finalizedNumber = Long.parseLong(finalizedHeader.get("number").asText().substring(2), 16);
        // chain_getHeader answers by hash
        node.answer("chain_getHeader", null);
        headers = Map.of(BEST, bestHeader, FINALIZED, finalizedHeader);
    }

    Map<String, JsonNode> headers;

    static JsonNode first(JsonNode byParams) {
        Iterator<JsonNode> it = byParams.elements();
        return it.next().get("result");
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void printsChainRuntimeBestAndFinalized() {
        node.byHash("chain_getHeader", headers);
        CliRun r = CliRun.run("chain", "info", "--subtensor.chain_endpoint", node.uri().toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("network          local (" + node.uri() + ")")
                .contains("chain            Bittensor")
                .contains("runtime          node-subtensor, spec version 343, transaction version 1")
                .contains("best block       6852690  " + BEST)
                .contains("finalized block  " + finalizedNumber + "  " + FINALIZED);
        assertThat(node.requests).extracting(q -> q.path("method").asText())
                .contains("system_chain", "chain_getBlockHash", "chain_getHeader", "state_getRuntimeVersion", "chain_getFinalizedHead");
    }

    @Test
    void jsonOutputAndUrlAsNetwork() throws Exception {
        node.byHash("chain_getHeader", headers);
        CliRun r = CliRun.run("chain", "info", "--json", "--subtensor.network", node.uri().toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = MiniWsNode.JSON.readTree(r.out());
        assertThat(j.get("network").asText()).isEqualTo("local");
        assertThat(j.get("endpoint").asText()).isEqualTo(node.uri().toString());
        assertThat(j.get("chain").asText()).isEqualTo("Bittensor");
        assertThat(j.get("specVersion").asInt()).isEqualTo(343);
        assertThat(j.get("bestBlock").asLong()).isEqualTo(6_852_690L);
        assertThat(j.get("bestBlockHash").asText()).isEqualTo(BEST);
        assertThat(j.get("finalizedBlock").asLong()).isEqualTo(finalizedNumber);
        assertThat(j.get("finalizedBlockHash").asText()).isEqualTo(FINALIZED);
    }

    @Test
    void unknownNetworkNamesTheChoices() {
        CliRun r = CliRun.run("chain", "info", "--subtensor.network", "mainnet");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tao4j: unknown network 'mainnet'; expected one of finney, test, archive, local, rao, dev,"
                + " latent-lite, or an endpoint URL (ws://host:port or wss://host:port)");
    }

    @Test
    void unreachableNodeSaysWhatToDo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun r = CliRun.run("chain", "info", "--subtensor.chain_endpoint", "ws://127.0.0.1:" + port);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("tao4j: cannot connect to ws://127.0.0.1:" + port
                + ": connection refused — is the node running? use --subtensor.chain_endpoint");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void nodeErrorIsReportedWithTheEndpoint() {
        // no chain_getHeader answer configured: the node says "Method not found"
        CliRun r = CliRun.run("chain", "info", "--subtensor.chain_endpoint", node.uri().toString(), "--subtensor.timeout", "5");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(node.uri().toString()).contains("chain_getHeader: Method not found (code -32601)");
    }
}
