package io.tao4j.mantis.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * MULTI-BREAKOUT training samples as {@code DataLog._load_breakout_from_db} builds them at bcff57b (spec §4.6):
 * Phase 1, the completed breakouts of the {@code breakout_state} table triggered before the first MULTIXSEC price
 * row; then a replay over the MULTIXSEC price rows per asset (trailing range over the lookback, trigger outside
 * it, barrier resolution, expiry), each sample carrying the MULTI-BREAKOUT embeddings of its trigger row.
 */
final class BreakoutReplay {
    private static final String XSEC = "MULTIXSEC";

    private final Connection conn;
    private final Protocol protocol;
    private final Challenge mb;
    private final long maxBlock;
    private final Set<String> active;
    private final EmbeddingBlobs blobs;
    private final boolean compact;
    private final int sampleEvery;
    private final Map<Long, EmbeddingBlobs.Decoded> triggerRows = new HashMap<>();

    BreakoutReplay(Connection conn, Protocol protocol, Challenge mb, long maxBlock, Set<String> active,
                   EmbeddingBlobs blobs, boolean compact) {
        this.conn = conn;
        this.protocol = protocol;
        this.mb = mb;
        this.maxBlock = maxBlock;
        this.active = active;
        this.blobs = blobs;
        this.compact = compact;
        this.sampleEvery = protocol.constants().sampleEvery();
    }

    List<BreakoutSample> samples() throws SQLException {
        Protocol.BreakoutParams bp = protocol.breakout().orElseThrow(
                () -> new IllegalArgumentException("protocol " + protocol + " has no breakout parameters"));
        List<String> assets = mb.assets();
        Map<String, Integer> assetIndex = new HashMap<>();
        for (int i = 0; i < assets.size(); i++) {
            assetIndex.put(assets.get(i), i);
        }
        Long xsecStart = null;
        try (ResultSet rs = conn.createStatement().executeQuery(
                "SELECT MIN(sidx) FROM challenge_data WHERE ticker='" + XSEC + "' AND price_data IS NOT NULL")) {
            if (rs.next()) {
                long v = rs.getLong(1);
                if (!rs.wasNull() && v != 0) {
                    xsecStart = v;
                }
            }
        }
        List<BreakoutSample> out = new ArrayList<>();
        if (xsecStart == null) {
            return out;
        }
        if (LedgerSchema.hasTable(conn, "breakout_state")) {
            phase1(xsecStart, assetIndex, out);
        }
        // Phase 2: MULTIXSEC prices
        LongStream.Builder sl = LongStream.builder();
        List<double[]> rows = new ArrayList<>();
        try (ResultSet rs = conn.createStatement().executeQuery("SELECT sidx, price_data FROM challenge_data WHERE ticker='"
                + XSEC + "' AND price_data IS NOT NULL ORDER BY sidx")) {
            while (rs.next()) {
                long sidx = rs.getLong(1);
                if (sidx * sampleEvery > maxBlock) {
                    break;
                }
                sl.add(sidx);
                rows.add(HeadDatalogReader.priceVector(rs.getString(2), assets, 0.0, XSEC));
            }
        }
        long[] sidx = sl.build().toArray();
        if (sidx.length == 0) {
            return out;
        }
        int lookback = bp.rangeLookbackBlocks() / sampleEvery;
        double barrierFrac = bp.barrierPct() / 100.0;
        double minRangeFrac = bp.minRangePct() / 100.0;
        long maxPending = bp.maxPendingBlocks();
        double[] prices = new double[sidx.length];
        for (int ai = 0; ai < assets.size(); ai++) {
            for (int t = 0; t < prices.length; t++) {
                prices[t] = rows.get(t)[ai];
            }
            replayAsset(ai, sidx, prices, lookback, barrierFrac, minRangeFrac, maxPending, out);
        }
        return out;
    }

    private void phase1(long xsecStart, Map<String, Integer> assetIndex, List<BreakoutSample> out) throws SQLException {
        try (ResultSet rs = conn.createStatement().executeQuery("SELECT asset, state_json FROM breakout_state")) {
            while (rs.next()) {
                Integer ai = assetIndex.get(rs.getString(1));
                if (ai == null) {
                    continue;
                }
                int start = ai * 2;
                JsonNode state;
                try {
                    state = EmbeddingBlobs.JSON.readTree(rs.getString(2));
                } catch (Exception e) {
                    throw new DatalogReader.LedgerException("malformed breakout_state of " + rs.getString(1) + ": "
                            + e.getMessage(), e);
                }
                JsonNode completed = state == null ? null : state.get("completed");
                if (completed == null || !completed.isArray()) {
                    continue;
                }
                for (JsonNode cd : completed) {
                    long trig = cd.path("trigger_sidx").asLong();
                    if (trig >= xsecStart) {
                        continue;
                    }
                    long res = cd.path("resolution_block").asLong();
                    if (res > maxBlock) {
                        continue;
                    }
                    Map<String, short[]> per = new LinkedHashMap<>();
                    JsonNode emb = cd.get("embeddings");
                    if (emb != null && emb.isObject()) {
                        Iterator<Map.Entry<String, JsonNode>> it = emb.fields();
                        while (it.hasNext()) {
                            Map.Entry<String, JsonNode> e = it.next();
                            JsonNode v = e.getValue();
                            int n = v.size();
                            if (n >= start + 2) {
                                per.put(e.getKey(), new short[]{EmbeddingBlobs.halfOf(v.get(start).asDouble()),
                                        EmbeddingBlobs.halfOf(v.get(start + 1).asDouble())});
                            } else if (n == 2) {
                                per.put(e.getKey(), new short[]{EmbeddingBlobs.halfOf(v.get(0).asDouble()),
                                        EmbeddingBlobs.halfOf(v.get(1).asDouble())});
                            }
                        }
                    }
                    if (active != null) {
                        per.keySet().retainAll(active);
                    }
                    out.add(new BreakoutSample(trig, cd.path("trigger_block").asLong(), res,
                            cd.path("direction").asInt(), cd.path("label").asInt(), per));
                }
            }
        }
    }

