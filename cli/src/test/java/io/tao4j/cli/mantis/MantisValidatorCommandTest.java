package io.tao4j.cli.mantis;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.cli.CliRun;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.wallet.KeyfileData;
import io.tao4j.wallet.Wallet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `tao4j mantis validator` against a local network (250 ms blocks): dry run, metrics, restart, named errors. */
class MantisValidatorCommandTest extends MantisLocalnetTest {

    @BeforeAll
    static void start() throws Exception {
        new Wallet(wallets, "bob", "mantis").setHotkey(KeyfileData.fromUri("//Bob//mantis"), null, true);
    }

    static CliRun validator(String endpoint, String... more) {
        List<String> args = new ArrayList<>(List.of("--poll-ms", "50"));
        args.addAll(List.of(more));
        return neuron("validator", "bob", "mantis", endpoint, args);
    }

    @Test
    void dryRunCollectsStepsServesMetricsAndResumesOnRestart(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("datalog.db");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> validator(net.rpcUrl(), "--ledger", db.toString(),
                "--dry-run", "--steps", "4", "--metrics-port", String.valueOf(port)));
        String scraped = "";
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!running.isDone() && System.nanoTime() < deadline && !scraped.contains("mantis_validator_steps_total 2.0")) {
            try {
                scraped = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException notYet) {
                // the server is not up yet
            }
            Thread.sleep(100);
        }
        CliRun r = running.get(60, TimeUnit.SECONDS);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(scraped).contains("mantis_validator_steps_total 2.0")
                .contains("mantis_validator_payloads_total{outcome=\"no_commitment\"}")
                .contains("mantis_validator_payloads_total{outcome=\"host_not_allowed\"}")
                .contains("mantis_validator_pending_payloads");
        // nobody on this network has committed: every neuron's payload is counted as NO_COMMITMENT, 6 per step
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("mantis_validator_payloads_total\\{outcome=\"no_commitment\"} ([0-9.]+)")
                .matcher(scraped);
        assertThat(m.find()).as(scraped).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(12.0);
        JsonNode sum = JSON.readTree(r.line());
        assertThat(sum.get("steps").asLong()).isEqualTo(4);
        assertThat(sum.path("rejected").path("NO_COMMITMENT").asLong()).isEqualTo(4 * 6);
        assertThat(sum.get("collected").asLong()).isZero();
        long lastFirstRun;
        try (Ledger l = Ledger.open(db, MantisConfig.CHALLENGES)) {
            assertThat(l.blockCount()).isEqualTo(4);
            lastFirstRun = l.lastBlock().orElseThrow();
            assertThat(lastFirstRun % 5).isZero();
        }

        Path logs = dir.resolve("logs");
        CliRun again = validator(net.rpcUrl(), "--ledger", db.toString(), "--dry-run", "--steps", "2", "--log-dir", logs.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(java.nio.file.Files.readString(logs.resolve("main.log"))).contains("sampled block").contains("dry run");
        assertThat(logs.resolve("weights.log")).exists();
        assertThat(logs.resolve("per_challenge_weights.log")).exists();
        try (Ledger l = Ledger.open(db, MantisConfig.CHALLENGES)) {
            assertThat(l.blockCount()).isEqualTo(6);
            assertThat(l.lastBlock().orElseThrow()).isGreaterThan(lastFirstRun);
        }
    }

    @Test
    void badOptionsAndAMissingLocalNetworkAreNamed(@TempDir Path dir) throws Exception {
        String ledger = dir.resolve("l.db").toString();
        CliRun poll = validator(net.rpcUrl(), "--ledger", ledger, "--poll-ms", "1");
        assertThat(poll.code()).isEqualTo(2);
        assertThat(poll.err()).contains("--poll-ms");
        CliRun owner = validator(net.rpcUrl(), "--ledger", ledger, "--owner-pk", "abcd");
        assertThat(owner.code()).isEqualTo(2);
        assertThat(owner.err()).contains("--owner-pk");
        CliRun steps = validator(net.rpcUrl(), "--ledger", ledger, "--steps", "-1");
        assertThat(steps.code()).isEqualTo(2);
        assertThat(steps.err()).contains("--steps");
        Path cfg = dir.resolve("bad.json");
        java.nio.file.Files.writeString(cfg, "{\"weight_set_interval\": 7}");
        CliRun config = validator(net.rpcUrl(), "--ledger", ledger, "--config", cfg.toString());
        assertThat(config.code()).isEqualTo(2);
        assertThat(config.err()).contains("--config").contains("weight_set_interval");
        java.nio.file.Files.writeString(cfg, "{\"challenges\": [{\"ticker\": \"DOGE\"}]}");
        assertThat(validator(net.rpcUrl(), "--ledger", ledger, "--config", cfg.toString()).err()).contains("challenges[0].ticker DOGE");
        CliRun nothere = validator("ws://127.0.0.1:1", "--ledger", ledger);
        assertThat(nothere.code()).isEqualTo(1);
        assertThat(nothere.err()).contains("discovery document").contains("tao4j localnet");
    }

    @Test
    void datalogUrlBootstrapsAMissingLedgerAndANewStepIsAppended(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("archive.db");
        try (Ledger l = Ledger.open(archive, MantisConfig.CHALLENGES)) {
            l.appendStep(5, java.util.Map.of("ETH", 3000.0), java.util.Map.of());
            l.appendStep(10, java.util.Map.of("ETH", 3001.0), java.util.Map.of());
        }
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = java.nio.file.Files.readAllBytes(archive);
        server.createContext("/datalog.db", ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (var os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        try {
            Path db = dir.resolve("validator").resolve("datalog.db");
            Path cfg = dir.resolve("config.json");
            java.nio.file.Files.writeString(cfg, "{\"challenges\": [{\"ticker\": \"ETH\"}, {\"ticker\": \"ETHLBFGS\", \"weight\": 2}]}");
            CliRun r = validator(net.rpcUrl(), "--ledger", db.toString(), "--dry-run", "--steps", "1", "--config", cfg.toString(), "--datalog-url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/datalog.db");
            assertThat(r.code()).as(r.err()).isZero();
            try (Ledger l = Ledger.open(db, MantisConfig.CHALLENGES)) {
                assertThat(l.blockCount()).isEqualTo(3);
                assertThat(l.lastBlock().orElseThrow()).isGreaterThan(10);
            }
        } finally {
            server.stop(0);
        }
    }
}
