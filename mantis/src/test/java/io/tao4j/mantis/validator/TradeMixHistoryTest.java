package io.tao4j.mantis.validator;

import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradeMixHistoryTest {
    @Test
    void probationIs30240SamplesAt5BlocksASample() {
        assertEquals(504.0, TradeMixHistory.hours(1000, 1000 + 30_240, 5, 12));
        assertEquals(1.0, TradeMixHistory.hours(0, 60, 5, 12));
    }

    @Test
    void warnsBelowTheProbationOnly() {
        Protocol p = Protocol.BCFF57B;
        Optional<String> w = TradeMixHistory.shortHistoryWarning(Optional.of(new long[] {100, 100 + 30_239}), p);
        assertTrue(w.isPresent());
        assertTrue(w.get().startsWith("TRADE-MIX history in the ledger covers 504.0 h, less than the 504 h probation"),
                w.get());
        assertTrue(w.get().contains("--datalog-url") && w.get().contains("151200 blocks"), w.get());
        assertEquals(Optional.empty(), TradeMixHistory.shortHistoryWarning(Optional.of(new long[] {100, 100 + 30_240}), p));
        assertTrue(TradeMixHistory.shortHistoryWarning(Optional.empty(), p).orElseThrow().contains("covers 0.0 h"));
        // no TRADE-MIX in the original protocol: nothing to warn about
        assertEquals(Optional.empty(), TradeMixHistory.shortHistoryWarning(Optional.empty(), Protocol.P2E9BC5B));
    }

    @Test
    void spanReadsTheTradeMixRowsOfAHeadLedger(@TempDir Path dir) {
        try (Ledger l = Ledger.open(dir.resolve("l.db"), Protocol.BCFF57B)) {
            assertEquals(Optional.empty(), TradeMixHistory.span(l));
            Map<String, Double> prices = Map.of("BTC", 60000.0, "ETH", 3000.0, "TAO", 400.0, "SOL", 150.0);
            for (int k = 0; k < 3; k++) l.appendStep(1000 + 5L * k, prices, Map.of(), Map.of());
            assertArrayEquals(new long[] {200, 202}, TradeMixHistory.span(l).orElseThrow()); // sidx = block / 5
            TradeMixHistory.warnIfShort(l, Protocol.BCFF57B); // logs, does not throw
        }
    }
}
