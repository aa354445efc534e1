package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.math.Half;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.LossKind;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.TrainingData;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Read-only reader of MANTIS's SQLite {@code datalog.db} (schema of ledger.py at the MANTIS repository's
 * HEAD: table {@code challenge_data(ticker, sidx, price, price_data, hotkeys, embeddings)}, embeddings =
 * JSON hotkey list, a zero byte, then {@code n * dim} float16 little-endian values), building the
 * training data the validator hands to {@code multi_salience}:
 *
 * <ul>
 *   <li>LBFGS / HITFIRST ({@code _build_lbfgs_from_db}): every row with a finite positive price, in sidx
 *       order; hotkeys = sorted union of the {@code hotkeys} column; missing hotkeys are zero vectors.</li>
 *   <li>binary ({@code _build_binary_from_db}): rows with a price now and at {@code sidx + blocks_ahead/5},
 *       both positive, not inside a run of more than MAX_UNCHANGED_TIMESTEPS unchanged prices, with at
 *       least one non-zero embedding; target = (p_future - p_now) / p_now as float32; embeddings
 *       as float16.</li>
 * </ul>
 */
public final class DatalogReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DatalogReader() {}

    /** Raised for files that are not a MANTIS datalog or hold malformed rows. */
    public static final class LedgerException extends RuntimeException {
        public LedgerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Reads the training data for every challenge of {@code challenges}.
     *
     * @param untilSidx when present, only rows with {@code sidx <= untilSidx} (the validator's
     *                  {@code max_block_number = untilSidx * SAMPLE_EVERY})
     */
    public static TrainingData read(Path db, List<MantisChallenge> challenges, OptionalLong untilSidx) {
        if (!Files.isRegularFile(db)) throw new LedgerException("ledger file not found: " + db, null);
        try {
            Class.forName("org.sqlite.JDBC");
        } catch (ClassNotFoundException e) {
            throw new LedgerException("sqlite-jdbc driver missing", e);
        }
        try (Connection conn = SqliteReadOnly.open(db)) {
            checkSchema(conn);
            Map<String, ChallengeSeries> out = new LinkedHashMap<>();
            for (MantisChallenge ch : challenges) {
                ChallengeSeries s;
                try {
                    s = ch.loss() == LossKind.BINARY
                            ? buildBinary(conn, ch, untilSidx)
                            : buildPriceSeries(conn, ch, untilSidx);
                } catch (IllegalArgumentException e) {
                    throw new LedgerException("malformed " + ch.ticker() + " data in " + db + ": " + e.getMessage(), e);
                }
                if (s != null) out.put(ch.ticker(), s);
            }
            return new TrainingData(out);
        } catch (SQLException e) {
            throw new LedgerException("cannot read ledger " + db + ": " + e.getMessage(), e);
        }
    }

    private static void checkSchema(Connection conn) throws SQLException {
        try (ResultSet rs = conn.createStatement().executeQuery(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='challenge_data'")) {
            if (!rs.next()) throw new LedgerException("not a MANTIS datalog: no challenge_data table", null);
        }
    }

    private static List<String> collectHotkeys(Connection conn, String ticker) throws SQLException {
        TreeSet<String> hks = new TreeSet<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT hotkeys FROM challenge_data WHERE ticker = ? AND hotkeys != '[]'")) {
            ps.setString(1, ticker);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String js = rs.getString(1);
                    if (js == null) continue;
                    try {
                        hks.addAll(JSON.readValue(js, new TypeReference<List<String>>() {}));
                    } catch (Exception e) {
                        throw new LedgerException("malformed hotkeys JSON for " + ticker + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return new ArrayList<>(hks);
    }

    /** ledger.py {@code _unpack_embeddings}: hotkey -> float16 bits widened to float; {} if malformed. */
    static Map<String, float[]> unpack(byte[] blob, int dim) {
        if (blob == null || blob.length == 0) return Map.of();
        int sep = -1;
        for (int i = 0; i < blob.length; i++) {
            if (blob[i] == 0) {
                sep = i;
                break;
            }
        }
        if (sep < 0) throw new LedgerException("embeddings blob has no separator byte", null);
        List<String> hks;
        try {
            hks = JSON.readValue(new String(blob, 0, sep, StandardCharsets.UTF_8), new TypeReference<List<String>>() {});
        } catch (Exception e) {
            throw new LedgerException("malformed hotkey list in embeddings blob: " + e.getMessage(), e);
        }
        int n = hks.size();
        int raw = blob.length - sep - 1;
        if (n == 0 || raw != n * dim * 2) return Map.of();
        ByteBuffer bb = ByteBuffer.wrap(blob, sep + 1, raw).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, float[]> out = new HashMap<>();
        for (String hk : hks) {
            float[] v = new float[dim];
            for (int k = 0; k < dim; k++) v[k] = Half.toFloat(bb.getShort());
            out.put(hk, v);
        }
        return out;
    }

    private static ChallengeSeries buildPriceSeries(Connection conn, MantisChallenge ch, OptionalLong until)
            throws SQLException {
        List<String> hks = collectHotkeys(conn, ch.ticker());
        if (hks.isEmpty()) return null;
        Map<String, Integer> idx = index(hks);
        int H = hks.size();
        int dim = ch.dim();
        FloatList rows = new FloatList();
        List<Double> prices = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT sidx, price, embeddings FROM challenge_data WHERE ticker = ? ORDER BY sidx")) {
            ps.setString(1, ch.ticker());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long sidx = rs.getLong(1);
                    if (until.isPresent() && sidx > until.getAsLong()) break;
                    double price = rs.getDouble(2);
                    if (rs.wasNull() || !Double.isFinite(price) || price <= 0) continue;
                    Map<String, float[]> emb = unpack(rs.getBytes(3), dim);
                    float[] row = new float[H * dim];
                    for (Map.Entry<String, float[]> e : emb.entrySet()) {
                        Integer j = idx.get(e.getKey());
                        if (j != null) System.arraycopy(e.getValue(), 0, row, j * dim, dim);
                    }
                    rows.add(row);
                    prices.add(price);
                }
            }
        }
        if (prices.isEmpty()) return null;
        double[] p = prices.stream().mapToDouble(Double::doubleValue).toArray();
        return ChallengeSeries.ofHalfPrices(hks, dim, rows.hotkeyMajorHalf(H, dim), p);
    }

    private static ChallengeSeries buildBinary(Connection conn, MantisChallenge ch, OptionalLong until)
            throws SQLException {
        int ahead = ch.blocksAhead() / MantisConfig.SAMPLE_EVERY;
        Map<Long, Double> pricesBySidx = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT sidx, price FROM challenge_data WHERE ticker = ?")) {
            ps.setString(1, ch.ticker());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double v = rs.getDouble(2);
                    if (!rs.wasNull()) pricesBySidx.put(rs.getLong(1), v);
                }
            }
        }
        List<String> hks = collectHotkeys(conn, ch.ticker());
        if (hks.isEmpty()) return null;
        Map<String, Integer> idx = index(hks);
        int H = hks.size();
        int dim = ch.dim();
        FloatList rows = new FloatList();
        List<Float> ys = new ArrayList<>();
        Double prev = null;
        int streak = 0;
        int maxUnchanged = MantisConfig.MAX_UNCHANGED_TIMESTEPS;
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT sidx, price, embeddings FROM challenge_data WHERE ticker = ? ORDER BY sidx")) {
            ps.setString(1, ch.ticker());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long sidx = rs.getLong(1);
                    if (until.isPresent() && sidx > until.getAsLong()) break;
                    double pv = rs.getDouble(2);
                    Double now = rs.wasNull() ? null : pv;
                    Double fut = pricesBySidx.get(sidx + ahead);
                    if (now != null) {
                        if (prev == null || now.doubleValue() != prev.doubleValue()) {
                            prev = now;
                            streak = 0;
                        } else {
                            streak++;
                        }
                    }
                    if (maxUnchanged > 0 && streak > maxUnchanged) continue;
                    if (now == null || fut == null) continue;
                    if (now <= 0.0 || fut <= 0.0) continue; // NaN passes, as in ledger.py
                    Map<String, float[]> emb = unpack(rs.getBytes(3), dim);
                    if (emb.isEmpty()) continue;
                    float[] row = new float[H * dim];
                    boolean anyNonzero = false;
                    for (Map.Entry<String, float[]> e : emb.entrySet()) {
                        for (float f : e.getValue()) if (f != 0f) anyNonzero = true;
                        Integer j = idx.get(e.getKey());
                        if (j != null) System.arraycopy(e.getValue(), 0, row, j * dim, dim);
                    }
                    if (!anyNonzero) continue;
                    rows.add(row);
                    ys.add((float) ((fut - now) / now));
                }
            }
        }
        if (ys.isEmpty()) return null;
        float[] y = new float[ys.size()];
        for (int i = 0; i < y.length; i++) y[i] = ys.get(i);
        return ChallengeSeries.ofReturns(hks, dim, rows.hotkeyMajor(H, dim), y);
    }

    private static Map<String, Integer> index(List<String> hks) {
        Map<String, Integer> m = new TreeMap<>();
        for (int i = 0; i < hks.size(); i++) m.put(hks.get(i), i);
        return m;
    }

    /** Row-major rows collected, then transposed to hotkey-major. */
    private static final class FloatList {
        private final List<float[]> rows = new ArrayList<>();

        void add(float[] row) {
            rows.add(row);
        }

        /** float16 storage: the ledger's values are float16, so nothing is lost. */
        short[][] hotkeyMajorHalf(int H, int dim) {
            int T = rows.size();
            short[][] out = new short[H][T * dim];
            for (int t = 0; t < T; t++) {
                float[] r = rows.get(t);
                for (int j = 0; j < H; j++) {
                    for (int k = 0; k < dim; k++) out[j][t * dim + k] = Half.fromFloat(r[j * dim + k]);
                }
                rows.set(t, null);
            }
            return out;
        }

        float[][] hotkeyMajor(int H, int dim) {
            int T = rows.size();
            float[][] out = new float[H][T * dim];
            for (int t = 0; t < T; t++) {
                float[] r = rows.get(t);
                for (int j = 0; j < H; j++) System.arraycopy(r, j * dim, out[j], t * dim, dim);
                rows.set(t, null);
            }
            return out;
        }
    }
}
