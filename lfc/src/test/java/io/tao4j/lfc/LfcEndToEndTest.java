package io.tao4j.lfc;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.Values;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.Localnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole flow on the localnet (fast genesis, blocks produced by this test): the validator //Bob//validator puts all
 * weight on the miner's UID, the miner hotkey //Charlie//miner earns alpha over several epochs, the sweeper moves it
 * to //Charlie//aggregator and transfers it to //Dave; the alpha //Dave ends up with is exactly what the chain emitted
 * to the miner's UID (summed from {@code Emission} at each epoch block).
 */
class LfcEndToEndTest {
    static final int NETUID = 35;
    static final Sr25519KeyPair VALIDATOR = Sr25519KeyPair.fromUri("//Bob//validator");
    static final Sr25519KeyPair CHARLIE = Sr25519KeyPair.fromUri("//Charlie");
    static final Sr25519KeyPair MINER = Sr25519KeyPair.fromUri("//Charlie//miner");
    static final Sr25519KeyPair AGGREGATOR = Sr25519KeyPair.fromUri("//Charlie//aggregator");
    static final Sr25519KeyPair DAVE = Sr25519KeyPair.fromUri("//Dave");

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void validatorBurnsWeightAndSweeperForwardsEveryEpochsMinerEmission() throws Exception {
        try (Localnet net = Localnet.start(Localnet.Config.defaults().fast().forTests());
             Subtensor chain = Subtensor.connect(net.rpcUrl(), Subtensor.Options.defaults());
             Subtensor vChain = Subtensor.connect(net.rpcUrl(), Subtensor.Options.defaults().withSubmitTimeout(Duration.ofSeconds(30)));
             Subtensor sChain = Subtensor.connect(net.rpcUrl(), Subtensor.Options.defaults().withSubmitTimeout(Duration.ofSeconds(30)));
             LfcMetrics metrics = new LfcMetrics()) {
            assertThat(vChain.followsRuntimeUpgrades()).isTrue();
            int minerUid = chain.uidForHotkey(MINER.ss58(), NETUID, null);
            assertThat(minerUid).isEqualTo(2);

            LfcWeightValidator validator = new LfcWeightValidator(vChain, VALIDATOR,
                    new LfcWeightValidator.Config(NETUID, minerUid, 10, Duration.ofMillis(200), Duration.ofMillis(20), false), null, metrics);
            Sweeper sweeper = new Sweeper(sChain, CHARLIE, new Sweeper.Config(NETUID, MINER.ss58(), AGGREGATOR.ss58(), DAVE.ss58(),
                    false, false, Duration.ofMillis(30)), null, metrics);
            List<String> owned = sweeper.ownedHotkeys();
            assertThat(owned).contains(MINER.ss58(), AGGREGATOR.ss58());
            sweeper.requireAggregatorOwned(owned);
            // nothing to do yet: both skip
            assertThat(sweeper.sweepToAggregator().attempted()).isFalse();
            assertThat(sweeper.transferAggregated().attempted()).isFalse();

            StopSignal stop = new StopSignal();
            Thread vt = new Thread(() -> validator.run(stop), "validator");
            Thread st = new Thread(() -> sweeper.monitor(stop), "sweeper");
            vt.start();
            st.start();

            long emitted = 0;
            long lastEpochEmission = 0;
            int epochsWithEmission = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            // run until the miner was paid in at least 3 epochs
            while (epochsWithEmission < 3 && System.nanoTime() < deadline) {
                long b = net.produceBlock().number();
                String hash = chain.blockHash(b);
                if (chain.blocksSinceLastStep(NETUID, hash) == 0) {
                    long e = Values.longValue(chain.client().query("SubtensorModule", "Emission", List.of(NETUID), hash).get(minerUid));
                    emitted += e;
                    lastEpochEmission = e;
                    if (e > 0) {
                        epochsWithEmission++;
                    }
                }
                Thread.sleep(40);
            }
            assertThat(epochsWithEmission).as("epochs in which the miner UID was paid").isEqualTo(3);
            // drain: produce blocks up to (not including) the next epoch block, until the sweeper forwarded everything
            while (System.nanoTime() < deadline) {
                long leftover = chain.stake(CHARLIE.ss58(), MINER.ss58(), NETUID, null).stake()
                        + chain.stake(CHARLIE.ss58(), AGGREGATOR.ss58(), NETUID, null).stake();
                long next = chain.currentBlock() + 1;
                if (leftover == 0 || (next + NETUID + 1) % 21 == 20) {
                    break;
                }
                net.produceBlock();
                Thread.sleep(60);
            }
            stop.stop();
            // blocks for any submission still waiting, then join
            for (int i = 0; i < 50 && (vt.isAlive() || st.isAlive()); i++) {
                long next = chain.currentBlock() + 1;
                if ((next + NETUID + 1) % 21 != 20) {
                    net.produceBlock();
                }
                vt.join(50);
                st.join(50);
            }
            assertThat(vt.isAlive()).isFalse();
            assertThat(st.isAlive()).isFalse();

            JsonNode weights = chain.client().query("SubtensorModule", "Weights", List.of(NETUID, 1), null);
            assertThat(weights.size()).isEqualTo(1);
            assertThat(weights.get(0).get(0).asInt()).isEqualTo(minerUid);
            assertThat(weights.get(0).get(1).asInt()).isEqualTo(65535);

            long onMiner = chain.stake(CHARLIE.ss58(), MINER.ss58(), NETUID, null).stake();
            long onAggregator = chain.stake(CHARLIE.ss58(), AGGREGATOR.ss58(), NETUID, null).stake();
            long atDestination = chain.stake(DAVE.ss58(), AGGREGATOR.ss58(), NETUID, null).stake();
            assertThat(emitted).isPositive();
            assertThat(onMiner + onAggregator).as("left with the wallet coldkey").isLessThanOrEqualTo(lastEpochEmission);
            assertThat(atDestination + onMiner + onAggregator).as("destination + leftover = emitted to the miner").isEqualTo(emitted);
            assertThat(onMiner + onAggregator).isZero();
            assertThat(atDestination).isEqualTo(emitted);
            assertThat(metrics.count("lfc.weights.set")).isGreaterThanOrEqualTo(2);
            assertThat(metrics.count("lfc.sweeps", "result", "success")).isGreaterThanOrEqualTo(3);
            assertThat(metrics.count("lfc.transfers", "result", "success")).isGreaterThanOrEqualTo(3);
            assertThat(metrics.count("lfc.alpha.transferred.rao")).isEqualTo((double) emitted);
        }
    }
}
