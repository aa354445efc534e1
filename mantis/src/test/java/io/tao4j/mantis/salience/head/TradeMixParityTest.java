package io.tao4j.mantis.salience.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parity of {@link TradeMixScorer} with the reference's {@code compute_trade_mix_salience} (Barbariandev/MANTIS
 * @bcff57b): inputs and the reference's return value ({@code raw.TRADEMIX}) from
 * tools/parity/mantis/gen_head_multi_parity.py (commands in each fixture's README.md).
 */
class TradeMixParityTest {
    /** Per hotkey and burn: the reference is deterministic and so is this port; what is left is rounding. */
    static final double TOL = 1e-6;

    static Map<String, Double> score(HeadMultiParityData.Dump d) {
        MultiAssetSeries s = d.series().get("TRADEMIX");
        assertNotNull(s, "no TRADEMIX series in the dump");
        return TradeMixScorer.score(s, Protocol.BCFF57B.tradeMix().orElseThrow());
    }

    /** 5 hotkeys × 24 days: past probation, the RV channel caps two miners and pays a copy by seniority. */
    @Test
    void matchesTheReferenceWhereMinersArePaid() throws Exception {
        String base = "/salience/head/t24s5/";
        HeadMultiParityData.Dump d;
        try (InputStream in = TradeMixParityTest.class.getResourceAsStream(base + "multi.bin.gz")) {
            assertNotNull(in, "dump missing: " + base);
            d = HeadMultiParityData.read(in);
        }
        JsonNode exp;
        try (InputStream in = TradeMixParityTest.class.getResourceAsStream(base + "expected.json")) {
            exp = new ObjectMapper().readTree(in);
        }
        Map<String, Double> want = HeadParityTest.map(exp.path("raw").path("TRADEMIX"));
        Map<String, Double> got = score(d);
        assertEquals(new TreeSet<>(want.keySet()), new TreeSet<>(got.keySet()), "hotkeys paid: " + got);
        double err = HeadParityTest.maxAbs(want, got);
        assertTrue(err <= TOL, "max |Δ| " + err + "\nwant " + want + "\ngot  " + got);
        assertTrue(want.get(HeadSalienceEngine.BURN_KEY) < 1.0, "the fixture must pay someone");
        assertEquals(1.0, got.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
    }

    /**
     * Opt-in ({@code -Dtao4j.paritydata=DIR}, skipped otherwise): every folder of DIR with a READY file and a
     * TRADEMIX entry in its expected.json (the larger generated ledgers, kept outside git) is checked.
     */
    @Test
    void matchesTheReferenceOnTheSuiteWhenPresent() throws Exception {
        String dir0 = System.getProperty("tao4j.paritydata");
        Assumptions.assumeTrue(dir0 != null && Files.isDirectory(Path.of(dir0)), "-Dtao4j.paritydata=DIR not given");
        Path root = Path.of(dir0);
        try (var dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                if (!Files.exists(dir.resolve("READY")) || !Files.exists(dir.resolve("expected.json"))) continue;
                JsonNode exp = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
                if (!exp.path("raw").has("TRADEMIX")) continue;
                Map<String, Double> want = HeadParityTest.map(exp.path("raw").path("TRADEMIX"));
                long t0 = System.nanoTime();
                Map<String, Double> got = score(HeadMultiParityData.read(dir.resolve("multi.bin.gz")));
                double err = HeadParityTest.maxAbs(want, got);
                System.out.printf("TRADEMIX parity %s: max |Δ| %.3g over %d keys, burn %.6f, %.2f s%n", dir.getFileName(),
                        err, want.size(), want.getOrDefault(HeadSalienceEngine.BURN_KEY, 0.0),
                        (System.nanoTime() - t0) / 1e9);
                assertEquals(new TreeSet<>(want.keySet()), new TreeSet<>(got.keySet()), dir + ": hotkeys paid");
                assertTrue(err <= TOL, dir + ": max |Δ| " + err + "\nwant " + want + "\ngot  " + got);
            }
        }
    }
}
