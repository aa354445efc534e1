package io.tao4j.cli.mantis;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.cli.CliRun;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.drand.Beacon;
import io.tao4j.drand.DrandClient;
import io.tao4j.mantis.payload.V2Submission;
import io.tao4j.mantis.miner.LocalnetDiscovery;
import io.tao4j.wallet.KeyfileData;
import io.tao4j.wallet.Wallet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** `tao4j mantis miner` and `tao4j mantis embeddings` against a local network (250 ms blocks). */
class MantisMinerCommandTest extends MantisLocalnetTest {
    static LocalnetDiscovery discovery;

    @BeforeAll
    static void start() throws Exception {
        discovery = LocalnetDiscovery.fetch(LocalnetDiscovery.documentFor(URI.create(net.rpcUrl())));
        new Wallet(wallets, "eve", "miner0").setHotkey(KeyfileData.fromUri("//Eve//miner0"), null, true);
        new Wallet(wallets, "eve", "miner2").setHotkey(KeyfileData.fromUri("//Eve//miner2"), null, true);
        new Wallet(wallets, "stranger", "default").setHotkey(KeyfileData.fromUri("//Ferdie//nobody"), null, true);
    }

    static CliRun miner(String walletName, String hotkey, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--netuid", "123"));
        args.addAll(List.of(more));
        return neuron("miner", walletName, hotkey, net.rpcUrl(), args);
    }

    @Test
    void onceCommitsUploadsAndThePayloadOpensWithTheBeaconSignature(@TempDir Path tmp) throws Exception {
        String hotkey = Sr25519KeyPair.fromUri("//Eve//miner0").ss58();
        CliRun r = miner("eve", "miner0", "--once", "--lock-seconds", "3");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode out = JSON.readTree(r.line());
        String url = discovery.publicBaseUrl() + "/" + hotkey;
        assertThat(out.get("url").asText()).isEqualTo(url);
        long round = out.get("round").asLong();

        HttpResponse<byte[]> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).hasSize(out.get("bytes").asInt());
        Path file = tmp.resolve(hotkey);
        Files.write(file, got.body());

        DrandClient drand = new DrandClient(DrandClient.Config.defaults(null).withRelays(List.of(discovery.drandBaseUrl()))
                .withChain(discovery.drand()));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Optional<Beacon> b = drand.tryBeacon(round);
        while (b.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            b = drand.tryBeacon(round);
        }
        assertThat(b).as("local beacon round " + round).isPresent();
        CliRun wrong = CliRun.run("mantis", "payload", "open", "--file", file.toString(), "--signature",
                Hex.encode(drand.beacon(round - 1).signature()), "--hotkey", hotkey);
        assertThat(wrong.code()).isEqualTo(2);
        CliRun open = CliRun.run("mantis", "payload", "open", "--file", file.toString(), "--signature",
                Hex.encode(b.get().signature()), "--hotkey", hotkey);
        assertThat(open.code()).as(open.err()).isZero();
        JsonNode plain = JSON.readTree(open.line());
        assertThat(plain.get("hotkey").asText()).isEqualTo(hotkey);
        Map<String, double[]> sanitized = V2Submission.sanitize(plain);
        JsonNode printed = out.get("embeddings");
        assertThat(sanitized.keySet()).containsExactly("ETH", "ETHHITFIRST", "ETHLBFGS", "BTCLBFGS", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD");
        assertThat(printed.size()).as("all 12 challenges of bcff57b").isEqualTo(12);
        for (Iterator<String> it = sanitized.keySet().iterator(); it.hasNext(); ) {
            String k = it.next();
            double[] v = JSON.convertValue(printed.get(k), double[].class);
            assertThat(sanitized.get(k)).as(k).containsExactly(v, within(1e-12));
        }

        // second run: the commitment is already there, nothing to commit
        CliRun again = miner("eve", "miner0", "--once", "--lock-seconds", "3");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(JSON.readTree(again.line()).get("round").asLong()).isGreaterThanOrEqualTo(round);
    }

    @Test
    void theLoopRunsEveryIntervalAndReplacesTheObject() throws Exception {
        String hotkey = Sr25519KeyPair.fromUri("//Eve//miner2").ss58();
        long t0 = System.nanoTime();
        CliRun r = miner("eve", "miner2", "--cycles", "3", "--interval", "1", "--lock-seconds", "3", "--model", "random");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(ms).as("three cycles one second apart").isGreaterThanOrEqualTo(2000);
        JsonNode last = JSON.readTree(lines[2]);
        HttpResponse<String> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(last.get("url").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(got.body()).get("round").asLong()).isEqualTo(last.get("round").asLong());
        assertThat(JSON.readTree(got.body()).get("hk").asText()).isEqualTo(hotkey);
    }

