package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alias a Substrate node serves (polkadot-sdk {@code sc-rpc-api}, frame-system's {@code account_nextIndex})
 * for the methods this node implements answers as its method does; {@code @polkadot/api} calls several of them.
 */
class RpcAliasesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static DevNode node;
    static RpcServer rpc;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        node = new DevNode(NodeMetadata.load(), Genesis.defaults().fast().build());
        node.produceBlock();
        node.produceBlock();
        rpc = new RpcServer(node, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        rpc.close();
    }

    static JsonNode post(String method, String params) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rpc.port() + "/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}"))
                .build();
        return JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void rpcMethodsListsEveryNameAndAlias() throws Exception {
        List<String> listed = new ArrayList<>();
        post("rpc_methods", "[]").path("result").path("methods").forEach(n -> listed.add(n.asText()));
        assertThat(listed).contains("chain_subscribeNewHeads", "chain_subscribeNewHead", "subscribe_newHead",
                "chain_unsubscribeNewHeads", "chain_unsubscribeNewHead", "unsubscribe_newHead",
                "chain_subscribeFinalizedHeads", "chain_subscribeFinalisedHeads", "chain_unsubscribeFinalizedHeads",
                "chain_unsubscribeFinalisedHeads", "chain_subscribeAllHeads", "chain_unsubscribeAllHeads",
                "chain_getBlockHash", "chain_getHead", "chain_getFinalizedHead", "chain_getFinalisedHead",
                "state_getStorage", "state_getStorageAt", "state_getKeysPaged", "state_getKeysPagedAt", "state_call",
                "state_callAt", "state_getRuntimeVersion", "chain_getRuntimeVersion", "state_subscribeRuntimeVersion",
                "chain_subscribeRuntimeVersion", "state_unsubscribeRuntimeVersion", "chain_unsubscribeRuntimeVersion",
                "state_subscribeStorage", "state_unsubscribeStorage", "system_accountNextIndex", "account_nextIndex");
        assertThat(listed).isSorted().doesNotHaveDuplicates();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(rpc.methodNames());
    }

    @Test
    void callAliasesAnswerAsTheirMethod() throws Exception {
        String[][] pairs = {
                {"chain_getBlockHash", "chain_getHead", "[1]"},
                {"chain_getBlockHash", "chain_getHead", "[]"},
                {"chain_getFinalizedHead", "chain_getFinalisedHead", "[]"},
                {"state_getRuntimeVersion", "chain_getRuntimeVersion", "[]"},
                {"state_getStorage", "state_getStorageAt", "[\"0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac\"]"},
                {"state_getKeysPaged", "state_getKeysPagedAt", "[\"0x26aa394eea5630e07c48ae0c9558cef7\", 5]"},
                {"state_call", "state_callAt", "[\"Core_version\", \"0x\"]"},
                {"system_accountNextIndex", "account_nextIndex", "[\"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY\"]"},
        };
        for (String[] p : pairs) {
            JsonNode a = post(p[0], p[2]);
            JsonNode b = post(p[1], p[2]);
            assertThat(a.has("result")).as(p[0] + " " + a).isTrue();
            assertThat(b.path("result")).as(p[1]).isEqualTo(a.path("result"));
        }
    }

    @Test
    void subscriptionAliasesNotifyUnderSubstratesNames() throws Exception {
        try (RawWebSocket ws = new RawWebSocket(rpc.port(), 0)) {
            String[][] subs = {
                    {"chain_subscribeNewHead", "chain_newHead", "chain_unsubscribeNewHead"},
                    {"subscribe_newHead", "chain_newHead", "unsubscribe_newHead"},
                    {"chain_subscribeFinalisedHeads", "chain_finalizedHead", "chain_unsubscribeFinalisedHeads"},
                    {"chain_subscribeRuntimeVersion", "state_runtimeVersion", "chain_unsubscribeRuntimeVersion"},
            };
            int id = 1;
            for (String[] s : subs) {
                ws.call(id, s[0], "[]");
                JsonNode r = ws.response(id++);
                assertThat(r.path("result").isTextual()).as(s[0] + " " + r).isTrue();
                String sub = r.path("result").asText();
                JsonNode n = ws.readJson();
                assertThat(n.path("method").asText()).isEqualTo(s[1]);
                assertThat(n.path("params").path("subscription").asText()).isEqualTo(sub);
                ws.call(id, s[2], "[\"" + sub + "\"]");
                assertThat(ws.response(id++).path("result").asBoolean()).as(s[2]).isTrue();
            }
        }
    }
}
