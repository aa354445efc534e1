package io.tao4j.localnet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** Plain-socket HTTP for the tests that send what a well-behaved client would not. */
public final class RawHttp {
    private RawHttp() {
    }

    /** A socket to 127.0.0.1:{@code port} (5 s to connect, reads time out after 10 s). */
    public static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** What the peer sends, as UTF-8, until it satisfies {@code complete}, the stream ends or the peer resets it. */
    public static String readUntil(InputStream in, Predicate<String> complete) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!complete.test(got.toString(StandardCharsets.UTF_8))) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketException reset) {
                break;
            }
            if (n < 0) {
                break;
            }
            got.write(buf, 0, n);
        }
        return got.toString(StandardCharsets.UTF_8);
    }
}