    @Test
    void failedCyclesDoNotStopTheLoopButAreReported() {
        // the store refuses the signature: every cycle fails, the loop still runs all of them, exit 1
        CliRun r = miner("eve", "miner2", "--cycles", "2", "--interval", "1", "--lock-seconds", "3",
                "--r2.secret-access-key", "not-the-secret");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isBlank();
        CliRun once = miner("eve", "miner2", "--once", "--r2.secret-access-key", "not-the-secret");
        assertThat(once.code()).isEqualTo(1);
        assertThat(once.err()).contains("cycle failed: upload of " + Sr25519KeyPair.fromUri("//Eve//miner2").ss58())
                .doesNotContain("not-the-secret");
    }

    @Test
    void theSecretComesFromAFileAndOnTheCommandLineOnlyWithAWarning(@TempDir Path tmp) throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(MantisMinerCommand.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            Path file = tmp.resolve("r2-secret");
            java.nio.file.Files.writeString(file, "not-the-secret\n");
            // the file's (wrong) secret is the one used: the store refuses it
            CliRun fromFile = miner("eve", "miner2", "--once", "--r2.secret-access-key-file", file.toString());
            assertThat(fromFile.code()).isEqualTo(1);
            assertThat(fromFile.err()).contains("cycle failed: upload of").doesNotContain("not-the-secret");
            assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("visible to other users"));

            CliRun onCommandLine = miner("eve", "miner2", "--once", "--r2.secret-access-key", "not-the-secret");
            assertThat(onCommandLine.code()).isEqualTo(1);
            assertThat(logs.list).anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                    && e.getFormattedMessage().contains("R2_SECRET_ACCESS_KEY"));
            assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("not-the-secret"));

            java.nio.file.Files.writeString(file, "");
            CliRun empty = miner("eve", "miner2", "--once", "--r2.secret-access-key-file", file.toString());
            assertThat(empty.code()).isEqualTo(2);
            assertThat(empty.err()).contains("is empty");
            CliRun both = miner("eve", "miner2", "--once", "--r2.secret-access-key-file", file.toString(),
                    "--r2.secret-access-key", "x");
            assertThat(both.code()).isEqualTo(2);
            assertThat(both.err()).contains("not both");
            CliRun missing = miner("eve", "miner2", "--once", "--r2.secret-access-key-file", tmp.resolve("nope").toString());
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.err()).contains("cannot read");
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void mistakesAreNamed() {
        CliRun unregistered = miner("stranger", "default", "--once");
        assertThat(unregistered.code()).isEqualTo(1);
        assertThat(unregistered.err()).contains("not registered on subnet 123");
        CliRun noStore = CliRun.run("mantis", "miner", "--wallet.path", wallets.toString(), "--wallet.name", "eve",
                "--wallet.hotkey", "miner0", "--subtensor.network", "finney", "--public-url-base", "https://pub-x.r2.dev", "--once");
        if (System.getenv("R2_ENDPOINT") == null) {
            assertThat(noStore.code()).isEqualTo(2);
            assertThat(noStore.err()).contains("--r2.endpoint is required");
        }
        CliRun badModel = miner("eve", "miner0", "--once", "--model", "oracle");
        assertThat(badModel.code()).isEqualTo(2);
        assertThat(badModel.err()).contains("unknown model 'oracle'");
        CliRun noWallet = miner("nobody", "x", "--once");
        assertThat(noWallet.code()).isEqualTo(2);
        assertThat(noWallet.err()).contains("nobody");
    }

    @Test
    void embeddingsPrintsOneSetFromTheLocalFeed(@TempDir Path tmp) throws Exception {
        CliRun r = CliRun.run("mantis", "embeddings", "--model", "baseline", "--subtensor.network", "local",
                "--subtensor.chain_endpoint", net.rpcUrl());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode e = JSON.readTree(r.line());
        assertThat(e.size()).isEqualTo(12);
        assertThat(e.get("ETHLBFGS").size()).isEqualTo(17);
        assertThat(e.get("ETHHITFIRST").size()).isEqualTo(3);
        CliRun uninformed = CliRun.run("mantis", "embeddings", "--subtensor.network", "finney");
        assertThat(uninformed.code()).isZero();
        assertThat(uninformed.err()).contains("uninformed");
        assertThat(JSON.readTree(uninformed.line()).get("ETH").toString()).isEqualTo("[0.0,0.0]");
        Path bad = tmp.resolve("h.json");
        Files.writeString(bad, "{\"blocks\":[1]}");
        CliRun refused = CliRun.run("mantis", "embeddings", "--price-history-file", bad.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("no \"prices\" object");
    }
}
