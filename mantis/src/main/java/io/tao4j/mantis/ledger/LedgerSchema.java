package io.tao4j.mantis.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * tao4j's compact storage of {@code challenge_data} on top of the upstream schema. The upstream layout repeats
 * the JSON hotkey list twice per row (the {@code hotkeys} column and the prefix of the {@code embeddings} blob,
 * ~13 KB each with 256 hotkeys); tao4j stores each distinct list once in {@code hotkey_lists(id, json)} and
 * refers to it from two extra columns: {@code seen_list} (the {@code hotkeys} column's list, insertion order;
 * {@code hotkeys} is then {@code '[]'}) and {@code emb_list} (the sorted list of the embeddings; {@code
 * embeddings} then holds only the float16 values). Rows with both columns NULL are in the upstream layout
 * (imported archives), so one file can hold both; {@code ledger export} writes the upstream layout.
 */
final class LedgerSchema {
    static final String HOTKEY_LISTS = "CREATE TABLE IF NOT EXISTS hotkey_lists (id INTEGER PRIMARY KEY, "
            + "json TEXT NOT NULL UNIQUE)";

    private LedgerSchema() {
    }

    static boolean hasTable(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                if (column.equals(rs.getString(2))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when {@code challenge_data} has the compact columns (tao4j's own ledger). */
    static boolean isCompact(Connection c) throws SQLException {
        return hasTable(c, "hotkey_lists") && hasColumn(c, "challenge_data", "emb_list");
    }

    /** Adds the compact columns and table to a ledger (idempotent). */
    static void ensureCompact(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(HOTKEY_LISTS);
            if (!hasColumn(c, "challenge_data", "price_data")) {
                s.execute("ALTER TABLE challenge_data ADD COLUMN price_data TEXT");
            }
            if (!hasColumn(c, "challenge_data", "seen_list")) {
                s.execute("ALTER TABLE challenge_data ADD COLUMN seen_list INTEGER");
            }
            if (!hasColumn(c, "challenge_data", "emb_list")) {
                s.execute("ALTER TABLE challenge_data ADD COLUMN emb_list INTEGER");
            }
        }
    }

    /** The hotkey list of {@code id}, read once per reader. */
    static String[] list(Connection c, EmbeddingBlobs blobs, long id) throws SQLException {
        String[] l = blobs.listById(id);
        if (l == null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT json FROM hotkey_lists WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new DatalogReader.LedgerException("hotkey list " + id + " is missing from hotkey_lists", null);
                    }
                    l = blobs.column(rs.getString(1));
                }
            }
            blobs.putListById(id, l);
        }
        return l;
    }

    /** A compact row's embeddings: the list {@code id} and the bare float16 values. */
    static EmbeddingBlobs.Decoded decodeCompact(Connection c, EmbeddingBlobs blobs, long id, byte[] raw, int dim)
            throws SQLException {
        String[] hks = list(c, blobs, id);
        if (raw == null || hks.length == 0 || raw.length != (long) hks.length * dim * 2) {
            return EmbeddingBlobs.Decoded.EMPTY;
        }
        return new EmbeddingBlobs.Decoded(hks, raw, 0);
    }
}
