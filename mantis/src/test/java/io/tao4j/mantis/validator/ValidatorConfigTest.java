package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.MantisConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidatorConfigTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ValidatorConfig parse(String s) throws Exception {
        return ValidatorConfig.parse(JSON.readTree(s));
    }

    @Test
    void defaultsAreConfigPyAndOverridesApply() throws Exception {
        ValidatorConfig d = ValidatorConfig.defaults();
        assertThat(d.protocol()).isSameAs(Protocol.BCFF57B);
        assertThat(d.challenges()).isEqualTo(Protocol.BCFF57B.challenges());
        assertThat(d.weightCalcInterval()).isEqualTo(1000);
        assertThat(d.weightSetInterval()).isEqualTo(360);
        assertThat(d.taskInterval()).isEqualTo(500);
        assertThat(parse("{}")).isEqualTo(d);

        ValidatorConfig c = parse("{\"challenges\":[{\"ticker\":\"ETHLBFGS\",\"weight\":2},{\"ticker\":\"ETH\"}],"
                + "\"weight_calc_interval\":700,\"weight_set_interval\":350,\"task_interval\":0}");
        assertThat(c.challenges()).extracting(Challenge::ticker).containsExactly("ETHLBFGS", "ETH");
        assertThat(c.challenges().get(0).weight()).isEqualTo(2.0);
        assertThat(c.challenges().get(0).dim()).isEqualTo(17);
        assertThat(c.challenges().get(1).weight()).isEqualTo(1.0);
        assertThat(c.weightCalcInterval()).isEqualTo(700);
        assertThat(c.weightSetInterval()).isEqualTo(350);
        assertThat(c.taskInterval()).isZero();
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> parse("{\"lag\":3}")).hasMessageContaining("unknown field lag");
        assertThatThrownBy(() -> parse("{\"weight_set_interval\":7}")).hasMessageContaining("weight_set_interval");
        assertThatThrownBy(() -> parse("{\"weight_calc_interval\":\"x\"}")).hasMessageContaining("weight_calc_interval must be an integer");
        assertThatThrownBy(() -> parse("{\"task_interval\":-5}")).hasMessageContaining("task_interval");
        assertThatThrownBy(() -> parse("{\"challenges\":[]}")).hasMessageContaining("challenges must not be empty");
        assertThatThrownBy(() -> parse("{\"challenges\":{}}")).hasMessageContaining("challenges must be a list");
        assertThatThrownBy(() -> parse("{\"challenges\":[{\"ticker\":\"DOGE\"}]}")).hasMessageContaining("challenges[0].ticker DOGE");
        assertThatThrownBy(() -> parse("{\"challenges\":[{\"weight\":1}]}")).hasMessageContaining("challenges[0].ticker is required");
        assertThatThrownBy(() -> parse("{\"challenges\":[{\"ticker\":\"ETH\"},{\"ticker\":\"ETH\"}]}")).hasMessageContaining("challenges[1].ticker ETH is listed twice");
        assertThatThrownBy(() -> parse("{\"challenges\":[{\"ticker\":\"ETH\",\"weight\":-1}]}")).hasMessageContaining("challenges[0].weight");
        assertThatThrownBy(() -> parse("{\"challenges\":[{\"ticker\":\"ETH\",\"dim\":3}]}")).hasMessageContaining("challenges[0]: unknown field dim");
    }

    @Test
    void theProtocolDecidesChallengesAndTheOldTypesAreDerivedFromIt() throws Exception {
        ValidatorConfig old = ValidatorConfig.defaults(Protocol.P2E9BC5B);
        assertThat(old.legacyChallenges()).isEqualTo(MantisConfig.CHALLENGES);
        assertThat(old.nonLegacyChallenges()).isEmpty();
        ValidatorConfig head = ValidatorConfig.defaults();
        assertThat(head.legacyChallenges()).extracting(m -> m.ticker())
                .containsExactly("ETH", "ETHHITFIRST", "ETHLBFGS", "BTCLBFGS", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD");
        assertThat(head.legacyChallenges().get(1).weight()).isEqualTo(1.25); // bcff57b's weight, not 2e9bc5b's 2.5
        assertThat(head.nonLegacyChallenges()).extracting(Challenge::ticker)
                .containsExactly("MULTIBREAKOUT", "MULTIXSEC", "FUNDINGXSEC", "TRADEMIX");
        assertThat(ValidatorConfig.parse(JSON.readTree("{\"challenges\":[{\"ticker\":\"MULTIXSEC\",\"weight\":1}]}"))
                .challenges().get(0).dim()).isEqualTo(1);
        assertThatThrownBy(() -> ValidatorConfig.parse(JSON.readTree("{\"challenges\":[{\"ticker\":\"MULTIXSEC\"}]}"),
                Protocol.P2E9BC5B)).hasMessageContaining("MULTIXSEC is not a challenge of MANTIS protocol 2e9bc5b");
    }

    @Test
    void scoringRegistryMapsEachProtocolAndSaysWhatBcff57bLacks() {
        ProtocolScoring.Plan old = ProtocolScoring.plan(ValidatorConfig.defaults(Protocol.P2E9BC5B));
        assertThat(old.headSemantics()).isTrue();
        assertThat(old.warning()).isNull();
        assertThat(old.scored()).isEqualTo(MantisConfig.CHALLENGES);
        ProtocolScoring.Plan head = ProtocolScoring.plan(ValidatorConfig.defaults(Protocol.BCFF57B));
        assertThat(head.headSemantics()).isTrue();
        assertThat(head.engine()).isEqualTo("HEAD (bcff57b)");
        assertThat(head.scored()).hasSize(8);
        // MULTI-BREAKOUT is scored; the multi-asset kinds only once registered in defaultMultiAssetScorers()
        java.util.List<String> unregistered = java.util.stream.Stream.of("MULTIXSEC", "FUNDINGXSEC", "TRADEMIX")
                .filter(t -> !new io.tao4j.mantis.salience.head.HeadSalienceEngine(Protocol.BCFF57B, 1)
                        .hasScorer(Protocol.BCFF57B.byTicker(t).orElseThrow())).toList();
        assertThat(head.notScored().stream().map(io.tao4j.mantis.protocol.Challenge::ticker).toList())
                .isEqualTo(unregistered);
        if (unregistered.isEmpty()) {
            assertThat(head.warning()).isNull();
        } else {
            assertThat(head.warning()).contains("bcff57b").contains("HEAD (bcff57b) engine")
                    .contains("no scorer yet for " + unregistered + " (issue #16)")
                    .contains("they produce no output and their weight goes to the scored challenges");
        }
        ValidatorConfig onlyBreakout = new ValidatorConfig(Protocol.BCFF57B,
                java.util.List.of(Protocol.BCFF57B.byTicker("MULTIBREAKOUT").orElseThrow()), 1000, 360, 500);
        assertThat(ProtocolScoring.scorer(onlyBreakout, java.nio.file.Path.of("x.db"))).isInstanceOf(HeadScorer.class);
        assertThat(ProtocolScoring.scorer(ValidatorConfig.defaults(Protocol.BCFF57B), java.nio.file.Path.of("x.db")))
                .isInstanceOf(HeadScorer.class);
        assertThat(ProtocolScoring.scorer(ValidatorConfig.defaults(Protocol.P2E9BC5B), java.nio.file.Path.of("x.db")))
                .isInstanceOf(SalienceScorer.class);
        ProtocolScoring.Plan offline = ProtocolScoring.engine2e9bc5bPlan(ValidatorConfig.defaults(Protocol.BCFF57B));
        assertThat(offline.headSemantics()).isFalse();
        assertThat(offline.warning()).contains("2e9bc5b semantics")
                .contains("not scored: [MULTIBREAKOUT, MULTIXSEC, FUNDINGXSEC, TRADEMIX]");
        assertThat(ProtocolScoring.engine2e9bc5bPlan(ValidatorConfig.defaults(Protocol.P2E9BC5B)).warning()).isNull();
        ValidatorConfig onlyMulti = new ValidatorConfig(Protocol.BCFF57B,
                java.util.List.of(Protocol.BCFF57B.byTicker("TRADEMIX").orElseThrow()), 1000, 360, 500);
        if (unregistered.contains("TRADEMIX")) {
            assertThatThrownBy(() -> ProtocolScoring.scorer(onlyMulti, java.nio.file.Path.of("x.db")))
                    .hasMessageContaining("none of the configured challenges [TRADEMIX] can be scored");
        }
    }
}
