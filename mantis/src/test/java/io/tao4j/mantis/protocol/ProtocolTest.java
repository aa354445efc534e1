package io.tao4j.mantis.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtocolTest {

    @Test
    void bcff57bHasTheTwelveChallengesOfConfigPyInOrder() {
        Protocol p = Protocol.BCFF57B;
        assertThat(p.tickers()).containsExactly("ETH", "ETHHITFIRST", "ETHLBFGS", "BTCLBFGS", "CADUSD", "NZDUSD",
                "CHFUSD", "XAGUSD", "MULTIBREAKOUT", "MULTIXSEC", "FUNDINGXSEC", "TRADEMIX");
        assertThat(p.challenges()).extracting(Challenge::storageDim)
                .containsExactly(2, 3, 17, 17, 2, 2, 2, 2, 66, 33, 20, 4);
        assertThat(p.challenges()).extracting(Challenge::weight)
                .containsExactly(1.0, 1.25, 3.5, 2.875, 0.5, 0.5, 1.0, 1.0, 5.0, 3.0, 4.0, 2.6250000000000004);
        assertThat(p.totalWeight()).isEqualTo(26.25);
        assertThat(p.byTicker("MULTIBREAKOUT").orElseThrow().blocksAhead()).isZero();
        assertThat(p.byTicker("FUNDINGXSEC").orElseThrow().aheadSamples(5)).isEqualTo(480);
        assertThat(p.constants().burnPct()).isEqualTo(0.35);
        assertThat(p.constants().emaAlpha()).isEqualTo(0.3);
        assertThat(p.constants().maxIndexHistory()).isEqualTo(86_400);
        assertThat(p.constants().maxBlockHistory()).isEqualTo(432_000);
        assertThat(p.breakout()).isPresent();
        assertThat(p.tradeMix().orElseThrow().probationHours()).isEqualTo(504);
    }

    @Test
    void theValidatorReadsThirtySevenPricesAndTwentyFundingRates() {
        List<String> keys = Protocol.BCFF57B.priceKeys();
        assertThat(keys).hasSize(37).doesNotHaveDuplicates()
                .startsWith("ETH", "BTC", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD")
                .contains("TAO", "SOL", "SKY");
        assertThat(Protocol.BCFF57B.fundingAssets()).hasSize(20).startsWith("BTC", "ETH", "SOL");
        assertThat(Protocol.P2E9BC5B.priceKeys()).containsExactly("ETH", "BTC", "CADUSD", "NZDUSD", "CHFUSD",
                "XAGUSD");
        assertThat(Protocol.P2E9BC5B.fundingAssets()).isEmpty();
    }

    @Test
    void theOriginalProtocolIsKept() {
        Protocol p = Protocol.P2E9BC5B;
        assertThat(p.challenges()).hasSize(8);
        assertThat(p.byTicker("ETHHITFIRST").orElseThrow().weight()).isEqualTo(2.5);
        assertThat(p.totalWeight()).isEqualTo(13.875);
        assertThat(p.constants().burnPct()).isZero();
        assertThat(p.constants().emaAlpha()).isZero();
        assertThat(p.constants().maxDays()).isEqualTo(30);
        assertThat(p.constants().datalogArchiveUrl()).endsWith("/mantis_datalog.pkl");
        assertThat(p.breakout()).isEmpty();
        assertThat(p.tradeMix()).isEmpty();
    }

    @Test
    void versionsAreNamedByCommitAndPayloadKeysByTickerOrName() {
        assertThat(Protocol.DEFAULT).isSameAs(Protocol.BCFF57B);
        assertThat(Protocol.of("bcff57b")).isSameAs(Protocol.BCFF57B);
        assertThat(Protocol.of(" 2E9BC5B ")).isSameAs(Protocol.P2E9BC5B);
        assertThat(Protocol.of("2e9bc5b0123")).isSameAs(Protocol.P2E9BC5B);
        assertThatThrownBy(() -> Protocol.of("head")).hasMessageContaining("unknown MANTIS protocol 'head'")
                .hasMessageContaining("bcff57b");
        assertThatThrownBy(() -> Protocol.of("bcff")).hasMessageContaining("unknown MANTIS protocol");
        assertThat(Protocol.BCFF57B.byKey("XSEC-RANK").orElseThrow().ticker()).isEqualTo("MULTIXSEC");
        assertThat(Protocol.BCFF57B.byKey("MULTIXSEC").orElseThrow().name()).isEqualTo("XSEC-RANK");
        assertThat(Protocol.BCFF57B.byTicker("XSEC-RANK")).isEmpty();
        assertThat(Protocol.P2E9BC5B.byKey("TRADEMIX")).isEmpty();
    }

    @Test
    void challengesRefuseInconsistentDeclarations() {
        assertThatThrownBy(() -> new Challenge("X", "X", "X", List.of(), 1, 0, Loss.XSEC_RANK, 1))
                .hasMessageContaining("needs an asset list");
        assertThatThrownBy(() -> new Challenge("X", "X", "X", List.of("BTC"), 2, 300, Loss.BINARY, 1))
                .hasMessageContaining("takes no asset list");
        assertThatThrownBy(() -> new Challenge("X", "X", "X", List.of(), 0, 300, Loss.BINARY, 1))
                .hasMessageContaining("dim must be positive");
        assertThat(Loss.fromWireName("range_breakout_multi")).isEqualTo(Loss.RANGE_BREAKOUT_MULTI);
        assertThatThrownBy(() -> Loss.fromWireName("mse")).hasMessageContaining("unknown loss_func 'mse'");
    }
}
