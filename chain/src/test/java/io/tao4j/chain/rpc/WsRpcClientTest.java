package io.tao4j.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WsRpcClientTest {
    // heads recorded from finney (fixture seeds "metagraph" and "tempo")
    static final String HEAD_6852690 = "0xdb13c066e2c63969f140164fb3bfe7a0aaa7b71407fc0fe525d68e57329ef9d0";
    static final String HEAD_TEMPO = "0x03a008636efbe7706f79f2c7d7d4e85ff26a3e67922e5fefab71e7f6d9dab43d";
    static final String HEAD_BONDS = "0xba206b08f55118c21e6e243702052edcecd48e89d951fa05213adde358473da0";

    FakeNode node;
    WsRpcClient client;

    /**
     * Quick reconnects and a 1 s keep-alive. The keep-alive matters: in a stress loop (300 runs, CPU loaded) the JDK's
     * WebSocket missed about 4 % of the test server's abrupt closes (no onClose/onError at all); the keep-alive is what
     * notices such a silent loss, within twice its period, as it would a half-open TCP connection in production.
     */
    static WsRpcClient.Options fast() {
        return WsRpcClient.Options.defaults()
                .withCallTimeout(Duration.ofSeconds(10))
                .withConnectTimeout(Duration.ofSeconds(2))
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .withKeepAlive(Duration.ofSeconds(1));
    }

    @BeforeEach
    void start() throws Exception {
        node = new FakeNode();
        client = WsRpcClient.connect(node.wsUri(), fast());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        node.close();
    }

    static JsonNode header(String seed, String hash) throws Exception {
        return FakeNode.recordedResult(seed, "chain_getHeader", "[\"" + hash + "\"]");
    }

    @Test
    void concurrentCallsGetTheirOwnResponsesWhenTheNodeAnswersOutOfOrder() throws Exception {
        int n = 24;
        List<FakeNode.Exchange> held = new CopyOnWriteArrayList<>();
        // hold every request until all have arrived, then answer in reverse order
        node.on("chain_getHeader", ex -> {
            held.add(ex);
            if (held.size() == n) {
                for (int i = n - 1; i >= 0; i--) {
                    held.get(i).replay();
                }
            }
        });
        String[] hashes = {HEAD_6852690, HEAD_TEMPO, HEAD_BONDS};
        List<CompletableFuture<JsonNode>> futures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CompletableFuture<?>[] slots = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            Thread t = new Thread(() -> slots[k] = client.call("chain_getHeader", List.of(hashes[k % 3])));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (CompletableFuture<?> f : slots) {
            futures.add((CompletableFuture<JsonNode>) f);
        }
        for (int i = 0; i < n; i++) {
            JsonNode got = futures.get(i).get(3, TimeUnit.SECONDS);
            String seed = switch (i % 3) {
                case 0 -> "metagraph";
                case 1 -> "tempo";
                default -> "bonds";
            };
            assertThat(got).as("call %d", i).isEqualTo(header(seed, hashes[i % 3]));
        }
        assertThat(node.requests("chain_getHeader")).extracting(r -> r.get("id").asLong()).doesNotHaveDuplicates();
    }

    @Test
    void jsonRpcErrorIsSurfacedWithCodeMessageAndData() {
        // the shape of a transaction-pool rejection (shared spec subtensor.md §5.3)
        node.on("author_submitExtrinsic", ex -> ex.error(1010, "Invalid Transaction", "Custom error: 6"));
        assertThatThrownBy(() -> WsRpcClient.await(client.call("author_submitExtrinsic", List.of("0x00"))))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(1010);
                    assertThat(e.data()).isEqualTo("Custom error: 6");
                    assertThat(e.getMessage()).isEqualTo("author_submitExtrinsic: Invalid Transaction (code 1010): Custom error: 6");
                });
        // an unknown method from the node's own error path
        assertThatThrownBy(() -> WsRpcClient.await(client.call("no_such_method", List.of())))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(-32601));
    }

    @Test
    void callTimesOutAndALateResponseIsIgnored() throws Exception {
        List<FakeNode.Exchange> held = new CopyOnWriteArrayList<>();
        node.on("system_chain", held::add);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> WsRpcClient.await(client.call("system_chain", List.of(), Duration.ofMillis(200))))
                .isInstanceOf(RpcTimeoutException.class)
                .hasMessage("system_chain: no response from " + node.wsUri() + " within 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        long before = client.malformedFrameCount();
        held.get(0).result("Bittensor");                     // too late
        node.on("system_chain", FakeNode.Exchange::replay);
        assertThat(WsRpcClient.await(client.call("system_chain", List.of())).asText()).isEqualTo("Bittensor");
        assertThat(client.malformedFrameCount()).isEqualTo(before + 1);
    }

    @Test
    void reconnectsAfterTheServerDropsAndResumesNewHeads() throws Exception {
        BlockingQueue<JsonNode> heads = new LinkedBlockingQueue<>();
        List<String> subIds = new CopyOnWriteArrayList<>();
        node.on("chain_subscribeNewHeads", ex -> {
            String id = node.newSubscriptionId();
            subIds.add(id);
            ex.result(id);
        });
        List<FakeNode.Exchange> held = new CopyOnWriteArrayList<>();
        node.on("state_getMetadata", held::add);          // never answered: in flight when the connection drops

        RpcClient.Subscription sub = client.subscribe("chain_subscribeNewHeads", List.of(), "chain_unsubscribeNewHeads", heads::add);
        assertThat(subIds).hasSize(1);
        node.notifyAll("chain_newHead", subIds.get(0), header("tempo", HEAD_TEMPO));
        assertThat(heads.poll(10, TimeUnit.SECONDS)).isEqualTo(header("tempo", HEAD_TEMPO));

        CompletableFuture<JsonNode> inFlight = client.call("state_getMetadata", List.of());
        waitUntil(() -> held.size() == 1);
        node.dropAll();

        assertThatThrownBy(() -> WsRpcClient.await(inFlight))
                .isInstanceOf(RpcConnectionException.class)
                .hasMessageContaining("connection to " + node.wsUri() + " lost")
                .hasMessageContaining("state_getMetadata");
        waitUntil(() -> subIds.size() == 2);                  // the client subscribed again on a new connection
        assertThat(node.connections.get()).isEqualTo(2);
        assertThat(subIds.get(1)).isNotEqualTo(subIds.get(0));
        waitUntil(client::isConnected);
        assertThat(client.reconnectCount()).isEqualTo(1);

        node.notifyAll("chain_newHead", subIds.get(1), header("metagraph", HEAD_6852690));
        assertThat(heads.poll(10, TimeUnit.SECONDS)).isEqualTo(header("metagraph", HEAD_6852690));
        // calls work again
        assertThat(WsRpcClient.await(client.call("system_chain", List.of())).asText()).isEqualTo("Bittensor");

        sub.close();
        waitUntil(() -> node.requests("chain_unsubscribeNewHeads").size() == 1);
        assertThat(node.requests("chain_unsubscribeNewHeads").get(0).get("params").get(0).asText()).isEqualTo(subIds.get(1));
    }

    @Test
    void callsMadeWhileReconnectingGoOutOnTheNewConnection() throws Exception {
        try (WsRpcClient slow = WsRpcClient.connect(node.wsUri(), fast().withBackoff(Duration.ofMillis(300), Duration.ofSeconds(1)).withJitter(0))) {
            waitUntil(() -> node.open.size() == 2);            // the server has registered both connections
            node.dropAll();
            waitUntil(() -> !slow.isConnected());
            // made while the client waits to reconnect: queued, then sent on the new connection
            CompletableFuture<JsonNode> f = slow.call("chain_getHeader", List.of(HEAD_BONDS));
            assertThat(f).isNotDone();
            assertThat(WsRpcClient.await(f)).isEqualTo(header("bonds", HEAD_BONDS));
            assertThat(slow.reconnectCount()).isEqualTo(1);
        }
    }

    @Test
    void unreachableEndpointSaysWhatToDo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI uri = URI.create("ws://127.0.0.1:" + port);
        assertThatThrownBy(() -> WsRpcClient.connect(uri, fast()))
                .isInstanceOf(RpcConnectionException.class)
                .hasMessage("cannot connect to ws://127.0.0.1:" + port + ": connection refused — is the node running?");
    }

    @Test
    void rejectsNonWebSocketUrls() {
        assertThatThrownBy(() -> WsRpcClient.connect(URI.create("http://127.0.0.1:9944"), fast()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ws:// or wss://");
    }

    @Test
    void malformedFramesAreIgnoredWithoutBreakingTheConnection() throws Exception {
        node.on("system_chain", ex -> {
            ex.raw("this is not json");
            ex.raw("[1,2,3]");
            ex.raw("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"result\":1}");
            ex.raw("{\"jsonrpc\":\"2.0\",\"id\":987654,\"result\":1}");
            ex.raw("{\"jsonrpc\":\"2.0\",\"method\":\"chain_newHead\",\"params\":{}}");
            ex.raw("{\"jsonrpc\":\"2.0\",\"hello\":true}");
            ex.conn.sendBinary(new byte[]{1, 2, 3});
            ex.replay();
        });
        assertThat(WsRpcClient.await(client.call("system_chain", List.of())).asText()).isEqualTo("Bittensor");
        assertThat(client.malformedFrameCount()).isEqualTo(7);
        assertThat(client.isConnected()).isTrue();
        assertThat(client.reconnectCount()).isZero();
    }

    @Test
    void largeFragmentedResponseIsReassembled() throws Exception {
        // real finney metadata (spec 343), sent as a 1.4 MB text message in 32 KiB fragments
        String hex = Files.readString(Path.of(System.getProperty("tao4j.shared"), "fixtures", "metadata", "finney-spec343.v14.hex")).trim();
        String h = hex.startsWith("0x") ? hex : "0x" + hex;
        node.on("state_getMetadata", ex -> ex.resultFragmented(JsonNodeFactory.instance.textNode(h), 32 * 1024));
        byte[] meta = new SubstrateRpc(client).stateGetMetadata(null);
        assertThat(meta).isEqualTo(HexFormat.of().parseHex(h.substring(2)));
        assertThat(new String(meta, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("meta");
        assertThat(meta.length).isGreaterThan(100_000);
    }

    @Test
    void notificationsBeforeTheSubscribeResponseAreNotLost() throws Exception {
        BlockingQueue<JsonNode> heads = new LinkedBlockingQueue<>();
        node.on("chain_subscribeFinalizedHeads", ex -> {
            String id = node.newSubscriptionId();
            ex.raw(FakeNode.notification("chain_finalizedHead", id, header("tempo", HEAD_TEMPO)));
            ex.result(id);
            ex.raw(FakeNode.notification("chain_finalizedHead", id, header("bonds", HEAD_BONDS)));
        });
        client.subscribe("chain_subscribeFinalizedHeads", List.of(), "chain_unsubscribeFinalizedHeads", heads::add);
        assertThat(heads.poll(10, TimeUnit.SECONDS)).isEqualTo(header("tempo", HEAD_TEMPO));
        assertThat(heads.poll(10, TimeUnit.SECONDS)).isEqualTo(header("bonds", HEAD_BONDS));
    }

    @Test
    void watchedExtrinsicIsNotResubmittedAfterAReconnectAndItsListenerHearsOfTheLoss() throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        node.on("author_submitAndWatchExtrinsic", ex -> {
            String id = node.newSubscriptionId();
            ids.add(id);
            ex.result(id);
            ex.raw(FakeNode.notification("author_extrinsicUpdate", id, JsonNodeFactory.instance.textNode("ready")));
        });
        BlockingQueue<TransactionStatus> statuses = new LinkedBlockingQueue<>();
        BlockingQueue<RpcException> errors = new LinkedBlockingQueue<>();
        new SubstrateRpc(client).authorSubmitAndWatchExtrinsic("0x1234", new SubstrateRpc.ExtrinsicListener() {
            @Override
            public void onStatus(TransactionStatus status) {
                statuses.add(status);
            }

            @Override
            public void onError(RpcException error) {
                errors.add(error);
            }
        });
        assertThat(statuses.poll(10, TimeUnit.SECONDS).kind()).isEqualTo(TransactionStatus.Kind.READY);
        node.dropAll();
        RpcException e = errors.poll(10, TimeUnit.SECONDS);
        assertThat(e).isInstanceOf(RpcConnectionException.class);
        assertThat(e.getMessage()).contains("while watching author_submitAndWatchExtrinsic").contains("cannot be resumed");
        waitUntil(client::isConnected);
        Thread.sleep(100);
        assertThat(node.requests("author_submitAndWatchExtrinsic")).hasSize(1);
        assertThat(ids).hasSize(1);
    }

    @Test
    void theInterfacesErrorCallbackHearsOfAConnectionLossUnderAOneShotSubscription() throws Exception {
        node.on("author_submitAndWatchExtrinsic", ex -> {
            String id = node.newSubscriptionId();
            ex.result(id);
            ex.raw(FakeNode.notification("author_extrinsicUpdate", id, JsonNodeFactory.instance.textNode("ready")));
        });
        RpcClient rpc = client;                                  // no WebSocket-specific API
        BlockingQueue<JsonNode> items = new LinkedBlockingQueue<>();
        BlockingQueue<RpcException> errors = new LinkedBlockingQueue<>();
        rpc.subscribe("author_submitAndWatchExtrinsic", List.of("0x1234"), "author_unwatchExtrinsic", items::add, errors::add);
        assertThat(items.poll(10, TimeUnit.SECONDS).asText()).isEqualTo("ready");
        assertThat(errors).isEmpty();
        node.dropAll();
        RpcException e = errors.poll(10, TimeUnit.SECONDS);
        assertThat(e).isInstanceOf(RpcConnectionException.class).hasMessageContaining("lost");
        Thread.sleep(100);
        assertThat(errors).isEmpty();                            // at most once
    }

    @Test
    void watchedExtrinsicEndsAtItsFinalStatus() throws Exception {
        node.on("author_submitAndWatchExtrinsic", ex -> {
            String id = node.newSubscriptionId();
            ex.result(id);
            for (String s : List.of("\"ready\"", "{\"broadcast\":[\"12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp\"]}",
                    "{\"inBlock\":\"" + HEAD_TEMPO + "\"}", "{\"finalized\":\"" + HEAD_TEMPO + "\"}")) {
                ex.raw(FakeNode.notification("author_extrinsicUpdate", id, FakeNode.JSON.readTree(s)));
            }
        });
        BlockingQueue<TransactionStatus> statuses = new LinkedBlockingQueue<>();
        List<RpcException> errors = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        new SubstrateRpc(client).authorSubmitAndWatchExtrinsic("0x1234", new SubstrateRpc.ExtrinsicListener() {
            @Override
            public void onStatus(TransactionStatus status) {
                statuses.add(status);
                if (status.isFinal()) {
                    done.countDown();
                }
            }

            @Override
            public void onError(RpcException error) {
                errors.add(error);
            }
        });
        assertThat(done.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(statuses).extracting(TransactionStatus::kind).containsExactly(TransactionStatus.Kind.READY,
                TransactionStatus.Kind.BROADCAST, TransactionStatus.Kind.IN_BLOCK, TransactionStatus.Kind.FINALIZED);
        assertThat(statuses).last().extracting(TransactionStatus::blockHash).isEqualTo(HEAD_TEMPO);
        node.dropAll();                                      // after the final status a lost connection is no news
        waitUntil(client::isConnected);
        Thread.sleep(100);
        assertThat(errors).isEmpty();
    }

    @Test
    void submitAndWatchRejectionThrows() {
        node.on("author_submitAndWatchExtrinsic", ex -> ex.error(1010, "Invalid Transaction", "Transaction has a bad signature"));
        assertThatThrownBy(() -> new SubstrateRpc(client).authorSubmitAndWatchExtrinsic("0x1234", s -> { }))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(1010);
                    assertThat(e.data()).isEqualTo("Transaction has a bad signature");
                });
    }

    @Test
    void closeFailsPendingCallsAndLaterCalls() throws Exception {
        node.on("state_getMetadata", ex -> { });
        CompletableFuture<JsonNode> pending = client.call("state_getMetadata", List.of());
        waitUntil(() -> node.requests("state_getMetadata").size() == 1);
        client.close();
        assertThatThrownBy(() -> WsRpcClient.await(pending)).isInstanceOf(RpcConnectionException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> WsRpcClient.await(client.call("system_chain", List.of()))).isInstanceOf(RpcConnectionException.class);
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void aSubscriptionThatAnswersAfterItsTimeoutIsCancelled() throws Exception {
        List<FakeNode.Exchange> held = new CopyOnWriteArrayList<>();
        node.on("chain_subscribeNewHeads", held::add);
        try (WsRpcClient quick = WsRpcClient.connect(node.wsUri(), fast().withCallTimeout(Duration.ofMillis(200)))) {
            assertThatThrownBy(() -> quick.subscribe("chain_subscribeNewHeads", List.of(), "chain_unsubscribeNewHeads", h -> { }))
                    .isInstanceOf(RpcTimeoutException.class);
            held.get(0).result("late-sub");
            waitUntil(() -> node.requests("chain_unsubscribeNewHeads").size() == 1);
            assertThat(node.requests("chain_unsubscribeNewHeads").get(0).get("params").get(0).asText()).isEqualTo("late-sub");
            assertThat(quick.malformedFrameCount()).isZero();
        }
    }

    @Test
    void backoffDoublesUpToTheCapWithJitter() {
        WsRpcClient.Options o = WsRpcClient.Options.defaults().withBackoff(Duration.ofMillis(250), Duration.ofSeconds(30)).withJitter(0.2);
        assertThat(WsRpcClient.backoffMillis(0, o, 0.5)).isEqualTo(250);
        assertThat(WsRpcClient.backoffMillis(1, o, 0.5)).isEqualTo(500);
        assertThat(WsRpcClient.backoffMillis(4, o, 0.5)).isEqualTo(4000);
        assertThat(WsRpcClient.backoffMillis(7, o, 0.5)).isEqualTo(30_000);       // 32 s capped
        assertThat(WsRpcClient.backoffMillis(1000, o, 0.5)).isEqualTo(30_000);    // no overflow
        assertThat(WsRpcClient.backoffMillis(0, o, 0.0)).isEqualTo(200);          // -20 %
        assertThat(WsRpcClient.backoffMillis(0, o, 0.999999)).isEqualTo(300);     // +20 %
        assertThat(WsRpcClient.backoffMillis(100, o, 0.0)).isEqualTo(24_000);
    }

    static void waitUntil(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
