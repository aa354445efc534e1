package io.tao4j.lfc;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.Localnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A transfer the chain refuses (subnet with stake transfers disabled): counted, alerted on Slack, the sweeper goes on. */
class SweeperFailureTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void refusedTransferIsAlertedAndCounted() throws Exception {
        Localnet.Config cfg = Localnet.Config.defaults().fast().forTests();
        cfg.genesis().subnets.stream().filter(s -> s.netuid == 35).forEach(s -> s.transferEnabled = false);
        Webhook hook = new Webhook();
        List<String> bodies = hook.bodies;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Sr25519KeyPair charlie = Sr25519KeyPair.fromUri("//Charlie");
        String miner = Sr25519KeyPair.fromUri("//Charlie//miner").ss58();
        String aggregator = Sr25519KeyPair.fromUri("//Charlie//aggregator").ss58();
        try (Localnet net = Localnet.start(cfg); WsRpcClient ws = WsRpcClient.connect(net.rpcUrl()); LfcMetrics metrics = new LfcMetrics();
             SlackNotifier slack = new SlackNotifier(SlackNotifier.Role.MINER, miner,
                     hook.url(), null, Clock.systemUTC())) {
            Subtensor chain = Subtensor.of(OnlineClient.connect(ws)).withTimeout(Duration.ofSeconds(20));
            net.produceBlock();
            Sweeper sweeper = new Sweeper(chain, charlie, new Sweeper.Config(35, miner, aggregator, Sr25519KeyPair.fromUri("//Dave").ss58(),
                    false, false, Duration.ofSeconds(1)), slack, metrics);
            WithBlocks.run(net, pool, () -> chain.addStake(charlie, miner, 35, 2_000_000_000L, OnlineClient.WaitFor.IN_BLOCK));
            Sweeper.Result moved = WithBlocks.run(net, pool, sweeper::sweepToAggregator);
            assertThat(moved.ok()).as(moved.detail()).isTrue();
            Sweeper.Result t = WithBlocks.run(net, pool, sweeper::transferAggregated);
            assertThat(t.attempted()).isTrue();
            assertThat(t.ok()).isFalse();
            assertThat(t.detail()).contains("TransferDisallowed");
            // nothing left the aggregator (it may have earned dividends at an epoch meanwhile: it holds stake now)
            assertThat(chain.stake(charlie.ss58(), aggregator, 35, null).stake()).isGreaterThanOrEqualTo(moved.amount());
            assertThat(metrics.count("lfc.transfers", "result", "failure")).isEqualTo(1);
            assertThat(metrics.count("lfc.sweeps", "result", "success")).isEqualTo(1);
            assertThat(bodies).hasSize(1);
            assertThat(bodies.get(0)).contains("Stake transfer failed").contains("#ff0000").contains("Netuid: 35");
            assertThat(slack.dailySummaryPayload().toString()).contains("Success: 0, Failed: 1, Rate: 0.0%")
                    .contains("Success: 1, Failed: 0, Rate: 100.0%");
        } finally {
            pool.shutdownNow();
            hook.close();
        }
    }
}
