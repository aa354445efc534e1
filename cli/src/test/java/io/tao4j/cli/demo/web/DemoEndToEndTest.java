package io.tao4j.cli.demo.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tao4j demo --duration 120}, the README's first command, run in-process: while it runs, the status
 * page's JSON and metrics are read and (when Debian's chromium is installed) the page is loaded in headless
 * Chromium, which must render every chart with data from the live run; a screenshot of it is saved as
 * {@code target/demo-live-status.png}. At the end the report must say every check passed and the exit code be 0.
 */
class DemoEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void theDemoRunsBothSubnetsServesItsStatusPageAndReportsSuccess(@TempDir Path work) throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level levelBefore = root.getLevel();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CompletableFuture<CliRun> demo = CompletableFuture.supplyAsync(() -> CliRun.run("demo", "--duration", "120", "--port",
                String.valueOf(port), "--json", "--work-dir", work.resolve("demo").toString()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI base = URI.create("http://127.0.0.1:" + port + "/");

        // wait until both subnets have done their work at least once: the page then has data for every chart
        JsonNode status = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
        while (!demo.isDone() && System.nanoTime() < deadline) {
            try {
                status = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                JsonNode m = status.path("mantis");
                if (m.path("decrypted").asLong() > 0 && m.path("weightSets").asLong() > 0 && status.path("lfc").path("sweeps").asLong() > 0
                        && !m.path("salience").isEmpty()) {
                    break;
                }
            } catch (java.io.IOException notUpYet) {
                // the status page starts first, but the demo may still be launching
            }
            Thread.sleep(1000);
        }
        assertThat(demo.isDone()).as("the demo ended before its duration: " + (demo.isDone() ? demo.get().err() : "")).isFalse();
        assertThat(status).isNotNull();
        assertThat(status.path("chain").path("head").asLong()).isPositive();
        assertThat(status.path("lfc").path("flow").size()).isPositive();
        assertThat(status.path("mantis").path("miners").size()).isEqualTo(4);
        assertThat(status.path("mantis").path("ledgerSteps").asLong()).as("bootstrapped two weeks of history").isGreaterThan(20_000);
        // protocol bcff57b: 12 challenges, 35 % burned to UID 0, the EMA
        JsonNode scoring = status.path("mantis").path("scoring");
        assertThat(scoring.path("protocol").asText()).isEqualTo("bcff57b");
        assertThat(scoring.path("challenges")).hasSize(12);
        assertThat(scoring.path("burnPct").asDouble()).isEqualTo(0.35);
        assertThat(scoring.path("emaAlpha").asDouble()).isEqualTo(0.3);

        String metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("tao4j_demo_chain_head_block ").contains("tao4j_demo_mantis_payloads_decrypted_total ");

        HeadlessChromium chromium = HeadlessChromium.find().orElse(null);
        if (chromium == null) {
            System.out.println("chromium not installed; the status page of the live demo was not loaded in a browser "
                    + "(install Debian's chromium to run that part)");
        } else {
            HeadlessChromium.Run run = chromium.dumpDom(base, 5000, work, Duration.ofSeconds(90));
            assertThat(run.exitCode()).as(HeadlessChromium.tail(run.stderr())).isZero();
            StatusPageChromiumTest.assertNoPageErrors(run);
            String dom = run.stdout();
            assertThat(StatusPageChromiumTest.bodyAttribute(dom, "data-rendered")).isEqualTo("charts:" + StatusPageChromiumTest.CHARTS.size());
            Map<String, Integer> points = StatusPageChromiumTest.canvasPoints(dom);
            assertThat(points).containsOnlyKeys(StatusPageChromiumTest.CHARTS);
            points.forEach((chart, n) -> assertThat(n).as("data points drawn in " + chart).isPositive());
            Path png = Path.of("target", "demo-live-status.png").toAbsolutePath();
            Files.createDirectories(png.getParent());
            HeadlessChromium.Run shot = chromium.screenshot(base, png, 1400, 1400, 4000, work, Duration.ofSeconds(90));
            assertThat(shot.exitCode()).as(HeadlessChromium.tail(shot.stderr())).isZero();
            assertThat(Files.size(png)).isGreaterThan(40_000);
        }

        CliRun r = demo.get(4, TimeUnit.MINUTES);
        assertThat(root.getLevel()).as("the demo quiets INFO logs while it runs and restores the level after").isEqualTo(levelBefore);
        JsonNode report = JSON.readTree(r.line());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(report.path("ok").asBoolean()).isTrue();
        for (JsonNode c : report.path("checks")) {
            assertThat(c.path("ok").asBoolean()).as(c.toString()).isTrue();
        }
        // the neurons are still running when the report is read: the last epoch's transfer may be in flight
        long treasury = report.path("treasuryAlpha").asLong();
        long transferred = report.path("alphaTransferred").asLong();
        assertThat(treasury).isPositive().isLessThanOrEqualTo(transferred);
        assertThat(transferred).isLessThanOrEqualTo(report.path("alphaSwept").asLong());
        assertThat(report.path("decrypted").asLong()).isPositive();
        assertThat(report.path("rejected").path("DECRYPT_HOTKEY_MISMATCH").asLong()).as("the copy-cat's re-uploads").isPositive();
        assertThat(report.path("rejected").path("NOT_JSON").asLong()).as("the garbage miner's junk").isPositive();
        JsonNode w = report.path("mantisWeightsByMiner");
        assertThat(w.path("baseline").asDouble()).isGreaterThan(w.path("garbage").asDouble()).isGreaterThan(0)
                .isGreaterThan(w.path("copycat").asDouble());
        // an explicit --work-dir is kept: the archive and the validator ledger stay for inspection
        assertThat(work.resolve("demo").resolve("mantis-validator").resolve("datalog.db")).exists();
    }
}
