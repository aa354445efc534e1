package io.tao4j.mantis.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.math.Half;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;

/**
 * Builds the training data of every challenge of a protocol from a MANTIS ledger, exactly as
 * {@code DataLog.iter_challenge_training_data(db, max_block_number, active_hotkeys)} at bcff57b (spec §4.4):
 * one pass per ticker in {@code sidx} order, stopping at the first row past {@code maxBlock}; hotkey columns =
 * the union of the {@code hotkeys} lists of all the ticker's rows ∩ active, sorted by code point. Reads both the
 * upstream {@code datalog.db} layout and tao4j's compact one ({@link LedgerSchema}).
 */
public final class HeadDatalogReader {
    private final Connection conn;
    private final Protocol protocol;
    private final List<Challenge> challenges;
    private final int maxUnchanged;
    /** Rows with {@code sidx·sampleEvery > maxBlock} are past the end ({@link Long#MAX_VALUE} = no limit). */
    private final long maxBlock;
    private final Set<String> active;
    private final int sampleEvery;
    private final boolean compact;
    private final EmbeddingBlobs blobs = new EmbeddingBlobs();

    private HeadDatalogReader(Connection conn, Protocol protocol, List<Challenge> challenges, int sampleEvery,
                              int maxUnchanged, long maxBlock, Set<String> active) throws SQLException {
        this.conn = conn;
        this.protocol = protocol;
        this.challenges = challenges;
        this.maxUnchanged = maxUnchanged;
        this.maxBlock = maxBlock;
        this.active = active == null ? null : Set.copyOf(active);
        this.sampleEvery = sampleEvery;
        this.compact = LedgerSchema.isCompact(conn);
    }

