package io.tao4j.chain.rpc;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A half-open connection (the peer completes the handshake, then never sends a frame again). */
class KeepAliveTest {

    @Test
    void aSilentPeerIsDetectedByTheUnansweredPing() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> acceptAndGoSilent(server), "silent-peer");
            t.setDaemon(true);
            t.start();
            WsRpcClient.Options o = WsRpcClientTest.fast().withCallTimeout(Duration.ofSeconds(10)).withKeepAlive(Duration.ofMillis(100))
                    .withBackoff(Duration.ofMillis(50), Duration.ofMillis(50));
            try (WsRpcClient client = WsRpcClient.connect(URI.create("ws://127.0.0.1:" + server.getLocalPort()), o)) {
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> WsRpcClient.await(client.call("system_chain", List.of())))
                        .isInstanceOf(RpcConnectionException.class)
                        .hasMessageContaining("no frame and no answer to a ping");
                // well before the 10 s call timeout
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            }
        }
    }

    @Test
    void aLiveNodeAnswersPingsAndStaysConnected() throws Exception {
        try (FakeNode node = new FakeNode();
             WsRpcClient client = WsRpcClient.connect(node.wsUri(), WsRpcClientTest.fast().withKeepAlive(Duration.ofMillis(300)))) {
            Thread.sleep(1300);                                  // several keep-alive periods of silence, answered by pongs
            assertThat(client.reconnectCount()).isZero();
            assertThat(client.isConnected()).isTrue();
            assertThat(WsRpcClient.await(client.call("system_chain", List.of())).asText()).isEqualTo("Bittensor");
        }
    }

    private static void acceptAndGoSilent(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                String key = null;
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0) {
                    if (c == '\n') {
                        String l = line.toString().trim();
                        line.setLength(0);
                        if (l.isEmpty()) {
                            break;
                        }
                        if (l.toLowerCase().startsWith("sec-websocket-key:")) {
                            key = l.substring(l.indexOf(':') + 1).trim();
                        }
                    } else {
                        line.append((char) c);
                    }
                }
                String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread drain = new Thread(() -> {
                    try (s) {
                        while (in.read() >= 0) {
                            // read and ignore everything, answer nothing
                        }
                    } catch (Exception e) {
                        // closed
                    }
                });
                drain.setDaemon(true);
                drain.start();
            } catch (Exception e) {
                return;
            }
        }
    }
}
