package io.tao4j.mantis.ledger;

import io.tao4j.mantis.protocol.Protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Import of a bcff57b {@code datalog.db} into a ledger opened for a protocol (compact layout, {@link LedgerSchema})
 * and export of such a ledger in the exact upstream layout. Import copies every table a HEAD validator reads —
 * {@code blocks}, {@code challenge_data} (with {@code price_data}), {@code raw_payloads}, {@code drand_cache},
 * {@code breakout_state} — validating each cell's storage class and range as {@link LedgerArchive} does; a row's
 * hotkey lists go to {@code hotkey_lists} verbatim (so export gives back the same bytes), its float16 values stay
 * as they are. An embeddings blob that does not unpack with the challenge's storage dim is dropped (MANTIS reads it
 * as empty) and counted.
 */
final class HeadArchive {
    private static final int BATCH = 2_000;

    private HeadArchive() {
    }

    static LedgerArchive.ImportResult importSqlite(Path archive, Path ledger, Protocol protocol,
                                                   LedgerArchive.Progress progress) {
        Ledger.open(ledger, protocol).close();
        long blocks = 0;
        long rows = 0;
        long vectors = 0;
        long raws = 0;
        long drands = 0;
        long unknown = 0;
        long malformed = 0;
        Map<String, Long> firstSample = new HashMap<>();
        try (Connection src = SqliteReadOnly.open(archive);
             Connection dst = DriverManager.getConnection("jdbc:sqlite:" + ledger.toAbsolutePath())) {
            Map<String, List<String>> cols = LedgerArchive.columns(src);
            for (String t : List.of("blocks", "challenge_data")) {
                if (!cols.containsKey(t)) {
                    throw new DatalogReader.LedgerException("not a MANTIS datalog: no " + t + " table in " + archive, null);
                }
            }
            try (Statement s = dst.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
            }
            for (String t : List.of("blocks", "challenge_data", "raw_payloads")) {
                if (LedgerArchive.count(dst, t) > 0) {
                    throw new DatalogReader.LedgerException("the ledger " + ledger + " already holds " + t
                            + " rows; import only into a new ledger", null);
                }
            }
            dst.setAutoCommit(false);
            HeadLedgerWrites lists = new HeadLedgerWrites(dst, protocol);
            EmbeddingBlobs blobs = new EmbeddingBlobs();
            try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery(DatalogRows.BLOCKS);
                 PreparedStatement ins = dst.prepareStatement("INSERT INTO blocks (idx, block) VALUES (?, ?)")) {
                while (rs.next()) {
                    DatalogRows.checkBlock(archive, rs);
                    long idx = rs.getLong(1);
                    long block = rs.getLong(2);
                    DatalogRows.checkBlockRange(idx, block);
                    ins.setLong(1, idx);
                    ins.setLong(2, block);
                    ins.addBatch();
                    if (++blocks % BATCH == 0) {
                        ins.executeBatch();
                    }
                }
                ins.executeBatch();
            }
            long total = LedgerArchive.count(src, "challenge_data");
            try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery(DatalogRows.challengeData(cols));
                 PreparedStatement ins = dst.prepareStatement("INSERT INTO challenge_data (ticker, sidx, price, price_data, "
                         + "hotkeys, embeddings, seen_list, emb_list) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                while (rs.next()) {
                    DatalogRows.checkChallengeRow(archive, rs);
                    String ticker = rs.getString(1);
                    long sidx = rs.getLong(2);
                    DatalogRows.checkSidx(ticker, sidx);
                    var ch = protocol.byTicker(ticker);
                    if (ch.isEmpty()) {
                        unknown++;
                        continue;
                    }
                    int dim = ch.get().storageDim();
                    double price = rs.getDouble(3);
                    boolean noPrice = rs.wasNull();
                    String hotkeys = rs.getString(5);
                    byte[] blob = rs.getBytes(6);
                    ins.setString(1, ticker);
                    ins.setLong(2, sidx);
                    if (noPrice) {
                        ins.setNull(3, java.sql.Types.REAL);
                    } else {
                        ins.setDouble(3, price);
                    }
                    ins.setString(4, rs.getString(4));
                    Long seen = null;
                    if (hotkeys != null && !hotkeys.equals("[]")) {
                        blobs.column(hotkeys); // must be a JSON list of strings
                        seen = lists.listId(hotkeys);
                        hotkeys = "[]";
                    }
                    ins.setString(5, hotkeys);
                    Long emb = null;
                    byte[] values = blob;
                    if (blob != null && blob.length > 0) {
                        EmbeddingBlobs.Decoded d;
                        try {
                            d = blobs.decode(blob, dim);
                        } catch (DatalogReader.LedgerException e) {
                            d = EmbeddingBlobs.Decoded.EMPTY;
                        }
                        if (d.isEmpty()) {
                            malformed++;
                            values = new byte[0];
                        } else {
                            String head = new String(blob, 0, d.offset() - 1, java.nio.charset.StandardCharsets.UTF_8);
                            emb = lists.listId(head);
                            values = java.util.Arrays.copyOfRange(blob, d.offset(), blob.length);
                            vectors += d.hotkeys().length;
                            for (int i = 0; i < d.hotkeys().length; i++) {
                                for (int k = 0; k < dim; k++) {
                                    if ((d.half(i, k, dim) & 0x7FFF) != 0) {
                                        firstSample.merge(d.hotkeys()[i], sidx, Math::min);
                                        break;
                                    }
                                }
                            }
                        }
                    }
                    ins.setBytes(6, values);
                    setLong(ins, 7, seen);
                    setLong(ins, 8, emb);
                    ins.addBatch();
                    if (++rows % BATCH == 0) {
                        ins.executeBatch();
                        progress.report("challenge_data", rows, total);
                    }
                }
                ins.executeBatch();
            }
            progress.report("challenge_data", rows, total);
            if (cols.containsKey("raw_payloads")) {
                try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery(DatalogRows.RAW_PAYLOADS);
                     PreparedStatement ins = dst.prepareStatement("INSERT OR REPLACE INTO raw_payloads (ts, hotkey, payload) VALUES (?, ?, ?)")) {
                    while (rs.next()) {
                        DatalogRows.checkRawPayload(archive, rs);
                        long ts = rs.getLong(1);
                        DatalogRows.checkStep(ts);
                        ins.setLong(1, ts);
                        ins.setString(2, rs.getString(2));
                        ins.setBytes(3, rs.getBytes(3));
                        ins.addBatch();
                        raws++;
                    }
                    ins.executeBatch();
                }
            }
            if (cols.containsKey("drand_cache")) {
                try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery(DatalogRows.DRAND_CACHE);
                     PreparedStatement ins = dst.prepareStatement("INSERT OR REPLACE INTO drand_cache (round, signature) VALUES (?, ?)")) {
                    while (rs.next()) {
                        DatalogRows.checkDrand(archive, rs);
                        long round = rs.getLong(1);
                        DatalogRows.checkRound(round);
                        if (rs.getBytes(2) != null) {
                            ins.setLong(1, round);
                            ins.setBytes(2, rs.getBytes(2));
                            ins.addBatch();
                            drands++;
                        }
                    }
                    ins.executeBatch();
                }
            }
            if (cols.containsKey("breakout_state")) {
                try (Statement d = dst.createStatement()) {
                    d.execute("DELETE FROM breakout_state");
                }
                try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT asset, state_json, typeof(asset), typeof(state_json) FROM breakout_state");
                     PreparedStatement ins = dst.prepareStatement("INSERT INTO breakout_state (asset, state_json) VALUES (?, ?)")) {
                    while (rs.next()) {
                        DatalogRows c = new DatalogRows(archive, "breakout_state", rs, 2);
                        c.check(1, "asset", "text");
                        c.check(2, "state_json", "text");
                        try {
                            RangeBreakoutTracker.fromJson(rs.getString(2), 28_800, 25.0, 1.0, 5); // validates
                        } catch (DatalogReader.LedgerException e) {
                            throw new DatalogReader.LedgerException("malformed datalog " + archive + ": breakout_state of "
                                    + rs.getString(1) + ": " + e.getMessage() + "; nothing was imported", e);
                        }
                        ins.setString(1, rs.getString(1));
                        ins.setString(2, rs.getString(2));
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
            }
            try (PreparedStatement ps = dst.prepareStatement("INSERT OR IGNORE INTO first_seen (hotkey, block) VALUES (?, ?)")) {
                for (Map.Entry<String, Long> e : firstSample.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setLong(2, e.getValue() * protocol.constants().sampleEvery());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            dst.commit();
        } catch (SQLException e) {
            throw new DatalogReader.LedgerException("cannot import the datalog " + archive + ": " + e.getMessage(), e);
        }
        Ledger.open(ledger, protocol).close(); // moves the trackers' price history to breakout_prices
        progress.report("done", rows, rows);
        return new LedgerArchive.ImportResult(LedgerArchive.Format.SQLITE, blocks, rows, vectors, raws, drands, unknown,
                malformed, firstSample.size());
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, java.sql.Types.INTEGER);
        } else {
            ps.setLong(i, v);
        }
    }

    /**
     * Rewrites a copy of a compact ledger into the upstream layout in place: hotkey lists and blob prefixes put
     * back, the compact columns and tables dropped, {@code breakout_state} with the full {@code to_dict} JSON.
     */
    static void toUpstream(Path copy, Protocol protocol) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.toAbsolutePath())) {
            if (!LedgerSchema.isCompact(c)) {
                return;
            }
            c.setAutoCommit(false);
            Map<Long, String> lists = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, json FROM hotkey_lists")) {
                while (rs.next()) {
                    lists.put(rs.getLong(1), rs.getString(2));
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT rowid, seen_list, emb_list, embeddings "
                    + "FROM challenge_data WHERE seen_list IS NOT NULL OR emb_list IS NOT NULL");
                 PreparedStatement up = c.prepareStatement("UPDATE challenge_data SET hotkeys = COALESCE(?, hotkeys), "
                         + "embeddings = ? WHERE rowid = ?")) {
                int n = 0;
                while (rs.next()) {
                    long seen = rs.getLong(2);
                    up.setString(1, rs.wasNull() ? null : lists.get(seen));
                    long emb = rs.getLong(3);
                    boolean noEmb = rs.wasNull();
                    byte[] values = rs.getBytes(4);
                    up.setBytes(2, noEmb ? values : HeadLedgerWrites.upstreamBlob(lists.get(emb), values));
                    up.setLong(3, rs.getLong(1));
                    up.addBatch();
                    if (++n % BATCH == 0) {
                        up.executeBatch();
                    }
                }
                up.executeBatch();
            }
            BreakoutStore b = BreakoutStore.open(c, protocol);
            try (Statement s = c.createStatement()) {
                if (b != null) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE breakout_state SET state_json = ? WHERE asset = ?")) {
                        for (Map.Entry<String, String> e : b.exportRows().entrySet()) {
                            ps.setString(1, e.getValue());
                            ps.setString(2, e.getKey());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                s.execute("ALTER TABLE challenge_data DROP COLUMN seen_list");
                s.execute("ALTER TABLE challenge_data DROP COLUMN emb_list");
                s.execute("DROP TABLE hotkey_lists");
                s.execute("DROP TABLE IF EXISTS breakout_prices");
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM");
            }
        } catch (SQLException e) {
            throw new DatalogReader.LedgerException("cannot write the upstream layout to " + copy + ": " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
