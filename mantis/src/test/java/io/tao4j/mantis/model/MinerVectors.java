package io.tao4j.mantis.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.mantis.payload.PayloadSealer;
import io.tao4j.mantis.protocol.Protocol;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The cases of {@code src/test/resources/miner/embeddings_validated.json}: deterministic price histories
 * (seeded walks with a given drift) → the baseline's plaintext as the miner seals it. {@link #main} writes
 * the input file that {@code tools/parity/mantis/check_miner_embeddings.py} runs through MANTIS's own
 * {@code DataLog._validate_submission}; see the README beside the vector file.
 */
public final class MinerVectors {
    static final String HOTKEY = "5GYZ1qhVFcbz1VTzJtiEygYUUgxcu93KGT9kT45fQy2cxfRK"; // //Eve//miner0
    static final List<String> ASSETS = List.of("ETH", "BTC", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD");

    /** One case: seed, length, drift in horizon sigmas per 300 steps, or the random model. */
    record Case(String name, long seed, int n, double drift, boolean random) {
    }

    static final List<Case> CASES = List.of(
            new Case("empty-history", 1, 0, 0, false),
            new Case("too-short", 2, 6, 0, false),
            new Case("flat-300", 3, 300, 0, false),
            new Case("up-300", 4, 300, 1.0, false),
            new Case("down-3000", 5, 3000, -1.0, false),
            new Case("strong-up-3000", 6, 3000, 4.0, false),
            new Case("strong-down-4096", 7, 4096, -4.0, false),
            new Case("mild-4096", 8, 4096, 0.3, false),
            new Case("random-a", 9, 0, 0, true),
            new Case("random-b", 10, 0, 0, true));

    static PriceHistory history(Case c) {
        SplittableRandom r = new SplittableRandom(c.seed());
        Map<String, double[]> m = new LinkedHashMap<>();
        for (String a : ASSETS) {
            double sigma = a.equals("ETH") || a.equals("BTC") || a.equals("XAGUSD") ? 1e-3 : 1e-4;
            double mu = c.drift() * sigma / Math.sqrt(300);
            double[] p = new double[c.n()];
            double lp = Math.log(a.equals("BTC") ? 60000 : a.equals("ETH") ? 3000 : 1);
            for (int t = 0; t < p.length; t++) {
                lp += mu + sigma * Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
                p[t] = Math.exp(lp);
            }
            m.put(a, p);
        }
        return new PriceHistory(1, c.n(), m);
    }

    static Map<String, double[]> embeddings(Case c) {
        return (c.random() ? ModelSet.random(c.seed(), Protocol.P2E9BC5B) : ModelSet.baseline(Protocol.P2E9BC5B)).embed(history(c));
    }

    /** The plaintext exactly as a payload carries it. */
    static String plaintext(Case c) {
        return new String(PayloadSealer.preparePlaintext(HOTKEY, ModelSet.toJson(Protocol.P2E9BC5B, embeddings(c))), StandardCharsets.UTF_8);
    }

    /** Writes the generator input: {@code {"hotkey":…,"cases":[{"name":…,"plaintext":"…"}]}}. */
    public static void main(String[] args) throws Exception {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("hotkey", HOTKEY);
        ArrayNode cases = root.putArray("cases");
        for (Case c : CASES) {
            cases.addObject().put("name", c.name()).put("plaintext", plaintext(c));
        }
        Files.writeString(Path.of(args[0]), om.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
