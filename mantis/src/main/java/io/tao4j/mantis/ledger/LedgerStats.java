package io.tao4j.mantis.ledger;

import io.tao4j.mantis.internal.Json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Summary of a ledger or MANTIS {@code datalog.db} (read-only): steps and their block range, per
 * ticker the rows, rows with a price and rows with embeddings and the sample-index range, the distinct
 * hotkeys seen, and the pending payloads and cached drand rounds.
 */
public record LedgerStats(long fileBytes, long blocks, Long firstBlock, Long lastBlock, Map<String, TickerStats> tickers,
                          long distinctHotkeys, long rawPayloads, long drandRounds) {
    private static final ObjectMapper JSON = Json.MAPPER;

    /** Per-ticker figures. */
    public record TickerStats(long rows, long priced, long withEmbeddings, Long minSidx, Long maxSidx) {
    }

    /** Reads the statistics of the SQLite file at {@code db}. */
    public static LedgerStats of(Path db) {
        if (!Files.isRegularFile(db)) {
            throw new DatalogReader.LedgerException("ledger file not found: " + db, null);
        }
        try (Connection c = SqliteReadOnly.open(db)) {
            Map<String, List<String>> cols = LedgerArchive.columns(c);
            if (!cols.containsKey("blocks") || !cols.containsKey("challenge_data")) {
                throw new DatalogReader.LedgerException("not a MANTIS datalog (no blocks/challenge_data tables): " + db, null);
            }
            long blocks;
            Long first = null;
            Long last = null;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(block), MAX(block) FROM blocks")) {
                rs.next();
                blocks = rs.getLong(1);
                if (blocks > 0) {
                    first = rs.getLong(2);
                    last = rs.getLong(3);
                }
            }
            Map<String, TickerStats> tickers = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT ticker, COUNT(*), SUM(price IS NOT NULL AND price > 0), "
                            + "SUM(embeddings IS NOT NULL AND length(embeddings) > 0), MIN(sidx), MAX(sidx) "
                            + "FROM challenge_data GROUP BY ticker ORDER BY ticker")) {
                while (rs.next()) {
                    tickers.put(rs.getString(1), new TickerStats(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)));
                }
            }
            Set<String> hotkeys = new HashSet<>();
            String previous = null; // consecutive rows usually repeat the same list: parse it once
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT hotkeys FROM challenge_data WHERE hotkeys IS NOT NULL AND hotkeys != '[]'")) {
                while (rs.next()) {
                    String js = rs.getString(1);
                    if (!js.equals(previous)) {
                        previous = js;
                        try {
                            hotkeys.addAll(JSON.readValue(js, new TypeReference<ArrayList<String>>() { }));
                        } catch (Exception e) {
                            throw new DatalogReader.LedgerException("malformed hotkeys JSON in " + db + ": " + e.getMessage(), e);
                        }
                    }
                }
            }
            long raw = cols.containsKey("raw_payloads") ? LedgerArchive.count(c, "raw_payloads") : 0;
            long drand = cols.containsKey("drand_cache") ? LedgerArchive.count(c, "drand_cache") : 0;
            return new LedgerStats(Files.size(db), blocks, first, last, tickers, hotkeys.size(), raw, drand);
        } catch (SQLException | java.io.IOException e) {
            throw new DatalogReader.LedgerException("cannot read " + db + ": " + e.getMessage(), e);
        }
    }

    /** Human-readable multi-line summary. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("file bytes: ").append(fileBytes).append('\n');
        b.append("steps: ").append(blocks);
        if (firstBlock != null) {
            b.append(" (blocks ").append(firstBlock).append("..").append(lastBlock).append(')');
        }
        b.append('\n');
        b.append("distinct hotkeys: ").append(distinctHotkeys).append('\n');
        b.append("pending payloads: ").append(rawPayloads).append('\n');
        b.append("cached drand rounds: ").append(drandRounds).append('\n');
        for (Map.Entry<String, TickerStats> e : tickers.entrySet()) {
            TickerStats t = e.getValue();
            b.append(String.format("%-12s rows %d, priced %d, with embeddings %d, sidx %d..%d%n", e.getKey(), t.rows(),
                    t.priced(), t.withEmbeddings(), t.minSidx(), t.maxSidx()));
        }
        return b.toString();
    }
}