    /**
     * Reads {@code db} (opened read-only).
     *
     * @param maxBlock the reference's {@code max_block_number}: rows with {@code sidx·5 > maxBlock} are not read;
     *                 0 = no limit (as Python's falsy 0)
     * @param active   the metagraph's hotkeys, or null for no filter
     */
    public static HeadTrainingData read(Path db, Protocol protocol, long maxBlock, Set<String> active) {
        return read(db, protocol, maxBlock, active, Math.min(LOAD_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    /** A reader of every challenge of {@code protocol} through {@code conn}, rows up to {@code limit} inclusive. */
    static HeadDatalogReader of(Connection conn, Protocol protocol, long limit, Set<String> active) throws SQLException {
        return new HeadDatalogReader(conn, protocol, protocol.challenges(), protocol.constants().sampleEvery(),
                protocol.constants().maxUnchangedTimesteps(), limit, active);
    }

    /** At most this many connections read one ledger at once (one challenge each). */
    static final int LOAD_THREADS = 2;

    /** Reads {@code db} through up to {@code threads} read-only connections ({@link ConcurrentChallengeRead}). */
    static HeadTrainingData read(Path db, Protocol protocol, long maxBlock, Set<String> active, int threads) {
        if (!Files.isRegularFile(db)) {
            throw new DatalogReader.LedgerException("ledger file not found: " + db, null);
        }
        try (Connection c = SqliteReadOnly.open(db)) {
            if (threads <= 1 || protocol.challenges().size() <= 1) {
                return read(c, protocol, maxBlock, active);
            }
            if (!LedgerSchema.hasTable(c, "challenge_data")) {
                throw new DatalogReader.LedgerException("not a MANTIS datalog: no challenge_data table", null);
            }
            return ConcurrentChallengeRead.read(c, db, protocol, maxBlock == 0 ? Long.MAX_VALUE : maxBlock, active,
                    threads);
        } catch (SQLException e) {
            throw new DatalogReader.LedgerException("cannot read ledger " + db + ": " + e.getMessage(), e);
        }
    }

    /** Reads through an open connection (the validator's own ledger). */
    public static HeadTrainingData read(Connection conn, Protocol protocol, long maxBlock, Set<String> active) {
        try {
            if (!LedgerSchema.hasTable(conn, "challenge_data")) {
                throw new DatalogReader.LedgerException("not a MANTIS datalog: no challenge_data table", null);
            }
            return of(conn, protocol, maxBlock == 0 ? Long.MAX_VALUE : maxBlock, active).readAll();
        } catch (SQLException e) {
            throw new DatalogReader.LedgerException("cannot read the ledger: " + e.getMessage(), e);
        }
    }

    /**
     * Reads single-asset challenges given as a list (the older {@code MantisConfig} callers): rows up to
     * {@code maxBlock} inclusive ({@link Long#MAX_VALUE} = all), every hotkey.
     */
    static HeadTrainingData readSingleAsset(Connection conn, List<Challenge> challenges, int sampleEvery,
                                            int maxUnchanged, long maxBlock) throws SQLException {
        if (!LedgerSchema.hasTable(conn, "challenge_data")) {
            throw new DatalogReader.LedgerException("not a MANTIS datalog: no challenge_data table", null);
        }
        return new HeadDatalogReader(conn, null, challenges, sampleEvery, maxUnchanged, maxBlock, null).readAll();
    }

    private HeadTrainingData readAll() throws SQLException {
        HeadTrainingData out = new HeadTrainingData();
        for (Challenge ch : challenges) {
            put(out, ch, load(ch));
        }
        return out;
    }

    /** One challenge's data (a series or breakout samples), or null when it has none. */
    Object load(Challenge ch) throws SQLException {
        try {
            return switch (ch.loss()) {
                case BINARY -> buildBinary(ch);
                case LBFGS, HITFIRST -> buildPriced(ch);
                case RANGE_BREAKOUT_MULTI -> {
                    if (protocol == null) {
                        throw new IllegalArgumentException("breakout samples need a protocol");
                    }
                    List<BreakoutSample> s = new BreakoutReplay(conn, protocol, ch, maxBlock, active, blobs,
                            compact).samples();
                    yield s.isEmpty() ? null : s;
                }
                default -> buildMulti(ch);
            };
        } catch (IllegalArgumentException e) {
            throw new DatalogReader.LedgerException("malformed " + ch.ticker() + " data: " + e.getMessage(), e);
        } catch (DatalogReader.LedgerException e) {
            throw new DatalogReader.LedgerException(ch.ticker() + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static void put(HeadTrainingData out, Challenge ch, Object data) {
        if (data == null) {
            return;
        }
        switch (ch.loss()) {
            case BINARY -> out.putBinary(ch.ticker(), (ChallengeSeries) data);
            case LBFGS, HITFIRST -> out.putPriced(ch.ticker(), (PricedSeries) data);
            case RANGE_BREAKOUT_MULTI -> out.putBreakouts(ch.ticker(), (List<BreakoutSample>) data);
            default -> out.putMulti(ch.ticker(), (MultiAssetSeries) data);
        }
    }

    private boolean past(long sidx) {
        return sidx * sampleEvery > maxBlock;
    }

    /** {@code _collect_hotkeys}; null when empty. */
    private String[] collectHotkeys(String ticker) throws SQLException {
        TreeSet<String> hks = new TreeSet<>(EmbeddingBlobs.CODE_POINT);
        String sql = compact
                ? "SELECT h.json FROM (SELECT DISTINCT seen_list FROM challenge_data WHERE ticker = ? AND seen_list IS NOT NULL) d"
                  + " JOIN hotkey_lists h ON h.id = d.seen_list"
                  + " UNION ALL SELECT hotkeys FROM challenge_data WHERE ticker = ? AND hotkeys != '[]'"
                : "SELECT hotkeys FROM challenge_data WHERE ticker = ? AND hotkeys != '[]'";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, ticker);
            if (compact) {
                ps.setString(2, ticker);
            }
            byte[] prev = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] js = rs.getBytes(1);
                    if (js == null || Arrays.equals(js, prev)) {
                        continue; // ledgers repeat the same list row after row: parse it once
                    }
                    prev = js;
                    hks.addAll(Arrays.asList(blobs.column(new String(js, java.nio.charset.StandardCharsets.UTF_8))));
                }
            }
        }
        if (active != null) {
            hks.retainAll(active);
        }
        return hks.isEmpty() ? null : hks.toArray(new String[0]);
    }

    private static Map<String, Integer> index(String[] hks) {
        Map<String, Integer> m = new HashMap<>(hks.length * 2);
        for (int i = 0; i < hks.length; i++) {
            m.put(hks[i], i);
        }
        return m;
    }

    private String rowsSql(String valueColumn) {
        return "SELECT sidx, " + valueColumn + ", embeddings" + (compact ? ", emb_list" : "")
                + " FROM challenge_data WHERE ticker = ? ORDER BY sidx";
    }

    /** One row of a series query: {@code rs} holds its value (column 2) and embeddings. */
    private interface RowReader {
        void row(long sidx, ResultSet rs) throws SQLException;
    }

    /** Reads the ticker's rows of {@code valueColumn} in {@code sidx} order, up to the last one not past the end. */
    private void eachRow(String ticker, String valueColumn, RowReader reader) throws SQLException {
        try (PreparedStatement q = conn.prepareStatement(rowsSql(valueColumn))) {
            q.setString(1, ticker);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long sidx = rs.getLong(1);
                    if (past(sidx)) {
                        break;
                    }
                    reader.row(sidx, rs);
                }
            }
        }
    }

    private EmbeddingBlobs.Decoded embeddings(ResultSet rs, int dim) throws SQLException {
        if (compact) {
            long list = rs.getLong(4);
            if (!rs.wasNull()) {
                return LedgerSchema.decodeCompact(conn, blobs, list, rs.getBytes(3), dim);
            }
        }
        return blobs.decode(rs.getBytes(3), dim);
    }

    /** The hotkey columns of one challenge's series, or null when nobody submitted to it. */
    private Columns columnsOf(Challenge ch) throws SQLException {
        String[] hks = collectHotkeys(ch.ticker());
        return hks == null ? null : new Columns(hks, ch.storageDim());
    }

    /** A series' layout: {@code h} hotkey columns of {@code dim} values, one row of {@code h·dim} per step. */
    private static final class Columns {
        final String[] hks;
        final int h;
        final int dim;
        private final Map<String, Integer> idx;
        private final Map<String[], int[]> cache = new java.util.IdentityHashMap<>();

        Columns(String[] hks, int dim) {
            this.hks = hks;
            this.h = hks.length;
            this.dim = dim;
            this.idx = index(hks);
        }

        /** Column index of each of the row's hotkeys (−1 = not a column). */
        int[] of(EmbeddingBlobs.Decoded d) {
            int[] cols = cache.get(d.hotkeys());
            if (cols == null) {
                cols = new int[d.hotkeys().length];
                for (int i = 0; i < cols.length; i++) {
                    cols[i] = idx.getOrDefault(d.hotkeys()[i], -1);
                }
                cache.put(d.hotkeys(), cols);
            }
            return cols;
        }

        /** The step's half-precision row: each column's vector in place, zeros where a hotkey sent nothing. */
        short[] halfRow(EmbeddingBlobs.Decoded d) {
            short[] row = new short[h * dim];
            if (!d.isEmpty()) {
                int[] c = of(d);
                for (int i = 0; i < c.length; i++) {
                    if (c[i] >= 0) {
                        for (int k = 0; k < dim; k++) {
                            row[c[i] * dim + k] = d.half(i, k, dim);
                        }
                    }
                }
            }
            return row;
        }
    }

    /** How many rows in a row repeated the last price seen (rows without a price neither break nor extend it). */
    private static final class Unchanged {
        private Double prev;
        int streak;

        void see(Double now) {
            if (now != null) {
                if (prev == null || now.doubleValue() != prev.doubleValue()) {
                    prev = now;
                    streak = 0;
                } else {
                    streak++;
                }
            }
        }
    }

    private ChallengeSeries buildBinary(Challenge ch) throws SQLException {
        int ahead = ch.blocksAhead() / sampleEvery;
        Map<Long, Double> pricesBySidx = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT sidx, price FROM challenge_data WHERE ticker = ?")) {
            ps.setString(1, ch.ticker());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double v = rs.getDouble(2);
                    if (!rs.wasNull()) {
                        pricesBySidx.put(rs.getLong(1), v);
                    }
                }
            }
        }
        Columns layout = columnsOf(ch);
        if (layout == null) {
            return null;
        }
        int dim = layout.dim;
        ShortRows rows = new ShortRows(layout.h * dim);
        FloatRows ys = new FloatRows(1);
        Unchanged unchanged = new Unchanged();
        eachRow(ch.ticker(), "price", (sidx, rs) -> {
            double pv = rs.getDouble(2);
            Double now = rs.wasNull() ? null : pv;
            Double fut = pricesBySidx.get(sidx + ahead);
            unchanged.see(now);
            if (maxUnchanged > 0 && unchanged.streak > maxUnchanged) {
                return;
            }
            if (now == null || fut == null || now <= 0.0 || fut <= 0.0) {
                return;
            }
            EmbeddingBlobs.Decoded d = embeddings(rs, dim);
            if (d.isEmpty()) {
                return;
            }
            int[] cols = layout.of(d);
            short[] row = new short[layout.h * dim];
            boolean anyNonzero = false;
            for (int i = 0; i < cols.length; i++) {
                for (int k = 0; k < dim; k++) {
                    short b = d.half(i, k, dim);
                    if ((b & 0x7FFF) != 0) {
                        anyNonzero = true;
                    }
                    if (cols[i] >= 0) {
                        row[cols[i] * dim + k] = b;
                    }
                }
            }
            if (!anyNonzero) {
                return;
            }
            rows.add(row);
            ys.add(new float[]{(float) ((fut - now) / now)});
        });
        if (rows.size() == 0) {
            return null;
        }
        int n = rows.size();
        float[][] emb = new float[layout.h][n * dim];
        for (int t = 0; t < n; t++) {
            short[] r = rows.get(t);
            for (int j = 0; j < layout.h; j++) {
                for (int k = 0; k < dim; k++) {
                    emb[j][t * dim + k] = Half.toFloat(r[j * dim + k]);
                }
            }
        }
        return ChallengeSeries.ofReturns(Arrays.asList(layout.hks), dim, emb, ys.flat());
    }

    private PricedSeries buildPriced(Challenge ch) throws SQLException {
        Columns layout = columnsOf(ch);
        if (layout == null) {
            return null;
        }
        int dim = layout.dim;
        ShortRows rows = new ShortRows(layout.h * dim);
        LongStream.Builder sidxs = LongStream.builder();
        DoubleStream.Builder ps = DoubleStream.builder();
        eachRow(ch.ticker(), "price", (sidx, rs) -> {
            double p = rs.getDouble(2);
            if (rs.wasNull() || !Double.isFinite(p) || p <= 0) {
                return;
            }
            rows.add(layout.halfRow(embeddings(rs, dim)));
            ps.add(p);
            sidxs.add(sidx);
        });
        if (rows.size() == 0) {
            return null;
        }
        int n = rows.size();
        short[][] emb = new short[layout.h][n * dim];
        for (int t = 0; t < n; t++) {
            short[] r = rows.get(t);
            for (int j = 0; j < layout.h; j++) {
                System.arraycopy(r, j * dim, emb[j], t * dim, dim);
            }
        }
        return new PricedSeries(ChallengeSeries.ofHalfPrices(Arrays.asList(layout.hks), dim, emb, ps.build().toArray()),
                sidxs.build().toArray(), ch.blocksAhead());
    }

    private MultiAssetSeries buildMulti(Challenge ch) throws SQLException {
        Columns layout = columnsOf(ch);
        if (layout == null) {
            return null;
        }
        boolean funding = ch.loss() == Loss.FUNDING_XSEC;
        List<String> assets = ch.assets();
        int a = assets.size();
        int dim = layout.dim;
        ShortRows rows = new ShortRows(layout.h * dim);
        List<double[]> values = new ArrayList<>();
        LongStream.Builder sidxs = LongStream.builder();
        eachRow(ch.ticker(), "price_data", (sidx, rs) -> {
            String pd = rs.getString(2);
            if (pd == null || pd.isEmpty()) {
                return;
            }
            double[] vec = priceVector(pd, assets, funding ? Double.NaN : 0.0, ch.ticker());
            boolean keep = false;
            for (double v : vec) {
                if (funding ? !Double.isNaN(v) : v > 0) {
                    keep = true;
                    break;
                }
            }
            if (!keep) {
                return;
            }
            rows.add(layout.halfRow(embeddings(rs, dim)));
            values.add(vec);
            sidxs.add(sidx);
        });
        if (rows.size() == 0) {
            return null;
        }
        double[] v = new double[values.size() * a];
        for (int t = 0; t < values.size(); t++) {
            System.arraycopy(values.get(t), 0, v, t * a, a);
        }
        return new MultiAssetSeries(ch.ticker(), Arrays.asList(layout.hks), a, rows.flat(), v, sidxs.build().toArray(),
                ch.blocksAhead());
    }

    /** {@code [float(pd.get(a, missing)) for a in assets]} of a {@code price_data} JSON object. */
    static double[] priceVector(String json, List<String> assets, double missing, String ticker) {
        JsonNode o;
        try {
            o = EmbeddingBlobs.JSON.readTree(json);
        } catch (Exception e) {
            throw new DatalogReader.LedgerException(ticker + ": malformed price_data JSON: " + e.getMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new DatalogReader.LedgerException(ticker + ": price_data is not a JSON object", null);
        }
        double[] v = new double[assets.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode n = o.get(assets.get(i));
            if (n == null) {
                v[i] = missing;
            } else if (n.isNumber()) {
                v[i] = n.doubleValue();
            } else {
                throw new DatalogReader.LedgerException(ticker + ": price_data value of " + assets.get(i)
                        + " is not a number: " + n, null);
            }
        }
        return v;
    }

    /** Growable list of fixed-width short rows. */
    static final class ShortRows {
        private final List<short[]> rows = new ArrayList<>();
        private final int width;

        ShortRows(int width) {
            this.width = width;
        }

        void add(short[] r) {
            rows.add(r);
        }

        short[] get(int i) {
            return rows.get(i);
        }

        int size() {
            return rows.size();
        }

        /** The rows one after another in one array (released row by row while copying). */
        short[] flat() {
            int n = rows.size();
            short[] out = new short[Math.multiplyExact(n, width)];
            for (int t = 0; t < n; t++) {
                System.arraycopy(rows.get(t), 0, out, t * width, width);
                rows.set(t, null);
            }
            rows.clear();
            return out;
        }
    }

    /** Growable flat float buffer of fixed-width rows. */
    static final class FloatRows {
        private final int width;
        private float[] data = new float[0];
        private int n;

        FloatRows(int width) {
            this.width = width;
        }

        void add(float[] r) {
            if ((long) (n + 1) * width > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16L, (long) data.length * 2 + width)));
            }
            System.arraycopy(r, 0, data, n * width, width);
            n++;
        }

        int size() {
            return n;
        }

        float[] flat() {
            return Arrays.copyOf(data, n * width);
        }
    }
}
