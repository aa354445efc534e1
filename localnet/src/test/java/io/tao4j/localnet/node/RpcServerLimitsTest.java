package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket transport's limits: a client that stops reading cannot hold up block production and is dropped
 * with {@link RpcConnection#CLOSE_SLOW_CONSUMER}; a connection holds at most the configured number of subscriptions.
 */
class RpcServerLimitsTest {
    static NodeMetadata meta;
    DevNode node;
    RpcServer rpc;

    @BeforeAll
    static void load() {
        meta = NodeMetadata.load();
    }

    @AfterEach
    void stop() {
        if (rpc != null) {
            rpc.close();
        }
    }

    private void start(RpcServer.Limits limits) throws Exception {
        node = new DevNode(meta, Genesis.defaults().fast().build());
        rpc = new RpcServer(node, "127.0.0.1", 0, limits);
    }

    /**
     * Produces blocks on the localnet's fast schedule (one every 250 ms) for {@code millis} while a client is stalled,
     * and returns the longest time one block took to produce. Before the send queues, one notification to a client
     * that does not read held the producing thread up to 10 s.
     */
    private long slowestBlockMillis(long millis, int[] produced) throws InterruptedException {
        long start = System.nanoTime();
        long slowest = 0;
        for (int slot = 0; System.nanoTime() - start < millis * 1_000_000L; slot++) {
            long t = System.nanoTime();
            node.produceBlock();
            slowest = Math.max(slowest, (System.nanoTime() - t) / 1_000_000L);
            produced[0]++;
            long next = start + (slot + 1) * 250_000_000L;
            long wait = (next - System.nanoTime()) / 1_000_000L;
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
        return slowest;
    }

    @Test
    void aClientThatNeverReadsDoesNotStallBlocksAndIsDroppedWithTheCloseCode() throws Exception {
        start(new RpcServer.Limits(1024, 1 << 20, Duration.ofSeconds(60)));
        try (RawWebSocket stalled = new RawWebSocket(rpc.port(), 4096)) {
            stalled.call(1, "chain_subscribeNewHeads", "[]");
            // ask for far more than socket buffers and the 1 MiB queue hold, then never read
            int metadataHex = 2 * meta.v14Bytes().length;
            int requests = (int) Math.min(400, 2 + (24L << 20) / metadataHex);
            for (int i = 0; i < requests; i++) {
                stalled.call(100 + i, "state_getMetadata", "[]");
            }
            // the producing thread never waits for the stalled client: blocks keep their 250 ms schedule (with the
            // old blocking sends the first notification after the buffers filled held it for 10 s)
            int[] produced = {0};
            long slowest = slowestBlockMillis(4_000, produced);
            assertThat(slowest).as("longest block production while a client is stalled, ms").isLessThan(2_000);
            assertThat(produced[0]).isGreaterThanOrEqualTo(8);

            long until = System.nanoTime() + 30_000_000_000L; // bounded wait: the drop happens as the queue fills
            while (rpc.slowConsumersDropped() == 0 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(rpc.slowConsumersDropped()).as("the stalled client was dropped").isEqualTo(1);
            // now read: what the kernel buffered, then the close frame with the slow-consumer code. The server closes
            // a socket whose requests it has not all read, so the kernel may answer with a reset that overtakes the
            // close frame; the drop itself is asserted above on the server's side.
            RawWebSocket.Frame f = null;
            try {
                do {
                    f = stalled.read();
                } while (f.opcode() != 8);
            } catch (java.net.SocketException reset) {
                assertThat(reset.getMessage()).containsIgnoringCase("reset");
                f = null;
            }
            if (f != null) {
                assertThat(f.closeCode()).isEqualTo(RpcConnection.CLOSE_SLOW_CONSUMER);
                assertThat(new String(f.payload(), 2, f.payload().length - 2, java.nio.charset.StandardCharsets.UTF_8))
                        .startsWith("slow consumer");
            }
        }
        // the server still serves others
        try (RawWebSocket other = new RawWebSocket(rpc.port(), 0)) {
            other.call(1, "chain_getBlockHash", "[]");
            assertThat(other.response(1).path("result").asText()).startsWith("0x");
        }
    }

    @Test
    void theSubscriptionCapPerConnectionIsEnforced() throws Exception {
        start(new RpcServer.Limits(3, RpcServer.Limits.DEFAULT_MAX_QUEUED_BYTES, Duration.ofSeconds(10)));
        try (RawWebSocket ws = new RawWebSocket(rpc.port(), 0)) {
            String[] ids = new String[3];
            ws.call(1, "chain_subscribeNewHeads", "[]");
            ids[0] = ws.response(1).path("result").asText();
            ws.call(2, "chain_subscribeFinalizedHeads", "[]");
            ids[1] = ws.response(2).path("result").asText();
            ws.call(3, "state_subscribeRuntimeVersion", "[]");
            ids[2] = ws.response(3).path("result").asText();
            assertThat(ids).doesNotContainNull().doesNotContain("");

            ws.call(4, "state_subscribeStorage", "[[\"0x26aa394eea5630e07c48ae0c9558cef7\"]]");
            JsonNode refused = ws.response(4);
            assertThat(refused.path("error").path("code").asInt()).isEqualTo(RpcMethods.TOO_MANY_SUBSCRIPTIONS);
            assertThat(refused.path("error").path("message").asText()).isEqualTo("Too many subscriptions on the connection");
            assertThat(refused.path("error").path("data").asText()).contains("3");

            // a freed slot can be used again
            ws.call(5, "chain_unsubscribeNewHeads", "[\"" + ids[0] + "\"]");
            assertThat(ws.response(5).path("result").asBoolean()).isTrue();
            ws.call(6, "chain_subscribeNewHeads", "[]");
            assertThat(ws.response(6).path("result").isTextual()).isTrue();
        }
        // the cap is per connection: another one starts empty
        try (RawWebSocket ws2 = new RawWebSocket(rpc.port(), 0)) {
            ws2.call(1, "chain_subscribeNewHeads", "[]");
            assertThat(ws2.response(1).path("result").isTextual()).isTrue();
        }
    }
}
