package io.tao4j.cli;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.drand.ChainInfo;
import io.tao4j.localnet.Localnet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Timelocked weight commits aim at the local beacon on a local network and at quicknet elsewhere. */
class SubtensorOptionsTimelockTest {

    static SubtensorOptions parse(String... args) {
        SubtensorOptions o = new SubtensorOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void aLocalNetworkLendsItsBeaconAndBlockTime() throws Exception {
        try (Localnet net = Localnet.start(Localnet.Config.defaults().fast().onFreePorts());
             WsRpcClient ws = WsRpcClient.connect(net.rpcUrl())) {
            Subtensor st = Subtensor.of(OnlineClient.connect(ws));
            assertThat(st.timelockChain()).isEqualTo(ChainInfo.QUICKNET);
            Subtensor local = parse("--subtensor.network", "local", "--subtensor.chain_endpoint", net.rpcUrl()).timelockFor(st);
            assertThat(local.timelockChain().publicKey()).isEqualTo(net.drandChainInfo().publicKey());
            assertThat(local.timelockChain().publicKey()).isNotEqualTo(ChainInfo.QUICKNET.publicKey());
            // a loopback endpoint is "local" too, as btcli names it
            Subtensor loopback = parse("--subtensor.chain_endpoint", net.rpcUrl()).timelockFor(Subtensor.of(OnlineClient.connect(ws)));
            assertThat(loopback.timelockChain().publicKey()).isEqualTo(net.drandChainInfo().publicKey());
            // finney keeps the SDK's quicknet default, without asking anyone
            Subtensor finney = parse("--subtensor.network", "finney").timelockFor(Subtensor.of(OnlineClient.connect(ws)));
            assertThat(finney.timelockChain()).isEqualTo(ChainInfo.QUICKNET);
        }
    }

    @Test
    void aLocalNetworkWithoutDiscoveryIsNamed() {
        SubtensorOptions o = parse("--subtensor.network", "local", "--subtensor.chain_endpoint", "ws://127.0.0.1:1");
        assertThatThrownBy(() -> o.timelockFor(null)).isInstanceOf(CliException.class)
                .hasMessageContaining("discovery document").hasMessageContaining("tao4j localnet");
    }
}
