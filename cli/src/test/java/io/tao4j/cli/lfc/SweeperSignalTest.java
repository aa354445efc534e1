package io.tao4j.cli.lfc;

import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.Localnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real SIGTERM to a sweeper process: it finishes its step, sends the stop message and exits. */
class SweeperSignalTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sigtermStopsTheSweeperCleanly(@TempDir Path tmp) throws Exception {
        LfcFixtures.Webhook hook = new LfcFixtures.Webhook();
        List<String> slack = hook.bodies;
        LfcFixtures.devWallet(tmp.resolve("wallets"), "Charlie", "miner");
        Path log = tmp.resolve("stderr.txt");
        try (Localnet net = Localnet.start(Localnet.Config.defaults().fast().forTests())) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.tao4j.cli.Tao4j",
                    "lfc", "sweeper", "--poll-interval", "0.05", "--aggregator-hotkey", Sr25519KeyPair.fromUri("//Charlie//aggregator").ss58(),
                    "--destination-coldkey", Sr25519KeyPair.fromUri("//Dave").ss58(), "--wallet.path", tmp.resolve("wallets").toString(),
                    "--wallet.name", "charlie", "--wallet.hotkey", "miner", "--subtensor.chain_endpoint", net.rpcUrl(),
                    "--slack_webhook_url", hook.url())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                while (System.nanoTime() < deadline && !read(log).contains("Next epoch boundary")) {
                    net.produceBlock();
                    Thread.sleep(50);
                }
                assertThat(read(log)).contains("Entering epoch monitoring loop");
                p.destroy(); // SIGTERM
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
                hook.close();
            }
            String out = read(log);
            assertThat(out).contains("Received a stop signal; shutting down after the current step.")
                    .contains("Sweeper stopped.").contains("Shutdown complete.");
            assertThat(slack).hasSize(2);
            assertThat(slack.get(0)).contains("Miner started on subnet 35");
            assertThat(slack.get(1)).contains("Miner stopped");
        }
    }

    static String read(Path f) throws Exception {
        return Files.exists(f) ? Files.readString(f) : "";
    }

}
