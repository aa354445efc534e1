package io.tao4j.mantis.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.salience.math.Half;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live range-breakout tracker of one asset, step for step as {@code range_breakout.RangeBreakoutTracker} at
 * bcff57b: a price history (pruned to twice the lookback), a trigger when the price leaves the range of the
 * previous lookback window (at least half of its samples present, range ≥ min_range_pct of the price), one
 * pending breakout per side resolved at ±barrier_pct of the range or dropped after max_pending_blocks, and
 * the completed samples. Its state is the reference's {@code to_dict} JSON ({@link #toJson}).
 */
public final class RangeBreakoutTracker {
    /** A triggered breakout waiting for resolution; embeddings are float16 bits. */
    public record Pending(long triggerSidx, long triggerBlock, double triggerPrice, int direction, double rangeHigh,
                         double rangeLow, double continuationBarrier, double reversalBarrier,
                         Map<String, short[]> embeddings) {
    }

    private final String ticker;
    private final int rangeLookbackBlocks;
    private final double barrierPct;
    private final double minRangePct;
    private final long maxPendingBlocks;
    private final int sampleEvery;
    private Pending pendingHigh;
    private Pending pendingLow;
    private final List<BreakoutSample> completed = new ArrayList<>();
    private final ArrayDeque<double[]> history = new ArrayDeque<>(); // {sidx, price}
    private boolean stateChanged;
    /** True while the history's sidx never decreased (always, through the ledger): pruning then stops early. */
    private boolean sorted = true;
    /** The range window's min, max and count, kept incrementally while the history is sorted. */
    private final RangeWindow window = new RangeWindow();

    public RangeBreakoutTracker(String ticker, int rangeLookbackBlocks, double barrierPct, double minRangePct,
                                long maxPendingBlocks, int sampleEvery) {
        this.ticker = ticker;
        this.rangeLookbackBlocks = rangeLookbackBlocks;
        this.barrierPct = barrierPct;
        this.minRangePct = minRangePct;
        this.maxPendingBlocks = maxPendingBlocks;
        this.sampleEvery = sampleEvery;
    }

    public String ticker() {
        return ticker;
    }

    public Pending pendingHigh() {
        return pendingHigh;
    }

    public Pending pendingLow() {
        return pendingLow;
    }

    public List<BreakoutSample> completed() {
        return Collections.unmodifiableList(completed);
    }

    /** Number of prices in the history. */
    public int historySize() {
        return history.size();
    }

    /** {@code update_price}: appends a finite positive price and prunes entries older than twice the lookback. */
    public void updatePrice(long sidx, double price) {
        if (price <= 0 || !Double.isFinite(price)) {
            return;
        }
        double[] last = history.peekLast();
        if (last != null && (long) last[0] > sidx) {
            sorted = false;
        }
        double[] entry = {sidx, price};
        history.addLast(entry);
        window.offer(entry);
        long maxAge = 2L * rangeLookbackBlocks / sampleEvery;
        if (sorted) {
            // oldest first: the entries to prune are a prefix
            while (!history.isEmpty() && sidx - (long) history.peekFirst()[0] > maxAge) {
                history.pollFirst();
            }
        } else {
            history.removeIf(e -> sidx - (long) e[0] > maxAge);
        }
    }

    /** {@code check_trigger}: opens a pending breakout when the price leaves the previous window's range. */
    public Pending checkTrigger(long sidx, long block, double price, Map<String, short[]> embeddings) {
        long lookback = rangeLookbackBlocks / sampleEvery;
        double lo = Double.NaN;
        double hi = Double.NaN;
        int n = 0;
        if (sorted && window.usable(sidx)) {
            // the same min, max and count over the window, kept incrementally (the history is in sidx order)
            window.advance(sidx, lookback);
            n = window.count();
            if (n > 0) {
                lo = window.min();
                hi = window.max();
            }
        } else {
            window.disable();
            for (double[] e : history) {
                long s = (long) e[0];
                if (sidx - lookback <= s && s < sidx) {
                    double p = e[1];
                    lo = n == 0 ? p : Math.min(lo, p);
                    hi = n == 0 ? p : Math.max(hi, p);
                    n++;
                }
            }
        }
        if (n < lookback / 2) {
            return null;
        }
        double width = hi - lo;
        if (width < price * minRangePct / 100) {
            return null;
        }
        double dist = width * barrierPct / 100;
        if (price > hi && pendingHigh == null) {
            pendingHigh = new Pending(sidx, block, price, 1, hi, lo, price + dist, price - dist,
                    new LinkedHashMap<>(embeddings));
            stateChanged = true;
            return pendingHigh;
        } else if (price < lo && pendingLow == null) {
            pendingLow = new Pending(sidx, block, price, -1, hi, lo, price - dist, price + dist,
                    new LinkedHashMap<>(embeddings));
            stateChanged = true;
            return pendingLow;
        }
        return null;
    }

