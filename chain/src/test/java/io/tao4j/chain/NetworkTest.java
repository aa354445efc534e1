package io.tao4j.chain;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkTest {
    @Test
    void namedNetworksUseTheSdkEndpoints() {
        // bittensor/core/settings.py (SDK9); see shared spec subtensor.md §1
        assertThat(Network.parse("finney").endpoint()).isEqualTo(URI.create("wss://entrypoint-finney.opentensor.ai:443"));
        assertThat(Network.parse("test").endpoint()).isEqualTo(URI.create("wss://test.finney.opentensor.ai:443"));
        assertThat(Network.parse("archive").endpoint()).isEqualTo(URI.create("wss://archive.chain.opentensor.ai:443"));
        assertThat(Network.parse("local").endpoint()).isEqualTo(URI.create("ws://127.0.0.1:9944"));
        assertThat(Network.parse(" Finney ")).isEqualTo(Network.FINNEY);
        assertThat(Network.DEFAULT).isEqualTo(Network.FINNEY);
    }

    @Test
    void anEndpointUrlIsAcceptedAsTheNetworkAndNamedLikeBtcliDoes() {
        assertThat(Network.parse("wss://entrypoint-finney.opentensor.ai:443").name()).isEqualTo("finney");
        assertThat(Network.parse("wss://test.finney.opentensor.ai:443/").name()).isEqualTo("test");
        assertThat(Network.parse("wss://archive.chain.opentensor.ai:443").name()).isEqualTo("archive");
        Network local = Network.parse("ws://localhost:9945");
        assertThat(local.name()).isEqualTo("local");
        assertThat(local.endpoint()).isEqualTo(URI.create("ws://localhost:9945"));
        assertThat(local.isCustomEndpoint()).isTrue();
        assertThat(Network.parse("wss://lite.chain.opentensor.ai:443").name()).isEqualTo("custom");
        assertThat(Network.FINNEY.isCustomEndpoint()).isFalse();
    }

    @Test
    void btcliNetworkNames() {
        assertThat(Network.parse("latent-lite").endpoint().toString()).isEqualTo("wss://lite.sub.latent.to:443");
        assertThat(Network.parse("rao").endpoint().toString()).isEqualTo("wss://rao.chain.opentensor.ai:443");
        assertThat(Network.parse("DEV").endpoint().toString()).isEqualTo("wss://dev.chain.opentensor.ai:443");
        assertThat(Network.parse("wss://lite.sub.latent.to:443").name()).isEqualTo("latent-lite");
        assertThat(Network.parse("wss://rao.chain.opentensor.ai:443")).isEqualTo(Network.RAO);
    }

    @Test
    void badValuesNameTheValidChoices() {
        assertThatThrownBy(() -> Network.parse("mainnet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown network 'mainnet'; expected one of finney, test, archive, local, rao, dev, latent-lite,"
                        + " or an endpoint URL (ws://host:port or wss://host:port)");
        assertThatThrownBy(() -> Network.parse("")).hasMessageContaining("finney, test, archive, local");
        assertThatThrownBy(() -> Network.parse("ftp://x:1")).hasMessageContaining("must start with ws://, wss://, http:// or https://");
        assertThatThrownBy(() -> Network.fromEndpoint("ws://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Network.fromEndpoint("ws://a b")).hasMessageContaining("not a valid URL");
    }

    @Test
    void explicitEndpointWinsOverTheNetwork() {
        Network n = Network.resolve("finney", "ws://127.0.0.1:9944");
        assertThat(n.name()).isEqualTo("local");
        assertThat(n.endpoint()).isEqualTo(URI.create("ws://127.0.0.1:9944"));
        assertThat(Network.resolve(null, null)).isEqualTo(Network.FINNEY);
        assertThat(Network.resolve("test", " ")).isEqualTo(Network.TEST);
    }
}
