package io.tao4j.localnet.node;

import io.tao4j.localnet.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON-RPC over HTTP POST reads at most {@link RpcServer.Limits#MAX_HTTP_REQUEST_BYTES}: a larger body is answered
 * 413 with error -32007 instead of being read whole (a 1.2 GB POST was held in memory).
 */
class RpcHttpLimitsTest {
    static RpcServer rpc;

    @BeforeAll
    static void start() throws Exception {
        rpc = new RpcServer(new DevNode(NodeMetadata.load(), Genesis.defaults().fast().build()), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        rpc.close();
    }

    /** Sends {@code head}, then up to {@code bodyBytes} of filler (stopping if the server closes), then reads the answer. */
    static String exchange(String head, long bodyBytes) throws IOException {
        try (Socket s = RawHttp.connect(rpc.port())) {
            OutputStream o = s.getOutputStream();
            o.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] filler = new byte[64 * 1024];
            Arrays.fill(filler, (byte) ' ');
            try {
                for (long sent = 0; sent < bodyBytes; sent += filler.length) {
                    o.write(filler);
                }
                o.flush();
            } catch (IOException closedByServer) {
                // the server answered and closed before taking it all: read what it said
            }
            return RawHttp.readUntil(s.getInputStream(), got -> got.contains("\"id\":null}"));
        }
    }

    @Test
    void aDeclaredOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        String answer = exchange("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1200000000\r\n\r\n", 0);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":-32007").contains("Request is too big");
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws Exception {
        // chunked transfer: no length up front; 16 MiB of one HTTP chunk
        int size = RpcServer.Limits.MAX_HTTP_REQUEST_BYTES + (1 << 20);
        String answer = exchange("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(size) + "\r\n", size);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":-32007");
    }
}
