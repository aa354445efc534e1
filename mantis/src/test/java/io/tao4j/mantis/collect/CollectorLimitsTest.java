package io.tao4j.mantis.collect;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Resource limits of the collector against raw-socket miners on 127.0.0.1: timed-out downloads are aborted
 * (connection closed, buffer released), body bytes in flight are bounded, and an Error is never a miner's fault.
 */
public class CollectorLimitsTest {
    static final int MIB = 1024 * 1024;

    /** A miner server: every connection gets {@code declared} as Content-Length (or none), then {@code burst} bytes, then one byte per 50 ms. */
    static final class Miner implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        final byte[] body;
        final long declared;
        final boolean dribble;
        private final Thread acceptor;

        Miner(byte[] body, long declared, boolean dribble) throws IOException {
            this.body = body;
            this.declared = declared;
            this.dribble = dribble;
            server = new ServerSocket(0, 64, InetAddress.getByName("127.0.0.1"));
            acceptor = new Thread(this::acceptLoop, "miner-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url(String hotkey) {
            return "http://127.0.0.1:" + server.getLocalPort() + "/" + hotkey;
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    open.incrementAndGet();
                    Thread t = new Thread(() -> serve(s), "miner-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                int state = 0; // read the request up to the blank line
                while (state < 4) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
                }
                String head = "HTTP/1.1 200 OK\r\nConnection: close\r\n" + (declared >= 0 ? "Content-Length: " + declared + "\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                if (declared >= 0) {
                    out.write(body);
                } else {
                    for (int off = 0; off < body.length; off += 64 * 1024) {
                        int n = Math.min(64 * 1024, body.length - off);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, off, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                out.flush();
                if (!dribble) {
                    if (declared < 0) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                    return;
                }
                while (true) { // until the client closes the connection
                    out.write(declared >= 0 ? new byte[]{' '} : "1\r\n \r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            } finally {
                open.decrementAndGet();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    static void awaitOpen(Miner m, int atMost) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        while (m.open.get() > atMost && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    @Test
    void timedOutDownloadsAreAbortedConnectionsAndHeapStayFlatOver20Steps() throws Exception {
        byte[] head = new byte[24_000_000];
        java.util.Arrays.fill(head, (byte) ' ');
        head[0] = '{';
        // declares 25 MiB (within the limit), sends 24 MB at once, then dribbles forever
        try (Miner m = new Miner(head, 25L * MIB, true)) {
            long baseline = 0;
            for (int step = 1; step <= 20; step++) {
                // steps 1-10 end on the per-download timeout, 11-20 on the step budget
                boolean ownTimeout = step <= 10;
                PayloadCollector.Limits limits = new PayloadCollector.Limits(4, Duration.ofSeconds(2),
                        ownTimeout ? Duration.ofMillis(600) : Duration.ofSeconds(60), PayloadCollector.MAX_PAYLOAD_BYTES);
                try (PayloadCollector c = new PayloadCollector(new CommitUrlRules(Set.of("127.0.0.1")), limits)) {
                    Map<String, PayloadCollector.Result> r = c.collect(Map.of("slow", m.url("slow")),
                            ownTimeout ? Duration.ofSeconds(20) : Duration.ofMillis(600));
                    assertThat(r.get("slow")).as("step " + step).isInstanceOfSatisfying(PayloadCollector.Rejected.class,
                            rej -> assertThat(rej.reason()).isEqualTo(Rejection.TIMEOUT));
                    PayloadCollector.Stats st = c.stats();
                    assertThat(st.abortedOnTimeout()).as("step " + step).isEqualTo(1);
                    assertThat(st.inFlightBytes()).as("bytes given back, step " + step).isZero();
                    assertThat(st.peakInFlightBytes()).isEqualTo(25L * MIB);
                }
                awaitOpen(m, 0);
                assertThat(m.open.get()).as("connections still open after step " + step).isZero();
                if (step == 2) {
                    baseline = usedHeapAfterGc();
                }
            }
            assertThat(m.accepted.get()).isEqualTo(20);
            long growth = usedHeapAfterGc() - baseline;
            assertThat(growth).as("heap growth over 18 steps of 24 MB each").isLessThan(48L * MIB);
        }
    }

    @Test
    void oneCollectorKeepsAbortingAcrossSteps() throws Exception {
        // the same collector (as the validator uses it) over several steps: nothing accumulates
        try (Miner m = new Miner(new byte[]{'{'}, 4 * MIB, true);
             PayloadCollector c = new PayloadCollector(new CommitUrlRules(Set.of("127.0.0.1")),
                     new PayloadCollector.Limits(4, Duration.ofSeconds(2), Duration.ofMillis(300), 8 * MIB))) {
            for (int step = 0; step < 5; step++) {
                Map<String, String> commits = new LinkedHashMap<>();
                for (String hk : new String[]{"a", "b", "c"}) {
                    commits.put(hk, m.url(hk));
                }
                Map<String, PayloadCollector.Result> r = c.collect(commits, Duration.ofSeconds(5));
                assertThat(r.values()).allSatisfy(x -> assertThat(((PayloadCollector.Rejected) x).reason()).isEqualTo(Rejection.TIMEOUT));
                awaitOpen(m, 0);
                assertThat(m.open.get()).isZero();
            }
            assertThat(c.stats().abortedOnTimeout()).isEqualTo(15);
            assertThat(c.stats().inFlightBytes()).isZero();
        }
    }

    public static byte[] payload(int size) {
        String head = "{\"v\":2,\"round\":1000,\"hk\":\"h\",\"owner_pk\":\"aa\",\"W_owner\":{},\"W_time\":{},\"binding\":\"bb\",\"alg\":\"x\",\"C\":{\"ct\":\"";
        String tail = "\"}}";
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) 'a');
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, b, 0, head.length());
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, b, size - tail.length(), tail.length());
        return b;
    }

    @Test
    void bodyBytesInFlightAreBoundedAndEveryoneIsStillCollected() throws Exception {
        byte[] body = payload(3 * MIB);
        for (boolean declared : new boolean[]{true, false}) {
            try (Miner m = new Miner(body, declared ? body.length : -1, false);
                 PayloadCollector c = new PayloadCollector(new CommitUrlRules(Set.of("127.0.0.1")),
                         new PayloadCollector.Limits(8, Duration.ofSeconds(2), Duration.ofSeconds(30), 4 * MIB, 7L * MIB))) {
                Map<String, String> commits = new LinkedHashMap<>();
                for (int i = 0; i < 12; i++) {
                    commits.put("m" + i, m.url("m" + i));
                }
                Map<String, PayloadCollector.Result> r = c.collect(commits, Duration.ofSeconds(60));
                assertThat(r.values()).as(declared ? "Content-Length" : "chunked").allSatisfy(x -> {
                    assertThat(x).isInstanceOf(PayloadCollector.Collected.class);
                    assertThat(((PayloadCollector.Collected) x).body()).isEqualTo(body);
                });
                PayloadCollector.Stats st = c.stats();
                assertThat(st.collected()).isEqualTo(12);
                assertThat(st.memoryWaits()).as("downloads waited for the byte bound").isPositive();
                // the byte bound holds (a chunked body reserves the whole 4 MiB limit and may go over by its join)
                assertThat(st.peakInFlightBytes()).isLessThanOrEqualTo(declared ? 7L * MIB : 7L * MIB + body.length);
                assertThat(st.inFlightBytes()).isZero();
            }
        }
    }

    @Test
    void checkingA25MiBBodyAllocatesNoCopyOfIt() {
        // the old path held buffer, copy, String and JSON tree (~4x the body); the check now reads the bytes in place
        byte[] body = payload((int) PayloadCollector.MAX_PAYLOAD_BYTES);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        PayloadCollector.parse("warm-up", payload(4096));
        long before = mx.getThreadAllocatedBytes(tid);
        PayloadCollector.Result r = PayloadCollector.parse("hk", body);
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(r).isInstanceOfSatisfying(PayloadCollector.Collected.class, c -> assertThat(c.body()).isSameAs(body));
        assertThat(allocated).as("bytes allocated checking a %d-byte body", body.length).isLessThan(MIB);
    }

    @Test
    void anErrorIsNeverReportedAsANetworkFailure() {
        assertThatThrownBy(() -> PayloadCollector.failure("hk", new java.util.concurrent.CompletionException(new OutOfMemoryError("Java heap space"))))
                .isInstanceOf(OutOfMemoryError.class);
        assertThat(PayloadCollector.failure("hk", new java.io.IOException("reset")))
                .isEqualTo(new PayloadCollector.Rejected("hk", Rejection.CONNECTION_FAILED, "IOException: reset"));
    }

    @Test
    void outOfMemoryInACollectionIsRethrownNotReportedAsMinersConnectionFailures(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // CollectBench in a child JVM whose heap cannot hold 12 collected 25 MiB payloads
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.nio.file.Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(javaBin, "-Xmx160m", "-cp", System.getProperty("java.class.path"),
                CollectBench.class.getName(), "12", "25", "60").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String out = java.nio.file.Files.readString(log);
        assertThat(out).contains("collection failed: java.lang.OutOfMemoryError").doesNotContain("CONNECTION_FAILED");
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new PayloadCollector.Limits(4, Duration.ofSeconds(1), Duration.ofSeconds(1), 10 * MIB, MIB))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxInFlightBytes");
        assertThat(PayloadCollector.Limits.defaults().maxInFlightBytes()).isEqualTo(PayloadCollector.DEFAULT_MAX_IN_FLIGHT_BYTES);
    }
}
