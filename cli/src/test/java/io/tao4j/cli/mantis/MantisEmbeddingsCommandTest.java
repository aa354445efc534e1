package io.tao4j.cli.mantis;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * `tao4j mantis embeddings --model baseline --subtensor.network local` prints all 12 bcff57b tickers, each valid under
 * spec §2.2 (checked by {@link HeadSubmissionRules}) and present (not all zeros).
 */
class MantisEmbeddingsCommandTest extends MantisLocalnetTest {

    @BeforeAll
    static void start() throws Exception {
        // a few seconds of 250 ms blocks: enough per-block history for every model to be informed
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (net.prices().latest().get("block").asLong() < 40 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    void baselinePrintsAllTwelveTickersValidUnderTheHeadRules() throws Exception {
        for (String model : List.of("baseline", "random")) {
            CliRun r = CliRun.run("mantis", "embeddings", "--model", model, "--subtensor.network", "local",
                    "--subtensor.chain_endpoint", net.rpcUrl());
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode e = JSON.readTree(r.line());
            List<String> keys = new ArrayList<>();
            e.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as(model).containsExactlyElementsOf(HeadSubmissionRules.TICKERS);
            for (String t : keys) {
                double[] stored = HeadSubmissionRules.stored(t, e.get(t));
                boolean present = false;
                for (double x : stored) {
                    present |= x != 0;
                }
                assertThat(present).as(model + " " + t + " is submitted (not all zeros)").isTrue();
            }
            JsonNode breakout = e.get("MULTIBREAKOUT");
            for (String a : HeadSubmissionRules.BREAKOUT) {
                assertThat(breakout.get(a).get(0).asDouble() + breakout.get(a).get(1).asDouble()).isEqualTo(1.0,
                        org.assertj.core.api.Assertions.within(1e-12));
            }
        }
    }

    @Test
    void theCheckerRefusesWhatTheValidatorWouldZero() throws Exception {
        assertThatThrownBy(() -> HeadSubmissionRules.stored("MULTIXSEC", JSON.readTree("{\"BTC\": 1.5}")))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> HeadSubmissionRules.stored("MULTIBREAKOUT", JSON.readTree("[0.5, 0.5]")))
                .hasMessageContaining("not an object");
        assertThatThrownBy(() -> HeadSubmissionRules.stored("TRADEMIX", JSON.readTree("{\"BTC\":0,\"ETH\":0,\"TAO\":0}")))
                .hasMessageContaining("SOL missing");
        assertThatThrownBy(() -> HeadSubmissionRules.stored("ETH", JSON.readTree("[0.5]"))).hasMessageContaining("list of 2");
    }
}
