package io.tao4j.mantis.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.payload.V2Submission;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code miner/embeddings_validated.json}: baseline and random plaintexts run through MANTIS's own
 * {@code DataLog._validate_submission} (Python 3.11, numpy; see the README beside the file).
 */
class RealValidatorVectorsTest {

    @Test
    void theReferenceValidatorKeepsTheMinersEmbeddingsUnchanged() throws Exception {
        ObjectMapper om = new ObjectMapper();
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/miner/embeddings_validated.json")) {
            doc = om.readTree(in);
        }
        assertThat(doc.get("reference").asText()).contains("2e9bc5b0b2491e6b0545c34430f6d70e6cff1bda");
        JsonNode cases = doc.get("cases");
        assertThat(cases.size()).isEqualTo(MinerVectors.CASES.size());
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            MinerVectors.Case spec = MinerVectors.CASES.get(i);
            assertThat(c.get("name").asText()).isEqualTo(spec.name());
            assertThat(c.get("unchanged_within_1e-12").asBoolean()).as(spec.name()).isTrue();
            JsonNode sent = om.readTree(c.get("plaintext").asText());
            assertThat(sent.get("hotkey").asText()).isEqualTo(MinerVectors.HOTKEY);
            JsonNode ref = c.get("sanitized");
            Map<String, double[]> ours = V2Submission.sanitize(sent);
            Map<String, double[]> regenerated = MinerVectors.embeddings(spec);
            assertThat(ours.keySet()).containsExactlyElementsOf(regenerated.keySet());
            for (Iterator<String> it = ref.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                double[] py = om.convertValue(ref.get(k), double[].class);
                double[] raw = om.convertValue(sent.get(k), double[].class);
                assertThat(raw).as(spec.name() + " " + k + " unchanged by the reference").containsExactly(py, within(1e-12));
                assertThat(ours.get(k)).as(spec.name() + " " + k + " our sanitiser = reference").containsExactly(py, within(1e-15));
                if (!spec.random()) {
                    assertThat(regenerated.get(k)).as(spec.name() + " " + k + " regenerated").containsExactly(raw, within(1e-9));
                }
            }
        }
        // the trending cases carry their direction
        JsonNode up = om.readTree(cases.get(5).get("plaintext").asText());
        JsonNode down = om.readTree(cases.get(6).get("plaintext").asText());
        assertThat(up.get("ETH").get(0).asDouble()).isGreaterThan(0.5);
        assertThat(down.get("ETH").get(0).asDouble()).isLessThan(-0.5);
        assertThat(up.get("ETHHITFIRST").get(0).asDouble()).isGreaterThan(up.get("ETHHITFIRST").get(1).asDouble());
    }
}