    /** {@code check_resolutions}: resolves (or drops when stale) the pending breakouts at this price. */
    public List<BreakoutSample> checkResolutions(long block, double price) {
        if (price <= 0 || !Double.isFinite(price)) {
            return List.of();
        }
        List<BreakoutSample> out = new ArrayList<>();
        if (pendingHigh != null) {
            boolean cont = price >= pendingHigh.continuationBarrier();
            boolean rev = price <= pendingHigh.reversalBarrier();
            pendingHigh = resolve(pendingHigh, block, cont, rev, out);
        }
        if (pendingLow != null) {
            boolean cont = price <= pendingLow.continuationBarrier();
            boolean rev = price >= pendingLow.reversalBarrier();
            pendingLow = resolve(pendingLow, block, cont, rev, out);
        }
        return out;
    }

    private Pending resolve(Pending s, long block, boolean cont, boolean rev, List<BreakoutSample> out) {
        if (block - s.triggerBlock() > maxPendingBlocks) {
            stateChanged = true;
            return null;
        }
        int label = cont ? 1 : (rev ? 0 : -1);
        if (label < 0) {
            return s;
        }
        BreakoutSample c = new BreakoutSample(s.triggerSidx(), s.triggerBlock(), block, s.direction(), label,
                s.embeddings());
        completed.add(c);
        out.add(c);
        stateChanged = true;
        return null;
    }

    /** One step of {@code DataLog._update_breakout_trackers} for this asset. */
    public void step(long sidx, long block, double price) {
        updatePrice(sidx, price);
        checkTrigger(sidx, block, price, Map.of());
        checkResolutions(block, price);
    }

    /**
     * {@code _backfill_breakout_embeddings} for one sample list: gives every pending or completed breakout without
     * embeddings the asset's {@code [p_cont, p_rev]} from its trigger row, once the row has any.
     */
    void backfill(java.util.function.LongFunction<Map<String, short[]>> triggerRow) {
        if (pendingHigh != null && pendingHigh.embeddings().isEmpty()) {
            Map<String, short[]> e = triggerRow.apply(pendingHigh.triggerSidx());
            if (!e.isEmpty()) {
                Pending p = pendingHigh;
                pendingHigh = new Pending(p.triggerSidx(), p.triggerBlock(), p.triggerPrice(), p.direction(),
                        p.rangeHigh(), p.rangeLow(), p.continuationBarrier(), p.reversalBarrier(), e);
                stateChanged = true;
            }
        }
        if (pendingLow != null && pendingLow.embeddings().isEmpty()) {
            Map<String, short[]> e = triggerRow.apply(pendingLow.triggerSidx());
            if (!e.isEmpty()) {
                Pending p = pendingLow;
                pendingLow = new Pending(p.triggerSidx(), p.triggerBlock(), p.triggerPrice(), p.direction(),
                        p.rangeHigh(), p.rangeLow(), p.continuationBarrier(), p.reversalBarrier(), e);
                stateChanged = true;
            }
        }
        for (int i = 0; i < completed.size(); i++) {
            BreakoutSample c = completed.get(i);
            if (c.embeddings().isEmpty()) {
                Map<String, short[]> e = triggerRow.apply(c.triggerSidx());
                if (!e.isEmpty()) {
                    completed.set(i, new BreakoutSample(c.triggerSidx(), c.triggerBlock(), c.resolutionBlock(),
                            c.direction(), c.label(), e));
                    stateChanged = true;
                }
            }
        }
    }

    /** True (and reset) when pending or completed breakouts changed since the last call. */
    boolean takeStateChanged() {
        boolean c = stateChanged;
        stateChanged = false;
        return c;
    }

    /** The price history as {@code [sidx, price]} pairs, oldest first. */
    List<double[]> history() {
        return new ArrayList<>(history);
    }

