package io.tao4j.mantis.validator;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.payload.PayloadJson;
import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ValidatorPrices} against the reference's own {@code validator.get_asset_prices} at bcff57b:
 * {@code validator/price_vectors_bcff57b.json} ({@code tools/parity/mantis/gen_price_vectors.py}) gives, per served
 * document, the returned keys and values and the funding rates; ours must be equal.
 */
class PriceParityTest {
    @Test
    void everyDocumentGivesTheReferencesPrices() throws Exception {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/validator/price_vectors_bcff57b.json")) {
            doc = PayloadJson.parse(in.readAllBytes());
        }
        ValidatorPrices rules = new ValidatorPrices(Protocol.BCFF57B);
        int n = 0;
        for (JsonNode c : doc.get("cases")) {
            n++;
            String name = c.get("name").asText();
            JsonNode body = c.get("body");
            int status = c.get("status").asInt();
            ValidatorPrices.Step s = rules.read(() -> {
                if (body.isNull()) {
                    throw new IOException("connection refused");
                }
                if (status != 200) {
                    throw new IOException("HTTP " + status);
                }
                return body.asText().getBytes(StandardCharsets.UTF_8);
            });
            assertThat(s.prices()).as(name).isEqualTo(values(c.get("out")));
            assertThat(s.fundingRates()).as(name).isEqualTo(values(c.get("funding")));
        }
        assertThat(n).isEqualTo(20);
    }

    static Map<String, Double> values(JsonNode o) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            m.put(e.getKey(), v.isTextual() ? switch (v.asText()) {
                case "nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                default -> Double.NEGATIVE_INFINITY;
            } : v.doubleValue());
        }
        return m;
    }
}
