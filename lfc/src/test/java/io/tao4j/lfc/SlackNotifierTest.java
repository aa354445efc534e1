package io.tao4j.lfc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Slack messages are posted to a local HTTP receiver; the JSON bodies are checked field by field. */
class SlackNotifierTest {
    record Received(String path, JsonNode body) {
    }

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    String base;
    final DecisionsTest.ManualClock clock = new DecisionsTest.ManualClock();
    static final String HOTKEY = "5FRjui8zwLQSFMm6domc8q6cpCYXAizAjXenQyzdhN9w5xqH";

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(ex.getRequestURI().getPath(), new ObjectMapper().readTree(new String(body, StandardCharsets.UTF_8))));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    SlackNotifier notifier(SlackNotifier.Role role, String errorPath) {
        return new SlackNotifier(role, HOTKEY, URI.create(base + "/main"), errorPath == null ? null : URI.create(base + errorPath), clock);
    }

    @Test
    void messageHasTheReferenceShapeAndLevelsPickChannelAndColour() {
        SlackNotifier n = notifier(SlackNotifier.Role.VALIDATOR, "/errors");
        n.send("hello", SlackNotifier.Level.INFO);
        n.send("careful", SlackNotifier.Level.WARNING);
        n.send("broken", SlackNotifier.Level.ERROR);
        n.send("done", SlackNotifier.Level.SUCCESS);
        assertThat(received).extracting(Received::path).containsExactly("/main", "/errors", "/errors", "/main");
        assertThat(received).extracting(r -> r.body().at("/attachments/0/color").asText())
                .containsExactly("#0099ff", "#ff9900", "#ff0000", "#00ff00");
        JsonNode a = received.get(0).body().at("/attachments/0");
        assertThat(a.at("/fields/0/title").asText()).isEqualTo("Validator Alert");
        assertThat(a.at("/fields/0/value").asText()).isEqualTo("hello");
        assertThat(a.at("/fields/0/short").asBoolean()).isFalse();
        assertThat(a.at("/fields/1/title").asText()).isEqualTo("VM IP | Validator Hotkey");
        assertThat(a.at("/fields/1/value").asText()).endsWith(" | ...hN9w5xqH");
        assertThat(a.at("/fields/2/title").asText()).isEqualTo("Script Uptime | Git Branch");
        assertThat(a.at("/fields/2/value").asText()).startsWith("0.0 hours | tao4j ");
        assertThat(a.at("/footer").asText()).isEqualTo("Taoshi Validator Notification");
        assertThat(a.at("/ts").asLong()).isEqualTo(clock.instant().getEpochSecond());
    }

    @Test
    void errorChannelFallsBackToMainAndAFailingWebhookNeverThrows() {
        SlackNotifier n = notifier(SlackNotifier.Role.MINER, null);
        n.send("sweep failed", SlackNotifier.Level.ERROR);
        assertThat(received).extracting(Received::path).containsExactly("/main");
        assertThat(received.get(0).body().at("/attachments/0/fields/0/title").asText()).isEqualTo("Miner Alert");
        status = 500;
        n.send("again", SlackNotifier.Level.ERROR);
        assertThat(n.sendDailySummary()).isFalse();
        SlackNotifier dead = new SlackNotifier(SlackNotifier.Role.MINER, HOTKEY, URI.create("http://127.0.0.1:1/none"), null, clock);
        dead.send("nobody listens", SlackNotifier.Level.INFO); // logged, not thrown
    }

    @Test
    void weightFailureAlertsFollowTheRateRules() {
        SlackNotifier n = notifier(SlackNotifier.Role.VALIDATOR, "/errors");
        String err = "Subtensor returned: Invalid Transaction (bad signature)";
        AlertPolicy.Decision d = n.recordWeightFailure(FailureClassifier.classify(err));
        assertThat(d.alert()).isTrue();
        n.sendWeightFailureAlert(err, d, 35);
        assertThat(received.get(0).body().at("/attachments/0/fields/0/value").asText())
                .startsWith("🚨 CRITICAL: Subtensor rejected weight transaction\nHotkey: ...hN9w5xqH\nNetuid: 35\nError: " + err);
        assertThat(n.recordWeightFailure(FailureType.UNKNOWN).alert()).as("within 10 minutes").isFalse();
        clock.advance(Duration.ofMinutes(11));
        AlertPolicy.Decision u = n.recordWeightFailure(FailureType.UNKNOWN);
        assertThat(u.alert()).isTrue();
        assertThat(n.weightFailureMessage("boom", u, 35)).startsWith("❓ NEW PATTERN: Unknown weight setting failure")
                .contains("Consecutive failures: 3");
        assertThat(n.recordWeightSuccess()).isTrue();
        n.sendWeightRecovery(35);
        assertThat(received.get(1).path()).isEqualTo("/main");
        assertThat(received.get(1).body().at("/attachments/0/fields/0/value").asText())
                .isEqualTo("✅ Weight setting recovered after failures\nHotkey: ...hN9w5xqH\nNetuid: 35");
        clock.advance(Duration.ofMinutes(61));
        AlertPolicy.Decision b = n.recordWeightFailure(FailureType.BENIGN);
        assertThat(b.alert()).isTrue();
        assertThat(n.weightFailureMessage("too soon", b, 35)).startsWith("⚠️ WARNING: Weight setting issues detected")
                .contains("No successful weight setting in 1.0 hours");
    }

    @Test
    void validatorDailySummaryCountsAndResets() {
        SlackNotifier n = notifier(SlackNotifier.Role.VALIDATOR, "/errors");
        n.recordWeightSuccess();
        clock.advance(Duration.ofMinutes(30));
        n.recordWeightSuccess();
        n.recordWeightFailure(FailureType.UNKNOWN);
        n.recordWeightFailure(FailureType.BENIGN); // not counted as failed, as in the reference
        n.recordNoPermit();
        n.recordRegistrationFailure();
        n.recordTargetUidChange(69, 0);
        assertThat(n.sendDailySummary()).isTrue();
        JsonNode a = received.get(0).body().at("/attachments/0");
        assertThat(received.get(0).path()).isEqualTo("/main");
        assertThat(a.at("/color").asText()).isEqualTo("#4CAF50");
        assertThat(a.at("/footer").asText()).isEqualTo("Taoshi Validator Daily Summary");
        assertThat(field(a, "📊 Daily Summary Report")).isEqualTo("Automated daily report for 2026-01-01");
        assertThat(field(a, "📈 Lifetime Weights Set")).isEqualTo("2");
        assertThat(field(a, "📅 Today's Weights Set")).isEqualTo("2");
        assertThat(field(a, "✅ Weight Set Success Rate")).isEqualTo("66.7%");
        assertThat(field(a, "⏱️ Avg Interval Between Weight Sets")).isEqualTo("30.0 minutes");
        assertThat(field(a, "❌ Failed Weight Sets")).isEqualTo("1");
        assertThat(field(a, "⚠️ No Permit Events")).isEqualTo("1");
        assertThat(field(a, "🚫 Registration Failures")).isEqualTo("1");
        assertThat(field(a, "🔄 Burn UID Changes")).isEqualTo("Changed from 69 to 0 at 10:30:00");
        n.sendDailySummary();
        JsonNode next = received.get(1).body().at("/attachments/0");
        assertThat(field(next, "📅 Today's Weights Set")).isEqualTo("0");
        assertThat(field(next, "📈 Lifetime Weights Set")).isEqualTo("2");
        assertThat(field(next, "❌ Failed Weight Sets")).isNull();
    }

    @Test
    void minerDailySummaryCountsAlpha() {
        SlackNotifier n = notifier(SlackNotifier.Role.MINER, null);
        n.recordSweep(true, 8_610_000_000L);
        n.recordSweep(false, 0);
        n.recordTransfer(true, 8_610_000_000L);
        n.sendDailySummary();
        JsonNode a = received.get(0).body().at("/attachments/0");
        assertThat(field(a, "🕒 Miner Hotkey")).isEqualTo("...hN9w5xqH");
        assertThat(field(a, "🔄 Stake Sweeps")).isEqualTo("Success: 1, Failed: 1, Rate: 50.0%");
        assertThat(field(a, "🚚 Stake Transfers")).isEqualTo("Success: 1, Failed: 0, Rate: 100.0%");
        assertThat(field(a, "💰 Today's Stake Swept")).isEqualTo("8.610000000 α");
        assertThat(field(a, "📈 Lifetime Stake Transferred")).isEqualTo("8.610000000 α");
        n.recordTransfer(true, 1_000_000_000L);
        n.sendDailySummary();
        JsonNode b = received.get(1).body().at("/attachments/0");
        assertThat(field(b, "💸 Today's Stake Transferred")).isEqualTo("1.000000000 α");
        assertThat(field(b, "📈 Lifetime Stake Transferred")).isEqualTo("9.610000000 α");
    }

    @Test
    void nextMidnightUtc() {
        assertThat(SlackNotifier.millisToNextMidnightUtc(Instant.parse("2026-03-01T23:59:59Z"))).isEqualTo(1000);
        assertThat(SlackNotifier.millisToNextMidnightUtc(Instant.parse("2026-03-01T00:00:00Z"))).isEqualTo(86_400_000);
    }

    @Test
    void metricsAreServedInPrometheusFormat() throws Exception {
        try (LfcMetrics m = new LfcMetrics()) {
            m.weightsSet();
            m.weightsFailed(FailureType.BENIGN);
            m.sweep(true, 5);
            m.transfer(false, 0);
            int port = m.serve("127.0.0.1", 0);
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(text).contains("lfc_weights_set_total 1.0").contains("lfc_weights_failed_total{type=\"benign\"} 1.0")
                    .contains("lfc_sweeps_total{result=\"success\"} 1.0").contains("lfc_alpha_moved_rao_total 5.0")
                    .contains("lfc_transfers_total{result=\"failure\"} 1.0");
        }
    }

    static String field(JsonNode attachment, String title) {
        for (JsonNode f : attachment.get("fields")) {
            if (f.get("title").asText().equals(title)) {
                return f.get("value").asText();
            }
        }
        return null;
    }

    @Test
    void vmIpIsTheOutwardAddressAndTheVersionIsTheBuildsVersion() throws Exception {
        SlackNotifier n = notifier(SlackNotifier.Role.VALIDATOR, null);
        n.send("hello", SlackNotifier.Level.INFO);
        JsonNode a = received.get(0).body().at("/attachments/0");
        String ip = a.at("/fields/1/value").asText();
        ip = ip.substring(0, ip.indexOf(" | "));
        assertThat(ip).isEqualTo(SlackNotifier.outwardAddress());
        boolean hasOutward = false;
        for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress addr : java.util.Collections.list(ni.getInetAddresses())) {
                hasOutward |= ni.isUp() && !addr.isLoopbackAddress() && !addr.isLinkLocalAddress();
            }
        }
        if (hasOutward) {
            assertThat(java.net.InetAddress.getByName(ip).isLoopbackAddress()).as(ip).isFalse();
        }
        assertThat(LfcVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(a.at("/fields/2/value").asText()).endsWith(" | tao4j " + LfcVersion.get());
    }
}