    /** {@code json.dumps(tracker.to_dict())}; {@code withHistory=false} writes an empty {@code price_history}. */
    public String toJson(boolean withHistory) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"ticker\": ");
        PyJson.str(sb, ticker);
        sb.append(", \"range_lookback_blocks\": ").append(rangeLookbackBlocks)
                .append(", \"barrier_pct\": ").append(PyJson.num(barrierPct))
                .append(", \"min_range_pct\": ").append(PyJson.num(minRangePct))
                .append(", \"max_pending_blocks\": ").append(maxPendingBlocks)
                .append(", \"pending_high\": ");
        pending(sb, pendingHigh);
        sb.append(", \"pending_low\": ");
        pending(sb, pendingLow);
        sb.append(", \"completed\": [");
        for (int i = 0; i < completed.size(); i++) {
            BreakoutSample c = completed.get(i);
            sb.append(i == 0 ? "" : ", ").append("{\"trigger_sidx\": ").append(c.triggerSidx())
                    .append(", \"trigger_block\": ").append(c.triggerBlock())
                    .append(", \"resolution_block\": ").append(c.resolutionBlock())
                    .append(", \"direction\": ").append(c.direction())
                    .append(", \"label\": ").append(c.label()).append(", \"embeddings\": ");
            embeddings(sb, c.embeddings());
            sb.append('}');
        }
        sb.append("], \"price_history\": [");
        if (withHistory) {
            long keep = 2L * rangeLookbackBlocks / sampleEvery;
            int skip = (int) Math.max(0, history.size() - keep);
            int i = 0;
            boolean first = true;
            for (double[] e : history) {
                if (i++ < skip) {
                    continue;
                }
                sb.append(first ? "" : ", ").append('[').append((long) e[0]).append(", ").append(PyJson.num(e[1]))
                        .append(']');
                first = false;
            }
        }
        return sb.append("]}").toString();
    }

    private static void pending(StringBuilder sb, Pending p) {
        if (p == null) {
            sb.append("null");
            return;
        }
        sb.append("{\"trigger_sidx\": ").append(p.triggerSidx()).append(", \"trigger_block\": ").append(p.triggerBlock())
                .append(", \"trigger_price\": ").append(PyJson.num(p.triggerPrice()))
                .append(", \"direction\": ").append(p.direction())
                .append(", \"range_high\": ").append(PyJson.num(p.rangeHigh()))
                .append(", \"range_low\": ").append(PyJson.num(p.rangeLow()))
                .append(", \"continuation_barrier\": ").append(PyJson.num(p.continuationBarrier()))
                .append(", \"reversal_barrier\": ").append(PyJson.num(p.reversalBarrier()))
                .append(", \"embeddings\": ");
        embeddings(sb, p.embeddings());
        sb.append('}');
    }

    private static void embeddings(StringBuilder sb, Map<String, short[]> e) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, short[]> en : e.entrySet()) {
            sb.append(first ? "" : ", ");
            first = false;
            PyJson.str(sb, en.getKey());
            sb.append(": [");
            short[] v = en.getValue();
            for (int i = 0; i < v.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(PyJson.num(Half.toFloat(v[i])));
            }
            sb.append(']');
        }
        sb.append('}');
    }

    /**
     * {@code RangeBreakoutTracker.from_dict} followed by {@code _load_breakout_state}'s override of the parameters
     * with the protocol's ({@code max_pending_blocks} is not a spec key at bcff57b, so the stored one stays).
     */
    public static RangeBreakoutTracker fromJson(String json, int rangeLookbackBlocks, double barrierPct,
                                                double minRangePct, int sampleEvery) {
        JsonNode d;
        try {
            d = EmbeddingBlobs.JSON.readTree(json);
        } catch (Exception e) {
            throw new DatalogReader.LedgerException("malformed breakout_state JSON: " + e.getMessage(), e);
        }
        if (d == null || !d.isObject() || !d.path("ticker").isTextual()) {
            throw new DatalogReader.LedgerException("breakout_state JSON is not a tracker state", null);
        }
        RangeBreakoutTracker t = new RangeBreakoutTracker(d.get("ticker").asText(), rangeLookbackBlocks, barrierPct,
                minRangePct, d.path("max_pending_blocks").asLong(43200), sampleEvery);
        t.pendingHigh = pendingOf(d.get("pending_high"));
        t.pendingLow = pendingOf(d.get("pending_low"));
        for (JsonNode c : d.path("completed")) {
            t.completed.add(new BreakoutSample(c.path("trigger_sidx").asLong(), c.path("trigger_block").asLong(),
                    c.path("resolution_block").asLong(), c.path("direction").asInt(), c.path("label").asInt(),
                    embeddingsOf(c.get("embeddings"))));
        }
        for (JsonNode e : d.path("price_history")) {
            t.history.addLast(new double[]{e.path(0).asLong(), e.path(1).asDouble()});
        }
        t.sorted = t.historyIsSorted();
        t.window.reset(t.history);
        return t;
    }

    /** Replaces the price history (restored from the ledger's own table). */
    void restoreHistory(List<double[]> h) {
        history.clear();
        history.addAll(h);
        sorted = historyIsSorted();
        window.reset(history);
    }

    /** Tests: answer every range check by scanning the history, as the reference does. */
    void scanRanges() {
        window.disable();
    }

    private boolean historyIsSorted() {
        long prev = Long.MIN_VALUE;
        for (double[] e : history) {
            if ((long) e[0] < prev) {
                return false;
            }
            prev = (long) e[0];
        }
        return true;
    }

    private static Pending pendingOf(JsonNode p) {
        if (p == null || p.isNull()) {
            return null;
        }
        return new Pending(p.path("trigger_sidx").asLong(), p.path("trigger_block").asLong(),
                p.path("trigger_price").asDouble(), p.path("direction").asInt(), p.path("range_high").asDouble(),
                p.path("range_low").asDouble(), p.path("continuation_barrier").asDouble(),
                p.path("reversal_barrier").asDouble(), embeddingsOf(p.get("embeddings")));
    }

    private static Map<String, short[]> embeddingsOf(JsonNode e) {
        Map<String, short[]> m = new LinkedHashMap<>();
        if (e == null || !e.isObject()) {
            return m;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> en = it.next();
            short[] v = new short[en.getValue().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = EmbeddingBlobs.halfOf(en.getValue().get(i).asDouble());
            }
            m.put(en.getKey(), v);
        }
        return m;
    }
}
