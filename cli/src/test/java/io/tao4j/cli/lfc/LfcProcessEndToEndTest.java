package io.tao4j.cli.lfc;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.Values;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.Localnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product as an operator runs it: {@code tao4j lfc validator run} and {@code tao4j lfc sweeper} as two separate
 * processes against the localnet (fast genesis, blocks produced by this test), stopped with SIGTERM. The destination
 * //Dave ends up with exactly the alpha the chain emitted to the miner's UID, the wallet coldkey //Charlie with none.
 */
class LfcProcessEndToEndTest {
    static final int NETUID = 35;

    static Process start(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.tao4j.cli.Tao4j"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static boolean isEpochBlock(long b) {
        return (b + NETUID + 1) % 21 == 20;
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void validatorAndSweeperProcessesForwardTheMinersEmission(@TempDir Path tmp) throws Exception {
        Path wallets = tmp.resolve("wallets");
        LfcFixtures.devWallet(wallets, "Bob", "validator");
        LfcFixtures.devWallet(wallets, "Charlie", "miner");
        String charlieSs58 = Sr25519KeyPair.fromUri("//Charlie").ss58();
        String miner = Sr25519KeyPair.fromUri("//Charlie//miner").ss58();
        String aggregator = Sr25519KeyPair.fromUri("//Charlie//aggregator").ss58();
        String dave = Sr25519KeyPair.fromUri("//Dave").ss58();
        Path vLog = tmp.resolve("validator.log");
        Path sLog = tmp.resolve("sweeper.log");
        try (Localnet net = Localnet.start(Localnet.Config.defaults().fast().forTests());
             WsRpcClient ws = WsRpcClient.connect(net.rpcUrl())) {
            Subtensor chain = Subtensor.of(OnlineClient.connect(ws));
            Process v = start(vLog, "lfc", "validator", "run", "--netuid", "35", "--target_uid", "2", "--set_weights_interval", "10",
                    "--retry-seconds", "0.5", "--wallet.path", wallets.toString(), "--wallet.name", "bob", "--wallet.hotkey", "validator",
                    "--subtensor.chain_endpoint", net.rpcUrl());
            Process s = start(sLog, "lfc", "sweeper", "--netuid", "35", "--poll-interval", "0.05", "--aggregator-hotkey", aggregator,
                    "--destination-coldkey", dave, "--wallet.path", wallets.toString(), "--wallet.name", "charlie",
                    "--wallet.hotkey", "miner", "--subtensor.chain_endpoint", net.rpcUrl());
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.readString(sLog).contains("Entering epoch monitoring loop") && System.nanoTime() < deadline) {
                    Thread.sleep(50); // both JVMs starting; no blocks yet
                }
                long emitted = 0;
                int paidEpochs = 0;
                while (paidEpochs < 2 && System.nanoTime() < deadline) {
                    long b = net.produceBlock().number();
                    String hash = chain.blockHash(b);
                    if (chain.blocksSinceLastStep(NETUID, hash) == 0) {
                        long e = Values.longValue(chain.client().query("SubtensorModule", "Emission", List.of(NETUID), hash).get(2));
                        emitted += e;
                        paidEpochs += e > 0 ? 1 : 0;
                    }
                    Thread.sleep(60);
                }
                assertThat(paidEpochs).as("epochs that paid the miner UID\n" + Files.readString(vLog)).isEqualTo(2);
                while (System.nanoTime() < deadline && !isEpochBlock(chain.currentBlock() + 1)
                        && chain.stake(charlieSs58, miner, NETUID, null).stake() + chain.stake(charlieSs58, aggregator, NETUID, null).stake() > 0) {
                    net.produceBlock();
                    Thread.sleep(80);
                }
                v.destroy();
                s.destroy();
                while ((v.isAlive() || s.isAlive()) && System.nanoTime() < deadline) {
                    if (!isEpochBlock(chain.currentBlock() + 1)) {
                        net.produceBlock(); // a step in flight finishes before the process exits
                    }
                    Thread.sleep(50);
                }
                assertThat(v.isAlive() || s.isAlive()).isFalse();
                JsonNode w = chain.client().query("SubtensorModule", "Weights", List.of(NETUID, 1), null);
                assertThat(w.toString()).isEqualTo("[[2,65535]]");
                assertThat(chain.stake(charlieSs58, miner, NETUID, null).stake()).isZero();
                assertThat(chain.stake(charlieSs58, aggregator, NETUID, null).stake()).isZero();
                assertThat(emitted).isPositive();
                assertThat(chain.stake(dave, aggregator, NETUID, null).stake()).isEqualTo(emitted);
                assertThat(Files.readString(sLog)).contains("Stake transfer succeeded").contains("Shutdown complete.");
                assertThat(Files.readString(vLog)).contains("Weights set successfully").contains("Shutdown complete.");
            } finally {
                v.destroyForcibly();
                s.destroyForcibly();
            }
        }
    }
}
