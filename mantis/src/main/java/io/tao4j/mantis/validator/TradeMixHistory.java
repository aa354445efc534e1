package io.tao4j.mantis.validator;

import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.head.TradeMixConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The start-up check of the ledger's TRADE-MIX history. TRADE-MIX (bcff57b) scores the whole TRADEMIX history in
 * the ledger: its hour grid and factor refreshes are anchored at the first row and miners are paid only after a
 * probation of {@code probationHours} (504 h) of that history. A validator whose ledger starts later than its
 * peers' (a fresh ledger instead of one bootstrapped from the archive) computes a different TRADE-MIX vector — at
 * first {@code {__burn__: 1}} while peers pay miners — so its weights differ from theirs.
 *
 * <p>Hours of history = {@code (last sidx − first sidx) × sampleEvery × secondsPerBlock / 3600} over the TRADEMIX
 * rows with prices; with bcff57b's 5 blocks a sample and 12 s a block that is 60 samples (300 blocks) an hour, so
 * the 504-hour probation is 30 240 samples = 151 200 blocks.
 */
final class TradeMixHistory {
    private static final Logger log = LoggerFactory.getLogger(TradeMixHistory.class);

    private TradeMixHistory() {}

    /** Hours between the first and the last TRADEMIX sample. */
    static double hours(long firstSidx, long lastSidx, int sampleEvery, int secondsPerBlock) {
        return (lastSidx - firstSidx) * (double) sampleEvery * secondsPerBlock / 3600.0;
    }

    /**
     * The WARN text when the history (first/last sample index of the TRADEMIX rows; empty = none) is shorter than
     * the protocol's probation; empty when it is long enough or the protocol has no TRADE-MIX.
     */
    static Optional<String> shortHistoryWarning(Optional<long[]> firstLast, Protocol protocol) {
        Optional<Protocol.TradeMixParams> tm = protocol.tradeMix();
        if (tm.isEmpty()) return Optional.empty();
        int probation = tm.get().probationHours();
        int sampleEvery = protocol.constants().sampleEvery();
        int secondsPerBlock = TradeMixConfig.defaults().secondsPerBlock();
        double h = firstLast.map(fl -> hours(fl[0], fl[1], sampleEvery, secondsPerBlock)).orElse(0.0);
        if (h >= probation) return Optional.empty();
        long blocksPerHour = 3600L / secondsPerBlock;
        return Optional.of(String.format(java.util.Locale.ROOT,
                "TRADE-MIX history in the ledger covers %.1f h, less than the %d h probation (%d blocks at %d s a block,"
                        + " %d samples of %d blocks): weights will differ from peers' until it covers the probation"
                        + " (%.1f h more of running), and TRADE-MIX keeps differing as long as this ledger starts later"
                        + " than theirs (its hour grid is anchored at the first row); bootstrap a new ledger with"
                        + " --datalog-url (the archive is imported only when the ledger file does not exist yet)",
                h, probation, probation * blocksPerHour, secondsPerBlock, probation * blocksPerHour / sampleEvery,
                sampleEvery, probation - h));
    }

    /** First and last sample index of the ledger's TRADEMIX rows with prices, if any. */
    static Optional<long[]> span(Ledger ledger) {
        return ledger.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(sidx), MAX(sidx) FROM challenge_data"
                    + " WHERE ticker = ? AND price_data IS NOT NULL AND price_data != ''")) {
                ps.setString(1, "TRADEMIX");
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    long first = rs.getLong(1);
                    if (rs.wasNull()) return Optional.empty();
                    return Optional.of(new long[] {first, rs.getLong(2)});
                }
            }
        });
    }

    /** Logs the WARN line when the ledger's TRADE-MIX history is shorter than the probation; never throws. */
    static void warnIfShort(Ledger ledger, Protocol protocol) {
        if (protocol.tradeMix().isEmpty()) return;
        try {
            shortHistoryWarning(span(ledger), protocol).ifPresent(log::warn);
        } catch (RuntimeException e) {
            log.warn("cannot measure the ledger's TRADE-MIX history: {}", e.getMessage());
        }
    }
}
