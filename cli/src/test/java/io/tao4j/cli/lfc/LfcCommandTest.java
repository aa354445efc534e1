package io.tao4j.cli.lfc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.CliRun;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.Localnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tao4j lfc ...} run in-process against the localnet (blocks produced by the test). */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LfcCommandTest {
    static final int NETUID = 35;
    static Localnet net;
    static WsRpcClient ws;
    static Subtensor chain;
    static ExecutorService pool = Executors.newSingleThreadExecutor();
    static LfcFixtures.Webhook slack;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        net = Localnet.start(Localnet.Config.defaults().fast().forTests());
        ws = WsRpcClient.connect(net.rpcUrl());
        chain = Subtensor.of(OnlineClient.connect(ws)).withTimeout(Duration.ofSeconds(20));
        for (int i = 0; i < 6; i++) {
            net.produceBlock();
        }
        slack = new LfcFixtures.Webhook();
        LfcFixtures.devWallet(tmp.resolve("wallets"), "Charlie", "miner");
        LfcFixtures.devWallet(tmp.resolve("wallets"), "Bob", "validator");
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        slack.close();
        ws.close();
        net.close();
    }

    /** Runs the command on another thread while producing blocks until it returns. */
    static CliRun runWithBlocks(String... args) throws Exception {
        return runWithBlocks(false, args);
    }

    /** The same; with {@code noEpoch} it starts right after an epoch block and never produces the next one. */
    static CliRun runWithBlocks(boolean noEpoch, String... args) throws Exception {
        if (noEpoch) {
            while (chain.blocksSinceLastStep(NETUID, null) != 0) {
                net.produceBlock();
            }
        }
        Future<CliRun> f = pool.submit(() -> CliRun.run(args));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!f.isDone() && System.nanoTime() < deadline) {
            // noEpoch: a block only when a transaction waits, so a slow start (a loaded machine) cannot use up the
            // blocks left before the next epoch block
            if (!noEpoch || (net.node().poolSize() > 0 && chain.blocksSinceLastStep(NETUID, null) < 19)) {
                net.produceBlock();
            }
            Thread.sleep(30);
        }
        return f.get(5, TimeUnit.SECONDS);
    }

    /** The Slack messages received, as JSON. */
    static JsonNode slackJson(int i) throws Exception {
        return new ObjectMapper().readTree(slack.bodies.get(i));
    }

    /** The text of each Slack message received, in order. */
    static List<String> slackTexts() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < slack.bodies.size(); i++) {
            texts.add(slackJson(i).at("/attachments/0/fields/0/value").asText());
        }
        return texts;
    }

    static List<String> common(String wallet, String hotkey) {
        return new ArrayList<>(List.of("--wallet.path", tmp.resolve("wallets").toString(), "--wallet.name", wallet,
                "--wallet.hotkey", hotkey, "--subtensor.chain_endpoint", net.rpcUrl()));
    }

    @Test
    void validatorRunSetsAllWeightOnTheTarget() throws Exception {
        List<String> a = new ArrayList<>(List.of("lfc", "validator", "run", "--netuid", "35", "--target_uid", "0", "--iterations", "1",
                "--slack_webhook_url", slack.url()));
        a.addAll(common("bob", "validator"));
        slack.bodies.clear();
        CliRun r = runWithBlocks(a.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        List<String> texts = slackTexts();
        assertThat(texts).hasSize(2);
        assertThat(texts.get(0)).startsWith("🚀 Validator started on subnet 35\nHotkey: ...").contains("Target UID: 0");
        assertThat(texts.get(1)).startsWith("🛑 Validator stopped");
        assertThat(slackJson(0).at("/attachments/0/footer").asText()).isEqualTo("Taoshi Validator Notification");
        JsonNode w = chain.client().query("SubtensorModule", "Weights", List.of(NETUID, 1), null);
        // UID 0 (the owner), so that the miner earns nothing while the sweeper test measures its stake
        assertThat(w.toString()).isEqualTo("[[0,65535]]");
    }

    @Test
    void badValidatorArgumentsAreNamed() {
        CliRun r = CliRun.run("lfc", "validator", "run", "--netuid", "35", "--target_uid", "owner");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--target_uid must be a UID (0-65535) or 'auto', got 'owner'");
        assertThat(CliRun.run("lfc", "validator", "run").err()).contains("Missing required option: '--netuid=NETUID'");
        assertThat(CliRun.run("lfc", "validator", "run", "--netuid", "35", "--set_weights_interval", "0").err())
                .contains("--set_weights_interval must be a positive number of blocks");
    }

    @Test
    void sweeperOnceMovesAndTransfersAndTellsSlack() throws Exception {
        Sr25519KeyPair charlie = Sr25519KeyPair.fromUri("//Charlie");
        String miner = Sr25519KeyPair.fromUri("//Charlie//miner").ss58();
        String aggregator = Sr25519KeyPair.fromUri("//Charlie//aggregator").ss58();
        String dave = Sr25519KeyPair.fromUri("//Dave").ss58();
        Future<?> f = pool.submit(() -> chain.addStake(charlie, miner, NETUID, 3_000_000_000L, OnlineClient.WaitFor.IN_BLOCK));
        while (!f.isDone()) {
            net.produceBlock();
            Thread.sleep(20);
        }
        while (chain.blocksSinceLastStep(NETUID, null) != 0) {
            net.produceBlock(); // to just after an epoch block: no emission while the sweeper runs
        }
        long staked = chain.stake(charlie.ss58(), miner, NETUID, null).stake();
        long daveBefore = chain.stake(dave, aggregator, NETUID, null).stake();
        assertThat(staked).isGreaterThanOrEqualTo(3_000_000_000L);
        List<String> a = new ArrayList<>(List.of("lfc", "sweeper", "--once", "--aggregator-hotkey", aggregator,
                "--destination-coldkey", dave, "--slack_webhook_url", slack.url()));
        a.addAll(common("charlie", "miner"));
        slack.bodies.clear();
        CliRun r = runWithBlocks(true, a.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(chain.stake(charlie.ss58(), miner, NETUID, null).stake()).isZero();
        assertThat(chain.stake(charlie.ss58(), aggregator, NETUID, null).stake()).isZero();
        assertThat(chain.stake(dave, aggregator, NETUID, null).stake() - daveBefore).isEqualTo(staked);
        List<String> texts = slackTexts();
        assertThat(texts).hasSize(2);
        assertThat(texts.get(0)).startsWith("🚀 Miner started on subnet 35\nColdkey: ..." + charlie.ss58().substring(40));
        assertThat(texts.get(1)).startsWith("🛑 Miner stopped");
    }

    @Test
    void badSecretNameIsRefusedBeforeAnythingElse() {
        List<String> a = new ArrayList<>(List.of("lfc", "sweeper", "--once", "--wallet.password-secret", "my-secret",
                "--aggregator-hotkey", Sr25519KeyPair.fromUri("//Charlie//aggregator").ss58()));
        a.addAll(common("charlie", "miner"));
        CliRun r = CliRun.run(a.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--wallet.password-secret 'my-secret' is a short secret name: give its project with --project");
    }

    @Test
    void sweeperRefusesAForeignAggregator() {
        List<String> a = new ArrayList<>(List.of("lfc", "sweeper", "--once", "--aggregator-hotkey",
                Sr25519KeyPair.fromUri("//Bob//validator").ss58(), "--destination-coldkey", Sr25519KeyPair.fromUri("//Dave").ss58()));
        a.addAll(common("charlie", "miner"));
        CliRun r = CliRun.run(a.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("is not owned by this wallet's coldkey " + Sr25519KeyPair.fromUri("//Charlie").ss58());
    }

    @Test
    void sweeperWithAWrongPasswordSaysSoAndExitsOne() throws Exception {
        // a real $NACL coldkey (btwallet's test key, password "thisisafakepassword") from the shared keyfile vectors
        JsonNode v = new ObjectMapper().readTree(Path.of(System.getProperty("tao4j.shared"), "fixtures", "vectors",
                "bittensor_keyfiles.json").toFile());
        Path dir = tmp.resolve("wallets").resolve("locked");
        Files.createDirectories(dir);
        Files.write(dir.resolve("coldkey"), Hex.decode(v.at("/encrypted/nacl/file_bytes_hex").asText()));
        Path pw = tmp.resolve("wrong.txt");
        Files.writeString(pw, "not-the-password\n", StandardCharsets.UTF_8);
        CliRun r = CliRun.run("lfc", "sweeper", "--once", "--wallet.path", tmp.resolve("wallets").toString(), "--wallet.name", "locked",
                "--wallet.password-file", pw.toString(), "--subtensor.chain_endpoint", net.rpcUrl());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("tao4j: cannot unlock the coldkey of wallet 'locked': wrong password for keyfile")
                .contains("password from").doesNotContain("not-the-password").doesNotContain("Exception");
    }
}
