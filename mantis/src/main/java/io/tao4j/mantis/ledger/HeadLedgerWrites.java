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

    /** The {@code blocks} row of step {@code idx}: every layout's first write of a step. */
    static void insertBlock(Connection conn, long idx, long block) throws SQLException {
        try (PreparedStatement b = conn.prepareStatement("INSERT INTO blocks (idx, block) VALUES (?, ?)")) {
            b.setLong(1, idx);
            b.setLong(2, block);
            b.executeUpdate();
        }
    }

    /** One {@code raw_payloads} row per hotkey at step {@code idx} (a repeated hotkey's payload replaces the old). */
    static void insertRawPayloads(Connection conn, long idx, Map<String, byte[]> payloads) throws SQLException {
        try (PreparedStatement r = conn.prepareStatement("INSERT OR REPLACE INTO raw_payloads (ts, hotkey, payload) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, byte[]> e : payloads.entrySet()) {
                r.setLong(1, idx);
                r.setString(2, e.getKey());
                r.setBytes(3, e.getValue());
                r.addBatch();
            }
            r.executeBatch();
        }
    }

    /**
     * {@code append_step}'s raw rows: every metagraph hotkey (in metagraph order) with its payload or
     * {@link Ledger#NO_PAYLOAD}, then payloads of other hotkeys.
     */
    static Map<String, byte[]> withPlaceholders(Map<String, byte[]> payloads, java.util.Collection<String> metagraphHotkeys) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        byte[] none = Ledger.NO_PAYLOAD.getBytes(StandardCharsets.US_ASCII);
        for (String hk : metagraphHotkeys) {
            byte[] p = payloads.get(hk);
            all.put(hk, p != null ? p : none);
        }
        payloads.forEach(all::putIfAbsent);
        return all;
    }

    /** The rows of one {@code append_step} at step {@code idx} (the caller commits). */
    void step(long idx, long block, Map<String, Double> prices, Map<String, Double> fundingRates,
              Map<String, byte[]> payloads, BreakoutStore breakouts) throws SQLException {
        insertBlock(conn, idx, block);
        long sidx = block / protocol.constants().sampleEvery();
        prices(sidx, prices, fundingRates);
        insertRawPayloads(conn, idx, payloads);
        if (breakouts != null) {
            breakouts.step(conn, sidx, block, prices);
        }
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

    /**
     * The batch merge of {@code Ledger.storeDecryptedValues}: validates every vector first (unknown ticker, wrong
     * length → {@link IllegalArgumentException}, nothing written), merges per {@code (ticker, sidx)}, records
     * first-seen blocks and deletes the raw payloads. The caller commits.
     */
    void storeBatch(Map<Ledger.Pending, Map<String, double[]>> batch) throws SQLException {
        int every = protocol.constants().sampleEvery();
        Map<String, Map<Long, Map<String, short[]>>> merges = new java.util.LinkedHashMap<>();
        Map<String, Long> seen = new java.util.LinkedHashMap<>();
        for (Map.Entry<Ledger.Pending, Map<String, double[]>> pe : batch.entrySet()) {
            Ledger.Pending p = pe.getKey();
            if (p.block() % every != 0) {
                continue;
            }
            for (Map.Entry<String, double[]> e : pe.getValue().entrySet()) {
                double[] v = e.getValue();
                Challenge ch = protocol.byTicker(e.getKey())
                        .orElseThrow(() -> new IllegalArgumentException("unknown ticker " + e.getKey()));
                if (v.length != ch.storageDim()) {
                    throw new IllegalArgumentException(e.getKey() + " vectors have " + ch.storageDim() + " values, got " + v.length);
                }
                short[] half = new short[v.length];
                boolean nz = false;
                for (int i = 0; i < v.length; i++) {
                    nz |= v[i] != 0.0;
                    half[i] = EmbeddingBlobs.halfOf(v[i]);
                }
                if (nz) {
                    merges.computeIfAbsent(e.getKey(), k -> new java.util.TreeMap<>())
                            .computeIfAbsent(p.block() / every, k -> new java.util.LinkedHashMap<>()).put(p.hotkey(), half);
                    seen.merge(p.hotkey(), p.block(), Math::min);
                }
            }
        }
        for (var t : merges.entrySet()) {
            int dim = protocol.byTicker(t.getKey()).orElseThrow().storageDim();
            for (var s : t.getValue().entrySet()) {
                merge(t.getKey(), s.getKey(), s.getValue(), dim);
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR IGNORE INTO first_seen (hotkey, block) VALUES (?, ?)")) {
            for (var e : seen.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setLong(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (String sql : new String[]{"DELETE FROM raw_payloads WHERE ts = ? AND hotkey = ?",
                "DELETE FROM payload_attempts WHERE ts = ? AND hotkey = ?"}) {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (Ledger.Pending p : batch.keySet()) {
                    ps.setLong(1, p.ts());
                    ps.setString(2, p.hotkey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
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
