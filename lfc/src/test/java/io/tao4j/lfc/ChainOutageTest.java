package io.tao4j.lfc;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.Localnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local network is stopped under a running validator and sweeper and started again on the same port from its
 * state directory: each neuron sends one outage alert to Slack after the threshold, one recovery message when the chain
 * answers again, and exports the time of its last successful read.
 */
@Timeout(value = 120)
class ChainOutageTest {
    static final int NETUID = 35;

    static void await(String what, Duration max, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static long count(List<String> bodies, String role, String text) {
        return bodies.stream().filter(b -> b.contains(role + " Alert") && b.contains(text)).count();
    }

    static double gauge(String scrape, String neuron) {
        Matcher m = Pattern.compile("(?m)^lfc_last_success_timestamp_seconds\\{neuron=\"" + neuron + "\"} (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("gauge for " + neuron + " in\n" + scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void outageIsAlertedOnceThenRecoveryIsReported(@TempDir Path state) throws Exception {
        Webhook hook = new Webhook();
        List<String> bodies = hook.bodies;
        URI url = hook.url();
        Localnet.Config cfg = Localnet.Config.defaults().fast().onFreePorts().withStateDir(state);
        Localnet net = Localnet.start(cfg);
        int port = URI.create(net.rpcUrl()).getPort();
        WsRpcClient ws = WsRpcClient.connect(URI.create(net.rpcUrl()), WsRpcClient.Options.defaults()
                .withCallTimeout(Duration.ofSeconds(1)).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
        Subtensor chain = Subtensor.of(OnlineClient.connect(ws)).withTimeout(Duration.ofSeconds(2));
        StopSignal stop = new StopSignal();
        Duration threshold = Duration.ofSeconds(2);
        Thread vt = null;
        Thread st = null;
        try (LfcMetrics metrics = new LfcMetrics();
             SlackNotifier vslack = new SlackNotifier(SlackNotifier.Role.VALIDATOR, "v", url, null, Clock.systemUTC());
             SlackNotifier sslack = new SlackNotifier(SlackNotifier.Role.MINER, "s", url, null, Clock.systemUTC())) {
            LfcWeightValidator validator = LfcWeightValidator.builder().subtensor(chain).signer(Sr25519KeyPair.fromUri("//Bob//validator"))
                    .config(new LfcWeightValidator.Config(NETUID, 2, 4, Duration.ofMillis(300), Duration.ofMillis(100), true))
                    .slack(vslack).metrics(metrics).chainOutageAlertAfter(threshold).build();
            Sweeper sweeper = Sweeper.builder().subtensor(chain).signer(Sr25519KeyPair.fromUri("//Charlie"))
                    .config(new Sweeper.Config(NETUID, Sr25519KeyPair.fromUri("//Charlie//miner").ss58(),
                            Sr25519KeyPair.fromUri("//Charlie//aggregator").ss58(), Sr25519KeyPair.fromUri("//Dave").ss58(),
                            false, true, Duration.ofMillis(200)))
                    .slack(sslack).metrics(metrics).chainOutageAlertAfter(threshold).build();
            vt = new Thread(() -> validator.run(stop), "validator");
            st = new Thread(() -> sweeper.run(stop), "sweeper");
            vt.start();
            st.start();
            await("first successful reads", Duration.ofSeconds(20), () -> validator.chainHealth().lastSuccessEpochSeconds() > 0
                    && sweeper.chainHealth().lastSuccessEpochSeconds() > 0);
            assertThat(gauge(metrics.scrape(), "validator")).isPositive();

            net.close();
            Instant down = Instant.now();
            await("outage alerts", Duration.ofSeconds(30), () -> count(bodies, "Validator", "Chain unreachable") == 1
                    && count(bodies, "Miner", "Chain unreachable") == 1);
            assertThat(Duration.between(down, Instant.now())).isGreaterThanOrEqualTo(threshold);
            assertThat(validator.chainHealth().inOutage()).isTrue();
            Thread.sleep(2500); // more failed reads: still one alert each
            assertThat(count(bodies, "Validator", "Chain unreachable")).isEqualTo(1);
            assertThat(count(bodies, "Miner", "Chain unreachable")).isEqualTo(1);
            assertThat(bodies.stream().filter(b -> b.contains("Chain unreachable")).findFirst().orElseThrow())
                    .contains("no successful chain read for").contains("#ff0000");
            double before = gauge(metrics.scrape(), "sweeper");
            assertThat(before).isLessThanOrEqualTo(down.getEpochSecond());

            Localnet.Config again = new Localnet.Config(cfg.host(), port, 0, 0, 0, cfg.blockTime(), cfg.genesis(), cfg.drandSeed(),
                    cfg.drandPeriod(), cfg.priceSeed(), state, false, cfg.storeAccessKey(), cfg.storeSecretKey());
            net = Localnet.start(again);
            Instant up = Instant.now();
            await("recovery messages", Duration.ofSeconds(60), () -> count(bodies, "Validator", "Chain reachable again") == 1
                    && count(bodies, "Miner", "Chain reachable again") == 1);
            assertThat(validator.chainHealth().inOutage()).isFalse();
            assertThat(sweeper.chainHealth().inOutage()).isFalse();
            assertThat(gauge(metrics.scrape(), "validator")).isGreaterThanOrEqualTo(up.getEpochSecond());
            assertThat(gauge(metrics.scrape(), "sweeper")).isGreaterThanOrEqualTo(up.getEpochSecond());
        } finally {
            stop.stop();
            if (vt != null) {
                vt.join(10_000);
            }
            if (st != null) {
                st.join(10_000);
            }
            ws.close();
            net.close();
            hook.close();
        }
    }
}
