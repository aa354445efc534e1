package io.tao4j.mantis.collect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Miners of every kind served from 127.0.0.1; the collector keeps only proper v2 payloads, on time. */
class PayloadCollectorTest {
    static HttpServer server;
    static String base;
    static String realPayload;
    static final String V2 = "{\"v\":2,\"round\":1000,\"hk\":\"%s\",\"owner_pk\":\"aa\",\"C\":{},\"W_owner\":{},\"W_time\":{},\"binding\":\"bb\",\"alg\":\"x\"}";

    @BeforeAll
    static void start() throws Exception {
        // a complete payload built by the MANTIS reference code (shared fixture)
        var fixture = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Path.of(System.getProperty("tao4j.shared"),
                "fixtures", "vectors", "mantis_v2_payload_r1000.json").toFile());
        realPayload = findPayload(fixture).toString();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", PayloadCollectorTest::serve);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static com.fasterxml.jackson.databind.JsonNode findPayload(com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isObject() && n.has("W_time") && n.has("binding")) {
            return n;
        }
        for (var c : n) {
            var f = findPayload(c);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static void serve(HttpExchange ex) throws java.io.IOException {
        String key = ex.getRequestURI().getPath().substring(1);
        try (ex) {
            switch (key) {
                case "real" -> send(ex, 200, realPayload.getBytes(StandardCharsets.UTF_8), false);
                case "good", "GOOD" -> send(ex, 200, String.format(V2, key).getBytes(StandardCharsets.UTF_8), false);
                case "declaredbig" -> send(ex, 200, new byte[4096], false);
                case "streambig" -> send(ex, 200, new byte[4096], true);
                case "slow" -> {
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException ignored) {
                    }
                    send(ex, 200, String.format(V2, key).getBytes(StandardCharsets.UTF_8), false);
                }
                case "rangebig", "rangesmall", "rangestar" -> {
                    // a small body, chunked (no Content-Length), whose Content-Range reports the object's size
                    ex.getResponseHeaders().add("Content-Range", switch (key) {
                        case "rangebig" -> "bytes 0-99/30000000";
                        case "rangesmall" -> "bytes 0-99/500";
                        default -> "bytes 0-99/*";
                    });
                    send(ex, 200, String.format(V2, key).getBytes(StandardCharsets.UTF_8), true);
                }
                case "v1" -> send(ex, 200, "{\"v\":1,\"round\":1}".getBytes(StandardCharsets.UTF_8), false);
                case "floatround" -> send(ex, 200, String.format(V2, key).replace("\"round\":1000", "\"round\":1000.5").getBytes(StandardCharsets.UTF_8), false);
                case "missing" -> send(ex, 200, String.format(V2, key).replace(",\"alg\":\"x\"", "").getBytes(StandardCharsets.UTF_8), false);
                case "garbage" -> send(ex, 200, new byte[]{(byte) 0xff, 0x00, 0x41}, false);
                case "array" -> send(ex, 200, "[1,2,3]".getBytes(StandardCharsets.UTF_8), false);
                case "trailing" -> send(ex, 200, (String.format(V2, key) + "{\"v\":2}").getBytes(StandardCharsets.UTF_8), false);
                case "trailingnul" -> send(ex, 200, (String.format(V2, key) + "\u0000").getBytes(StandardCharsets.UTF_8), false);
                case "trailingspace" -> send(ex, 200, (String.format(V2, key) + " \r\n").getBytes(StandardCharsets.UTF_8), false);
                case "badutf8" -> {
                    byte[] b = String.format(V2, key).replace("\"alg\":\"x\"", "\"alg\":\"\u00e9\"").getBytes(StandardCharsets.UTF_8);
                    b[b.length - 4] = (byte) 0xff; // the second byte of é
                    send(ex, 200, b, false);
                }
                case "bigstring" -> send(ex, 200, String.format(V2, key).replace("\"alg\":\"x\"", "\"alg\":\"" + "a".repeat(21_000_000) + "\"")
                        .getBytes(StandardCharsets.UTF_8), false);
                default -> send(ex, 404, "no such key".getBytes(StandardCharsets.UTF_8), false);
            }
        }
    }

    static void send(HttpExchange ex, int status, byte[] body, boolean chunked) throws java.io.IOException {
        ex.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    static PayloadCollector collector(Duration download) {
        return new PayloadCollector(new CommitUrlRules(Set.of("127.0.0.1")), new PayloadCollector.Limits(4, Duration.ofSeconds(2), download, 1024));
    }

    @Test
    void keepsOnlyProperV2PayloadsAndNamesEveryRejection() {
        Map<String, String> commits = new LinkedHashMap<>();
        for (String k : new String[]{"good", "declaredbig", "streambig", "v1", "floatround", "missing", "garbage", "array", "gone",
                "trailing", "trailingnul", "trailingspace", "badutf8"}) {
            commits.put(k, base + "/" + k);
        }
        commits.put("nocommit", null);
        commits.put("wronghost", "https://evil.example.com/wronghost");
        commits.put("dir", base + "/dir/");
        commits.put("deep", base + "/a/deep");
        commits.put("other", base + "/good");
        try (PayloadCollector c = collector(Duration.ofSeconds(2))) {
            Map<String, PayloadCollector.Result> r = c.collect(commits, Duration.ofSeconds(10));
            assertThat(r).containsOnlyKeys(commits.keySet());
            assertThat(r.get("good")).isInstanceOf(PayloadCollector.Collected.class);
            assertThat(reason(r, "declaredbig")).isEqualTo(Rejection.TOO_LARGE);
            assertThat(reason(r, "streambig")).isEqualTo(Rejection.TOO_LARGE);
            assertThat(reason(r, "v1")).isEqualTo(Rejection.NOT_V2);
            assertThat(reason(r, "floatround")).isEqualTo(Rejection.NOT_V2);
            assertThat(reason(r, "missing")).isEqualTo(Rejection.NOT_V2);
            assertThat(((PayloadCollector.Rejected) r.get("missing")).detail()).contains("alg");
            assertThat(reason(r, "garbage")).isEqualTo(Rejection.NOT_UTF8);
            assertThat(reason(r, "trailing")).isEqualTo(Rejection.TRAILING_DATA);
            assertThat(reason(r, "trailingnul")).isEqualTo(Rejection.TRAILING_DATA);
            assertThat(r.get("trailingspace")).isInstanceOf(PayloadCollector.Collected.class);
            assertThat(reason(r, "badutf8")).isEqualTo(Rejection.NOT_UTF8);
            assertThat(reason(r, "array")).isEqualTo(Rejection.NOT_V2);
            assertThat(reason(r, "gone")).isEqualTo(Rejection.HTTP_STATUS);
            assertThat(reason(r, "nocommit")).isEqualTo(Rejection.NO_COMMITMENT);
            assertThat(reason(r, "wronghost")).isEqualTo(Rejection.HOST_NOT_ALLOWED);
            assertThat(reason(r, "dir")).isEqualTo(Rejection.DIRECTORY_URL);
            assertThat(reason(r, "deep")).isEqualTo(Rejection.PATH_NOT_ONLY_HOTKEY);
            assertThat(reason(r, "other")).isEqualTo(Rejection.NAME_NOT_HOTKEY);
        }
    }

    @Test
    void theSizeAContentRangeReportsIsEnforcedWithoutAContentLength() {
        Map<String, String> commits = new LinkedHashMap<>();
        for (String k : new String[]{"rangebig", "rangesmall", "rangestar"}) {
            commits.put(k, base + "/" + k);
        }
        try (PayloadCollector c = collector(Duration.ofSeconds(5))) {
            Map<String, PayloadCollector.Result> r = c.collect(commits, Duration.ofSeconds(10));
            assertThat(reason(r, "rangebig")).isEqualTo(Rejection.TOO_LARGE);
            assertThat(((PayloadCollector.Rejected) r.get("rangebig")).detail()).contains("30000000").contains("Content-Range");
            assertThat(r.get("rangesmall")).isInstanceOf(PayloadCollector.Collected.class);
            assertThat(r.get("rangestar")).isInstanceOf(PayloadCollector.Collected.class);
            assertThat(c.stats().tooLarge()).isEqualTo(1);
        }
        assertThat(Download.contentRangeTotal("bytes 0-0/26214401")).isEqualTo(26_214_401L);
        assertThat(Download.contentRangeTotal("bytes 0-0/99999999999999999999999")).isEqualTo(Long.MAX_VALUE);
        assertThat(Download.contentRangeTotal("bytes */500")).isEqualTo(-1);
        assertThat(Download.contentRangeTotal(" bytes 0-0/5")).isEqualTo(-1); // re.match anchors at the start
        assertThat(Download.contentRangeTotal(null)).isEqualTo(-1);
    }

    @Test
    void theCollectorsCountsAreMeters() {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        try (PayloadCollector c = collector(Duration.ofSeconds(5))) {
            io.tao4j.mantis.validator.MantisValidatorMetrics.bind(c, registry);
            Map<String, String> commits = new LinkedHashMap<>();
            commits.put("good", base + "/good");
            commits.put("declaredbig", base + "/declaredbig");
            commits.put("gone", base + "/gone");
            c.collect(commits, Duration.ofSeconds(10));
            PayloadCollector.Stats s = c.stats();
            assertThat(registry.get("mantis_collector_downloads").tag("outcome", "started").functionCounter().count())
                    .isEqualTo(s.started()).isEqualTo(3);
            assertThat(registry.get("mantis_collector_downloads").tag("outcome", "collected").functionCounter().count())
                    .isEqualTo(s.collected()).isEqualTo(1);
            assertThat(registry.get("mantis_collector_downloads").tag("outcome", "too_large").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("mantis_collector_downloads").tag("outcome", "aborted_on_timeout").functionCounter().count())
                    .isEqualTo(s.abortedOnTimeout());
            assertThat(registry.get("mantis_collector_downloads").tag("outcome", "error").functionCounter().count()).isEqualTo(s.errors());
            assertThat(registry.get("mantis_collector_memory_waits").functionCounter().count()).isEqualTo(s.memoryWaits());
            assertThat(registry.get("mantis_collector_in_flight_bytes").gauge().value()).isZero();
            assertThat(registry.get("mantis_collector_peak_in_flight_bytes").gauge().value()).isEqualTo(s.peakInFlightBytes())
                    .isPositive();
        }
    }

    @Test
    void aRealReferencePayloadIsCollected() {
        try (PayloadCollector c = new PayloadCollector(new CommitUrlRules(Set.of("127.0.0.1")), PayloadCollector.Limits.defaults())) {
            var r = c.collect(Map.of("real", base + "/real"), Duration.ofSeconds(10)).get("real");
            assertThat(r).isInstanceOf(PayloadCollector.Collected.class);
            // the bytes as served, unchanged: no re-serialisation on the way to the ledger and the opener
            assertThat(((PayloadCollector.Collected) r).body()).isEqualTo(realPayload.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aPayloadUnderTheLimitWithAStringOverJacksonsDefaultLimitIsCollected() {
        try (PayloadCollector c = new PayloadCollector(new CommitUrlRules(Set.of("127.0.0.1")), PayloadCollector.Limits.defaults())) {
            var r = c.collect(Map.of("bigstring", base + "/bigstring"), Duration.ofSeconds(30)).get("bigstring");
            assertThat(r).isInstanceOf(PayloadCollector.Collected.class);
            assertThat(((PayloadCollector.Collected) r).size()).isGreaterThan(21_000_000);
        }
    }

    @Test
    void aSlowMinerCannotHoldUpTheStep() {
        Map<String, String> commits = new LinkedHashMap<>();
        commits.put("slow", base + "/slow");
        commits.put("good", base + "/good");
        try (PayloadCollector c = collector(Duration.ofSeconds(30))) {
            long t0 = System.nanoTime();
            Map<String, PayloadCollector.Result> r = c.collect(commits, Duration.ofMillis(800));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(reason(r, "slow")).isEqualTo(Rejection.TIMEOUT);
            assertThat(r.get("good")).isInstanceOf(PayloadCollector.Collected.class);
            assertThat(ms).as("the step ended at its budget, not when the slow miner answered").isLessThan(2500);
        }
        try (PayloadCollector c = collector(Duration.ofMillis(500))) {
            assertThat(reason(c.collect(Map.of("slow", base + "/slow"), Duration.ofSeconds(10)), "slow")).isEqualTo(Rejection.TIMEOUT);
        }
    }

    @Test
    void urlRulesFollowTheReference() {
        CommitUrlRules r2 = CommitUrlRules.r2Only();
        String hk = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
        assertThat(r2.check("https://pub-879ad825983e43529792665f4f510cd6.r2.dev/" + hk, hk)).isEmpty();
        assertThat(r2.check("https://acct.r2.cloudflarestorage.com/" + hk.toLowerCase(), hk)).isEmpty();
        assertThat(r2.check("https://x.r2.dev/bucket/" + hk, hk)).contains(Rejection.PATH_NOT_ONLY_HOTKEY);
        assertThat(r2.check("https://x.r2.dev.evil.com/" + hk, hk)).contains(Rejection.HOST_NOT_ALLOWED);
        assertThat(r2.check("http://127.0.0.1:9947/" + hk, hk)).contains(Rejection.HOST_NOT_ALLOWED);
        assertThat(r2.check("ftp://x.r2.dev/" + hk, hk)).contains(Rejection.BAD_URL);
        assertThat(r2.check("not a url", hk)).contains(Rejection.BAD_URL);
        assertThat(r2.check("", hk)).contains(Rejection.NO_COMMITMENT);
    }

    static Rejection reason(Map<String, PayloadCollector.Result> r, String hk) {
        assertThat(r.get(hk)).as(hk).isInstanceOf(PayloadCollector.Rejected.class);
        return ((PayloadCollector.Rejected) r.get(hk)).reason();
    }
}
