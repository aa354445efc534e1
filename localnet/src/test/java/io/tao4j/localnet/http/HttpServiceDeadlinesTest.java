package io.tao4j.localnet.http;

import io.tao4j.localnet.beacon.BeaconServer;
import io.tao4j.localnet.beacon.LocalBeacon;
import io.tao4j.localnet.prices.PriceFeed;
import io.tao4j.localnet.prices.PriceModel;
import io.tao4j.localnet.store.PayloadStore;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send part of a request and stop cannot freeze the local network's HTTP services: each exchange has a
 * deadline, past which its connection is closed, and other clients are answered. Before the deadlines, as many
 * stalled requests as the service had threads (4 for the beacon, 2 for the price feed, 8 for the store) froze it.
 */
class HttpServiceDeadlinesTest {
    /** Two threads and a one-second deadline, so the test needs few sockets and little time. */
    static final DeadlineExecutor.Limits SMALL = new DeadlineExecutor.Limits(2, Duration.ofSeconds(1));
    static final int STALLED = 6;

    /** Opens {@code n} connections that send a request line and part of the headers, then nothing. */
    static List<Socket> stall(int port, int n) throws Exception {
        List<Socket> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(15_000);
            OutputStream o = s.getOutputStream();
            o.write("GET /latest_prices.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Stalled: ".getBytes(StandardCharsets.US_ASCII));
            o.flush();
            out.add(s);
        }
        Thread.sleep(200); // let the server take them up
        return out;
    }

    /** A normal request is answered while {@link #STALLED} clients hang, and the hanging ones are cut. */
    static void check(int port, String path) throws Exception {
        List<Socket> stalled = stall(port, STALLED);
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isBetween(200, 499);
            for (Socket s : stalled) {
                InputStream in = s.getInputStream();
                int b;
                try {
                    b = in.read(); // the server closes it: end of stream (or a reset)
                } catch (java.net.SocketException reset) {
                    b = -1;
                }
                assertThat(b).as("a stalled connection is closed by the server").isEqualTo(-1);
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void stalledRequestsDoNotFreezeTheBeacon() throws Exception {
        try (BeaconServer s = BeaconServer.start(new LocalBeacon("test", 1_700_000_000L, 3, "quicknet"),
                Clock.systemUTC(), "127.0.0.1", 0, SMALL)) {
            check(s.port(), "/v2/beacons");
        }
    }

    @Test
    void stalledRequestsDoNotFreezeThePriceFeed() throws Exception {
        try (PriceFeed f = PriceFeed.start(new PriceModel(PriceModel.DEFAULT_ASSETS, 7), "127.0.0.1", 0, SMALL)) {
            check(f.port(), "/latest_prices.json");
        }
    }

    @Test
    void stalledRequestsDoNotFreezeTheStore() throws Exception {
        try (PayloadStore st = PayloadStore.start(new PayloadStore.Config("mantis", Map.of("k", "s"), 1 << 20, null),
                "127.0.0.1", 0, SMALL)) {
            check(st.port(), "/nothing-here");
        }
    }
}
