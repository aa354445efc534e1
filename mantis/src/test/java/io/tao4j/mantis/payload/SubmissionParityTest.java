package io.tao4j.mantis.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SubmissionValidator} against the reference's own {@code _validate_submission}: every case of
 * {@code submission_vectors_<commit>.json} (made by {@code tools/parity/mantis/gen_submission_vectors.py}: the rules
 * of spec §2.2 one by one, then seeded random mutations) gives the same outcome and bit-identical stored vectors.
 */
class SubmissionParityTest {
    @ParameterizedTest
    @ValueSource(strings = {"bcff57b", "2e9bc5b"})
    void everyCaseMatchesTheReference(String commit) throws Exception {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/payload/submission_vectors_" + commit + ".json")) {
            doc = PayloadJson.parse(in.readAllBytes());
        }
        assertThat(doc.get("protocol").asText()).isEqualTo(commit);
        SubmissionValidator v = new SubmissionValidator(Protocol.of(commit));
        List<String> mismatches = new ArrayList<>();
        int n = 0;
        for (JsonNode c : doc.get("cases")) {
            n++;
            String name = c.get("name").asText();
            SubmissionValidator.Result r = v.validate(PayloadJson.parse(c.get("json").asText().getBytes(StandardCharsets.UTF_8)));
            String want = c.get("outcome").asText();
            String got = switch (r.outcome()) {
                case VOID -> "void";
                case STORED -> "stored";
                case EMPTY -> "empty";
                case NOT_OBJECT -> "not_object";
            };
            if (!want.equals(got)) {
                mismatches.add(name + ": outcome " + got + ", reference " + want + " (" + r.detail() + ")");
                continue;
            }
            Map<String, double[]> expected = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.get("stored").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                double[] a = new double[e.getValue().size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = e.getValue().get(i).doubleValue();
                }
                expected.put(e.getKey(), a);
            }
            Map<String, double[]> stored = r.nonZero();
            if (!stored.keySet().equals(expected.keySet())) {
                mismatches.add(name + ": stored " + stored.keySet() + ", reference " + expected.keySet());
                continue;
            }
            for (String t : expected.keySet()) {
                double[] a = stored.get(t);
                double[] b = expected.get(t);
                boolean same = a.length == b.length;
                for (int i = 0; same && i < a.length; i++) {
                    same = Double.doubleToLongBits(a[i]) == Double.doubleToLongBits(b[i]);
                }
                if (!same) {
                    mismatches.add(name + ": " + t + " " + java.util.Arrays.toString(a) + " vs " + java.util.Arrays.toString(b));
                }
            }
        }
        assertThat(n).isGreaterThan(200);
        assertThat(mismatches).isEmpty();
    }
}
