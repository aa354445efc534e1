package io.tao4j.mantis.ledger;

import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bcff57b write rules of {@code DataLog.append_step} and {@code process_pending_payloads} (spec §4.2) on
 * tao4j's compact layout ({@link LedgerSchema}): prices per ticker (0.0 placeholders included), {@code price_data}
 * JSON for MULTIXSEC / TRADEMIX (prices > 0) and FUNDINGXSEC (any numeric rate), upserts at the same sidx, and
 * merged embeddings (hotkeys in first-seen order, vectors sorted by hotkey).
 */
final class HeadLedgerWrites {
    private final Connection conn;
    private final Protocol protocol;
    private final Map<String, Long> listIds = new HashMap<>();
    private final EmbeddingBlobs blobs = new EmbeddingBlobs();

    HeadLedgerWrites(Connection conn, Protocol protocol) {
        this.conn = conn;
        this.protocol = protocol;
    }

    /** The price rows of one step. */
    void prices(long sidx, Map<String, Double> prices, Map<String, Double> fundingRates) throws SQLException {
        try (PreparedStatement pd = conn.prepareStatement("INSERT INTO challenge_data (ticker, sidx, price_data, hotkeys, embeddings) "
                + "VALUES (?, ?, ?, '[]', X'') ON CONFLICT(ticker, sidx) DO UPDATE SET price_data=excluded.price_data");
             PreparedStatement pr = conn.prepareStatement("INSERT INTO challenge_data (ticker, sidx, price, hotkeys, embeddings) "
                + "VALUES (?, ?, ?, '[]', X'') ON CONFLICT(ticker, sidx) DO UPDATE SET price=excluded.price")) {
            for (Challenge ch : protocol.challenges()) {
                if (ch.loss() == Loss.XSEC_RANK || ch.loss() == Loss.TRADE_MIX || ch.loss() == Loss.FUNDING_XSEC) {
                    boolean funding = ch.loss() == Loss.FUNDING_XSEC;
                    Map<String, Double> src = funding ? fundingRates : prices;
                    Map<String, Double> m = new LinkedHashMap<>();
                    for (String a : ch.assets()) {
                        Double v = src.get(a);
                        if (v != null && (funding || v > 0)) {
                            m.put(a, v);
                        }
                    }
                    if (!m.isEmpty()) {
                        pd.setString(1, ch.ticker());
                        pd.setLong(2, sidx);
                        pd.setString(3, PyJson.floatMap(m));
                        pd.addBatch();
                    }
                    continue;
                }
                Double p = prices.get(ch.ticker());
                if (p != null) {
                    pr.setString(1, ch.ticker());
                    pr.setLong(2, sidx);
                    pr.setDouble(3, p);
                    pr.addBatch();
                }
            }
            pd.executeBatch();
            pr.executeBatch();
        }
    }

    /** Id of a hotkey list's JSON in {@code hotkey_lists}, inserting it the first time. */
    long listId(String json) throws SQLException {
        Long id = listIds.get(json);
        if (id != null) {
            return id;
        }
        try (PreparedStatement ins = conn.prepareStatement("INSERT OR IGNORE INTO hotkey_lists (json) VALUES (?)")) {
            ins.setString(1, json);
            ins.executeUpdate();
        }
        try (PreparedStatement q = conn.prepareStatement("SELECT id FROM hotkey_lists WHERE json = ?")) {
            q.setString(1, json);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        listIds.put(json, id);
        return id;
    }

    /**
     * Merges vectors (float16 bits, storage dim) of several hotkeys into {@code (ticker, sidx)}: existing vectors
     * kept, the same hotkey overwritten, new hotkeys appended to the row's hotkey list.
     */
    void merge(String ticker, long sidx, Map<String, short[]> vectors, int dim) throws SQLException {
        List<String> seen = new ArrayList<>();
        TreeMap<String, short[]> emb = new TreeMap<>(EmbeddingBlobs.CODE_POINT);
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT hotkeys, embeddings, seen_list, emb_list FROM challenge_data WHERE ticker = ? AND sidx = ?")) {
            ps.setString(1, ticker);
            ps.setLong(2, sidx);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String hks = rs.getString(1);
                    byte[] blob = rs.getBytes(2);
                    long seenId = rs.getLong(3);
                    boolean seenCompact = !rs.wasNull();
                    long embId = rs.getLong(4);
                    boolean embCompact = !rs.wasNull();
                    if (seenCompact) {
                        seen.addAll(Arrays.asList(LedgerSchema.list(conn, blobs, seenId)));
                    } else if (hks != null && !hks.isEmpty()) {
                        seen.addAll(Arrays.asList(blobs.column(hks)));
                    }
                    EmbeddingBlobs.Decoded d = embCompact ? LedgerSchema.decodeCompact(conn, blobs, embId, blob, dim)
                            : blobs.decode(blob, dim);
                    for (int i = 0; i < d.hotkeys().length; i++) {
                        short[] v = new short[dim];
                        for (int k = 0; k < dim; k++) {
                            v[k] = d.half(i, k, dim);
                        }
                        emb.put(d.hotkeys()[i], v);
                    }
                }
            }
        }
        for (Map.Entry<String, short[]> e : vectors.entrySet()) {
            emb.put(e.getKey(), e.getValue());
            if (!seen.contains(e.getKey())) {
                seen.add(e.getKey());
            }
        }
        ByteBuffer buf = ByteBuffer.allocate(emb.size() * dim * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short[] v : emb.values()) {
            for (short x : v) {
                buf.putShort(x);
            }
        }
        long seenId = listId(PyJson.strings(seen));
        long embId = listId(PyJson.strings(emb.keySet()));
        try (PreparedStatement up = conn.prepareStatement("INSERT INTO challenge_data (ticker, sidx, price, hotkeys, embeddings, "
                + "seen_list, emb_list) VALUES (?, ?, NULL, '[]', ?, ?, ?) ON CONFLICT(ticker, sidx) DO UPDATE SET "
                + "hotkeys='[]', embeddings=excluded.embeddings, seen_list=excluded.seen_list, emb_list=excluded.emb_list")) {
            up.setString(1, ticker);
            up.setLong(2, sidx);
            up.setBytes(3, buf.array());
            up.setLong(4, seenId);
            up.setLong(5, embId);
            up.executeUpdate();
        }
    }

    /** An upstream {@code embeddings} blob for a compact row (export): list JSON, a zero byte, the values. */
    static byte[] upstreamBlob(String listJson, byte[] values) {
        if (values == null || values.length == 0) {
            return new byte[0];
        }
        byte[] head = listJson.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(head, head.length + 1 + values.length);
        System.arraycopy(values, 0, out, head.length + 1, values.length);
        return out;
    }
}
