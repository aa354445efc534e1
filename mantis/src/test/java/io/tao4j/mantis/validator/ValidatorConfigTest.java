package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.salience.MantisChallenge;
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
        assertThat(d.challenges()).isEqualTo(MantisConfig.CHALLENGES);
        assertThat(d.weightCalcInterval()).isEqualTo(1000);
        assertThat(d.weightSetInterval()).isEqualTo(360);
        assertThat(d.taskInterval()).isEqualTo(500);
        assertThat(parse("{}")).isEqualTo(d);

        ValidatorConfig c = parse("{\"challenges\":[{\"ticker\":\"ETHLBFGS\",\"weight\":2},{\"ticker\":\"ETH\"}],"
                + "\"weight_calc_interval\":700,\"weight_set_interval\":350,\"task_interval\":0}");
        assertThat(c.challenges()).extracting(MantisChallenge::ticker).containsExactly("ETHLBFGS", "ETH");
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
}
