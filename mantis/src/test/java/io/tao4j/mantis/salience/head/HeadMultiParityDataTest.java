package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.BreakoutSample;
import io.tao4j.mantis.ledger.MultiAssetSeries;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The multi-asset parity dumps read back with the shapes their generator logged. */
class HeadMultiParityDataTest {
    private static final Path DIR = Path.of("src/test/resources/salience/head");

    @Test
    void m14s4HasTheThreeSeriesWithTheirShapes() throws Exception {
        HeadMultiParityData.Dump d = HeadMultiParityData.read(DIR.resolve("m14s4/multi.bin.gz"));
        MultiAssetSeries x = d.series().get("MULTIXSEC");
        assertEquals(18_720, x.rows());
        assertEquals(33, x.assets());
        assertEquals(6, x.hotkeys().size());
        assertEquals(240 * 5, x.blocksAhead());
        MultiAssetSeries f = d.series().get("FUNDINGXSEC");
        assertEquals(20, f.assets());
        assertTrue(f.sidx()[1] > f.sidx()[0], "funding rows carry their sidx");
        assertEquals(4, d.series().get("TRADEMIX").assets());
        assertTrue(d.breakouts().get("MULTIBREAKOUT").size() > 0, "replayed breakouts");
    }

    @Test
    void t24s5HasBreakoutSamplesFromBothPhases() throws Exception {
        HeadMultiParityData.Dump d = HeadMultiParityData.read(DIR.resolve("t24s5/multi.bin.gz"));
        List<BreakoutSample> s = d.breakouts().get("MULTIBREAKOUT");
        assertTrue(s.size() >= 71, "71 breakouts before MULTIXSEC plus the replay: " + s.size());
        assertEquals(5, s.get(0).embeddings().size());
        assertTrue(s.stream().allMatch(b -> b.label() == 0 || b.label() == 1));
        assertEquals(34_560, d.series().get("TRADEMIX").rows());
    }
}
