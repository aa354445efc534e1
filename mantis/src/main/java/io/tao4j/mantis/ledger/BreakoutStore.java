package io.tao4j.mantis.ledger;

import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validator's live breakout trackers ({@code DataLog._breakout_trackers}), one per MULTI-BREAKOUT asset, kept
 * in the ledger so they survive restarts and kill -9 (written in the step's transaction). {@code breakout_state}
 * holds each tracker's {@code to_dict} JSON as upstream; tao4j keeps the price history out of it, in
 * {@code breakout_prices(asset, sidx, price)} (one row per asset and step instead of rewriting ~11 520 prices per
 * asset every step), and puts it back when exporting. An imported upstream row (history inside the JSON) is
 * moved to that table on open.
 */
final class BreakoutStore {
    static final String SCHEMA = "CREATE TABLE IF NOT EXISTS breakout_prices (asset TEXT NOT NULL, sidx INTEGER NOT NULL,"
            + " price REAL NOT NULL); CREATE INDEX IF NOT EXISTS idx_breakout_prices ON breakout_prices(asset, sidx)";

    private final Protocol protocol;
    private final Challenge mb;
    private final Map<String, RangeBreakoutTracker> trackers = new LinkedHashMap<>();

    private BreakoutStore(Protocol protocol, Challenge mb) {
        this.protocol = protocol;
        this.mb = mb;
    }

    /** Loads (creating) the trackers of {@code protocol}'s MULTI-BREAKOUT assets; null when it has none. */
    static BreakoutStore open(Connection conn, Protocol protocol) throws SQLException {
        Challenge mb = protocol.challenges().stream().filter(c -> c.loss() == Loss.RANGE_BREAKOUT_MULTI).findFirst()
                .orElse(null);
        if (mb == null || protocol.breakout().isEmpty()) {
            return null;
        }
        Protocol.BreakoutParams bp = protocol.breakout().get();
        int every = protocol.constants().sampleEvery();
        BreakoutStore s = new BreakoutStore(protocol, mb);
        try (Statement st = conn.createStatement()) {
            for (String sql : SCHEMA.split(";")) {
                st.execute(sql);
            }
        }
        for (String a : mb.assets()) {
            s.trackers.put(a, new RangeBreakoutTracker(a, bp.rangeLookbackBlocks(), bp.barrierPct(), bp.minRangePct(),
                    bp.maxPendingBlocks(), every));
        }
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS breakout_state (asset TEXT PRIMARY KEY, state_json TEXT NOT NULL)");
        }
        List<String> migrate = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT asset, state_json FROM breakout_state")) {
            while (rs.next()) {
                String asset = rs.getString(1);
                if (s.trackers.containsKey(asset)) {
                    RangeBreakoutTracker t = RangeBreakoutTracker.fromJson(rs.getString(2), bp.rangeLookbackBlocks(),
                            bp.barrierPct(), bp.minRangePct(), every);
                    s.trackers.put(asset, t);
                    if (t.historySize() > 0) {
                        migrate.add(asset);
                    }
                }
            }
        }
        try (PreparedStatement q = conn.prepareStatement("SELECT sidx, price FROM breakout_prices WHERE asset = ? ORDER BY rowid");
             PreparedStatement ins = conn.prepareStatement("INSERT INTO breakout_prices (asset, sidx, price) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, RangeBreakoutTracker> e : s.trackers.entrySet()) {
                q.setString(1, e.getKey());
                List<double[]> h = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        h.add(new double[]{rs.getLong(1), rs.getDouble(2)});
                    }
                }
                if (!h.isEmpty()) {
                    e.getValue().restoreHistory(h);
                } else if (migrate.contains(e.getKey())) {
                    for (double[] p : e.getValue().history()) {
                        ins.setString(1, e.getKey());
                        ins.setLong(2, (long) p[0]);
                        ins.setDouble(3, p[1]);
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
            }
        }
        // upstream rewrites the whole table in asset order at every step: same scan order here
        try (Statement st = conn.createStatement()) {
            st.execute("DELETE FROM breakout_state");
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO breakout_state (asset, state_json) VALUES (?, ?)")) {
            for (Map.Entry<String, RangeBreakoutTracker> e : s.trackers.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue().toJson(false));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return s;
    }

    Map<String, RangeBreakoutTracker> trackers() {
        return trackers;
    }

    /** {@code _update_breakout_trackers}: every asset's price of this step (fallback: a challenge priced by it). */
    void step(Connection conn, long sidx, long block, Map<String, Double> prices) throws SQLException {
        long maxAge = 2L * protocol.breakout().orElseThrow().rangeLookbackBlocks() / protocol.constants().sampleEvery();
        try (PreparedStatement ins = conn.prepareStatement("INSERT INTO breakout_prices (asset, sidx, price) VALUES (?, ?, ?)");
             PreparedStatement del = conn.prepareStatement("DELETE FROM breakout_prices WHERE asset = ? AND sidx < ?")) {
            for (Map.Entry<String, RangeBreakoutTracker> e : trackers.entrySet()) {
                String asset = e.getKey();
                Double p = prices.get(asset);
                if (p == null || p == 0 || p <= 0) {
                    p = null;
                    for (Challenge c : protocol.challenges()) {
                        if (!c.multiAsset() && c.priceKey().equals(asset) && prices.containsKey(c.ticker())) {
                            p = prices.get(c.ticker());
                            break;
                        }
                    }
                }
                if (p == null || p == 0 || p <= 0) {
                    continue;
                }
                RangeBreakoutTracker t = e.getValue();
                t.step(sidx, block, p);
                if (p > 0 && Double.isFinite(p)) {
                    ins.setString(1, asset);
                    ins.setLong(2, sidx);
                    ins.setDouble(3, p);
                    ins.addBatch();
                    del.setString(1, asset);
                    del.setLong(2, sidx - maxAge);
                    del.addBatch();
                }
                if (t.takeStateChanged()) {
                    write(conn, asset);
                }
            }
            ins.executeBatch();
            del.executeBatch();
        }
    }

    /** {@code _backfill_breakout_embeddings}: after payloads were stored. */
    void backfill(Connection conn, boolean compact) throws SQLException {
        EmbeddingBlobs blobs = new EmbeddingBlobs();
        Map<Long, EmbeddingBlobs.Decoded> rows = new HashMap<>();
        int dim = mb.storageDim();
        int ai = 0;
        for (Map.Entry<String, RangeBreakoutTracker> e : trackers.entrySet()) {
            int start = 2 * ai++;
            RangeBreakoutTracker t = e.getValue();
            SqlFunction fetch = sidx -> {
                EmbeddingBlobs.Decoded d = rows.get(sidx);
                if (d == null) {
                    d = EmbeddingBlobs.Decoded.EMPTY;
                    try (PreparedStatement ps = conn.prepareStatement("SELECT embeddings" + (compact ? ", emb_list" : "")
                            + " FROM challenge_data WHERE ticker = ? AND sidx = ?")) {
                        ps.setString(1, mb.ticker());
                        ps.setLong(2, sidx);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                long id = compact ? rs.getLong(2) : 0;
                                d = compact && !rs.wasNull() ? LedgerSchema.decodeCompact(conn, blobs, id, rs.getBytes(1), dim)
                                        : blobs.decode(rs.getBytes(1), dim);
                            }
                        }
                    }
                    rows.put(sidx, d);
                }
                Map<String, short[]> out = new LinkedHashMap<>();
                for (int i = 0; i < d.hotkeys().length; i++) {
                    out.put(d.hotkeys()[i], new short[]{d.half(i, start, dim), d.half(i, start + 1, dim)});
                }
                return out;
            };
            t.backfill(sidx -> {
                try {
                    return fetch.apply(sidx);
                } catch (SQLException ex) {
                    throw new DatalogReader.LedgerException("cannot read MULTIBREAKOUT embeddings: " + ex.getMessage(), ex);
                }
            });
            if (t.takeStateChanged()) {
                write(conn, e.getKey());
            }
        }
    }

    private interface SqlFunction {
        Map<String, short[]> apply(long sidx) throws SQLException;
    }

    private void write(Connection conn, String asset) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE breakout_state SET state_json = ? WHERE asset = ?")) {
            ps.setString(1, trackers.get(asset).toJson(false));
            ps.setString(2, asset);
            ps.executeUpdate();
        }
    }

    /** The upstream {@code breakout_state} rows (full {@code to_dict} JSON, price history included). */
    Map<String, String> exportRows() {
        Map<String, String> m = new LinkedHashMap<>();
        trackers.forEach((a, t) -> m.put(a, t.toJson(true)));
        return m;
    }
}
