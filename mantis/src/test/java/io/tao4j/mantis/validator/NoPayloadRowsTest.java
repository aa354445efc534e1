package io.tao4j.mantis.validator;

import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.payload.SubmissionValidator;
import io.tao4j.mantis.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bcff57b's {@code append_step} writes one {@code raw_payloads} row per metagraph hotkey: the payload, or {@code {}}
 * for a hotkey that had none at that step (spec §4.2); {@code process_pending_payloads} deletes those rows with the
 * matured ones without opening anything.
 */
class NoPayloadRowsTest {
    static Map<String, Double> prices() {
        Map<String, Double> p = new LinkedHashMap<>();
        for (String k : Protocol.BCFF57B.tickers()) {
            p.put(k, 0.0);
        }
        p.put("ETH", 3000.0);
        return p;
    }

    @Test
    void everyMetagraphHotkeyWithoutAPayloadGetsAnEmptyObjectRowThatMaturesIntoNothing(@TempDir Path dir) {
        Path file = dir.resolve("datalog.db");
        byte[] sealed = "{\"v\": 2, \"round\": 7}".getBytes(StandardCharsets.UTF_8);
        try (Ledger l = Ledger.open(file, Protocol.BCFF57B)) {
            l.appendStep(100, prices(), Map.of(), Map.of("hkA", sealed), List.of("hkOwner", "hkA", "hkB"));
            l.appendStep(105, prices(), Map.of(), Map.of(), List.of("hkOwner", "hkA", "hkB"));
            List<Ledger.Pending> rows = l.mature(1000, 300);
            assertThat(rows).extracting(Ledger.Pending::hotkey).containsExactly("hkA", "hkB", "hkOwner", "hkA", "hkB", "hkOwner");
            assertThat(rows).filteredOn(p -> Ledger.isNoPayload(p.payload())).hasSize(5);
            assertThat(new String(rows.get(1).payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
            assertThat(rows.get(0).payload()).isEqualTo(sealed);
            assertThat(l.pendingCount()).as("placeholders are not payloads waiting for decryption").isEqualTo(1);

            // the decryptor drops the placeholders without opening them (no opener is needed) and counts no rejection
            l.drop(rows.get(0));
            Decryptor d = new Decryptor(null, null, 300, 1000, new SubmissionValidator(Protocol.BCFF57B), Set.of());
            Decryptor.Report r = d.process(l, 1000);
            assertThat(r.opened()).isZero();
            assertThat(r.rejected()).isEmpty();
            assertThat(r.processed()).isEmpty();
            assertThat(l.mature(1000, 300)).isEmpty();
        }
    }

    @Test
    void theTwoOldProtocolsLedgerKeepsOnlyDownloadedPayloads(@TempDir Path dir) {
        try (Ledger l = Ledger.open(dir.resolve("old.db"), Protocol.P2E9BC5B)) {
            l.appendStep(100, Map.of("ETH", 3000.0), Map.of(), Map.of("hkA", new byte[]{1}), List.of("hkOwner", "hkA"));
            assertThat(l.mature(1000, 300)).extracting(Ledger.Pending::hotkey).containsExactly("hkA");
        }
    }
}
