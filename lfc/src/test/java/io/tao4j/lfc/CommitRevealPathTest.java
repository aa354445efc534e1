package io.tao4j.lfc;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.Localnet;
import io.tao4j.localnet.node.Genesis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a subnet with commit-reveal the validator goes through the chain's timelocked commit path instead of
 * {@code set_weights} (which the chain would refuse with {@code CommitRevealEnabled}): its 100 % weight is committed
 * timelocked to the local network's drand beacon, and the chain reveals it once the reveal round's pulse is stored.
 */
class CommitRevealPathTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void commitRevealSubnetGetsATimelockedCommit() throws Exception {
        Localnet.Config cfg = Localnet.Config.defaults().fast().forTests();
        Genesis g = cfg.genesis(); // a fresh, mutable genesis per defaults() call
        g.subnets.stream().filter(s -> s.netuid == 35).forEach(s -> s.commitReveal = true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Localnet net = Localnet.start(cfg);
             Subtensor connected = Subtensor.connect(net.rpcUrl(), Subtensor.Options.defaults())) {
            Subtensor chain = connected.withTimeout(Duration.ofSeconds(20))
                    .withTimelock(net.drandChainInfo(), cfg.blockTime().toMillis() / 1000.0);
            for (int i = 0; i < 7; i++) {
                net.produceBlock();
            }
            assertThat(chain.commitRevealEnabled(35, null)).isTrue();
            LfcWeightValidator v = new LfcWeightValidator(chain, Sr25519KeyPair.fromUri("//Bob//validator"),
                    new LfcWeightValidator.Config(35, 2, 10, Duration.ofSeconds(10), Duration.ofMillis(20), false), null, null);
            LfcWeightValidator.Step s = WithBlocks.run(net, pool, v::step);
            assertThat(s.kind()).as(s.message()).isEqualTo(LfcWeightValidator.Kind.COMMITTED);
            assertThat(chain.client().query("SubtensorModule", "Weights", List.of(35, 1), null)).isEmpty();
            // the chain reveals by itself once the pulse of the reveal round is in a block
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            JsonNode w = chain.client().query("SubtensorModule", "Weights", List.of(35, 1), null);
            while (w.isEmpty() && System.nanoTime() < deadline) {
                net.produceBlock();
                Thread.sleep(100);
                w = chain.client().query("SubtensorModule", "Weights", List.of(35, 1), null);
            }
            assertThat(w.toString()).as("revealed weights of the validator (UID 1)").isEqualTo("[[2,65535]]");
        } finally {
            pool.shutdownNow();
        }
    }
}