    /** The asset's {@code [p_cont, p_rev]} of every hotkey in the MULTI-BREAKOUT row at {@code triggerSidx}. */
    private Map<String, short[]> sliceEmbeddings(long triggerSidx, int ai) throws SQLException {
        EmbeddingBlobs.Decoded d = triggerRows.get(triggerSidx);
        int dim = mb.storageDim();
        if (d == null) {
            d = EmbeddingBlobs.Decoded.EMPTY;
            try (PreparedStatement ps = conn.prepareStatement("SELECT sidx, NULL, embeddings" + (compact ? ", emb_list" : "")
                    + " FROM challenge_data WHERE ticker = ? AND sidx = ? AND embeddings IS NOT NULL")) {
                ps.setString(1, mb.ticker());
                ps.setLong(2, triggerSidx);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long list = compact ? rs.getLong(4) : 0;
                        boolean isCompact = compact && !rs.wasNull();
                        d = isCompact ? LedgerSchema.decodeCompact(conn, blobs, list, rs.getBytes(3), dim)
                                : blobs.decode(rs.getBytes(3), dim);
                    }
                }
            }
            triggerRows.put(triggerSidx, d);
        }
        Map<String, short[]> out = new LinkedHashMap<>();
        int s = ai * 2;
        for (int i = 0; i < d.hotkeys().length; i++) {
            String hk = d.hotkeys()[i];
            if (active == null || active.contains(hk)) {
                out.put(hk, new short[]{d.half(i, s, dim), d.half(i, s + 1, dim)});
            }
        }
        return out;
    }

    private void replayAsset(int ai, long[] sidx, double[] prices, int lookback, double barrierFrac,
                             double minRangeFrac, long maxPending, List<BreakoutSample> out) throws SQLException {
        int n = sidx.length;
        double[] lo = new double[n];
        double[] hi = new double[n];
        int[] cnt = new int[n];
        ArrayDeque<Integer> loQ = new ArrayDeque<>();
        ArrayDeque<Integer> hiQ = new ArrayDeque<>();
        int valid = 0;
        int head = 0;
        for (int t = 0; t < n; t++) {
            long winLo = sidx[t] - lookback;
            while (head < t && sidx[head] < winLo) {
                if (prices[head] > 0) {
                    valid--;
                }
                head++;
            }
            while (!loQ.isEmpty() && loQ.peekFirst() < head) {
                loQ.pollFirst();
            }
            while (!hiQ.isEmpty() && hiQ.peekFirst() < head) {
                hiQ.pollFirst();
            }
            lo[t] = loQ.isEmpty() ? Double.NaN : prices[loQ.peekFirst()];
            hi[t] = hiQ.isEmpty() ? Double.NaN : prices[hiQ.peekFirst()];
            cnt[t] = valid;
            if (prices[t] > 0) {
                double pv = prices[t];
                while (!loQ.isEmpty() && prices[loQ.peekLast()] >= pv) {
                    loQ.pollLast();
                }
                loQ.addLast(t);
                while (!hiQ.isEmpty() && prices[hiQ.peekLast()] <= pv) {
                    hiQ.pollLast();
                }
                hiQ.addLast(t);
                valid++;
            }
        }
        long[] pHi = null; // trigger sidx, trigger block, direction
        double[] bHi = null; // cont, rev
        long[] pLo = null;
        double[] bLo = null;
        int half = lookback / 2;
        for (int t = 0; t < n; t++) {
            double p = prices[t];
            if (p <= 0) {
                continue;
            }
            long curSidx = sidx[t];
            long curBlock = curSidx * sampleEvery;
            if (pHi != null) {
                if (curBlock - pHi[1] > maxPending) {
                    pHi = null;
                } else if (p >= bHi[0] || p <= bHi[1]) {
                    out.add(new BreakoutSample(pHi[0], pHi[1], curBlock, (int) pHi[2], p >= bHi[0] ? 1 : 0,
                            sliceEmbeddings(pHi[0], ai)));
                    pHi = null;
                }
            }
            if (pLo != null) {
                if (curBlock - pLo[1] > maxPending) {
                    pLo = null;
                } else if (p <= bLo[0] || p >= bLo[1]) {
                    out.add(new BreakoutSample(pLo[0], pLo[1], curBlock, (int) pLo[2], p <= bLo[0] ? 1 : 0,
                            sliceEmbeddings(pLo[0], ai)));
                    pLo = null;
                }
            }
            if (cnt[t] < half) {
                continue;
            }
            double l = lo[t];
            double h = hi[t];
            if (Double.isNaN(l) || Double.isNaN(h)) {
                continue;
            }
            double rw = h - l;
            if (rw < p * minRangeFrac) {
                continue;
            }
            double bd = rw * barrierFrac;
            if (p > h && pHi == null) {
                pHi = new long[]{curSidx, curBlock, 1};
                bHi = new double[]{p + bd, p - bd};
            }
            if (p < l && pLo == null) {
                pLo = new long[]{curSidx, curBlock, -1};
                bLo = new double[]{p - bd, p + bd};
            }
        }
    }
}
