package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.math.Half;
import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.LossKind;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.TrainingData;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a small datalog.db in the layout of MANTIS ledger.py (HEAD): the schema's challenge_data table
 * and {@code _pack_embeddings} blobs (sorted hotkey JSON list, 0x00, float16 LE vectors). Used by tests to
 * check the reader; price-based series become rows at sidx = 1000 + t.
 */
public final class DatalogFixture {
    private DatalogFixture() {}

    public static final long FIRST_SIDX = 1000;

    public static byte[] pack(List<String> hotkeys, List<float[]> vecs) {
        if (hotkeys.isEmpty()) return new byte[0];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder js = new StringBuilder("[");
        for (int i = 0; i < hotkeys.size(); i++) js.append(i == 0 ? "" : ", ").append('"').append(hotkeys.get(i)).append('"');
        js.append(']');
        out.writeBytes(js.toString().getBytes(StandardCharsets.UTF_8));
        out.write(0);
        int dim = vecs.get(0).length;
        ByteBuffer bb = ByteBuffer.allocate(hotkeys.size() * dim * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : vecs) for (float f : v) bb.putShort(Half.fromFloat(f));
        out.writeBytes(bb.array());
        return out.toByteArray();
    }

    /**
     * Writes each price-based series of {@code data} (LBFGS/HITFIRST) as-is, and for binary challenges
     * writes prices {@code pricesForBinary} with the series' embeddings at the same rows. Hotkeys whose
     * vector at a row is all-zero are left out of that row (as a miner that did not submit).
     */
    public static void write(Path db, TrainingData data, double[] pricesForBinary) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("CREATE TABLE IF NOT EXISTS blocks (idx INTEGER PRIMARY KEY, block INTEGER NOT NULL)");
                st.executeUpdate("CREATE TABLE IF NOT EXISTS challenge_meta (ticker TEXT PRIMARY KEY, dim INTEGER NOT NULL,"
                        + " blocks_ahead INTEGER NOT NULL)");
                st.executeUpdate("CREATE TABLE IF NOT EXISTS challenge_data (ticker TEXT NOT NULL, sidx INTEGER NOT NULL,"
                        + " price REAL, price_data TEXT, hotkeys TEXT, embeddings BLOB, PRIMARY KEY (ticker, sidx))");
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO challenge_data (ticker, sidx, price, price_data, hotkeys, embeddings) VALUES (?,?,?,?,?,?)")) {
                for (MantisChallenge ch : MantisConfig.CHALLENGES) {
                    ChallengeSeries s = data.series(ch.ticker()).orElse(null);
                    if (s == null) continue;
                    int dim = s.dim();
                    float[][] all = s.embeddingsAsFloat();
                    for (int t = 0; t < s.rows(); t++) {
                        List<String> hks = new ArrayList<>();
                        List<float[]> vecs = new ArrayList<>();
                        for (int j = 0; j < s.hotkeyCount(); j++) {
                            float[] v = java.util.Arrays.copyOfRange(all[j], t * dim, (t + 1) * dim);
                            boolean nz = false;
                            for (float f : v) nz |= f != 0f;
                            if (!nz) continue;
                            hks.add(s.hotkeys().get(j));
                            vecs.add(v);
                        }
                        double price = ch.loss() == LossKind.BINARY ? pricesForBinary[t] : s.prices()[t];
                        ps.setString(1, ch.ticker());
                        ps.setLong(2, FIRST_SIDX + t);
                        if (Double.isNaN(price)) ps.setNull(3, java.sql.Types.REAL);
                        else ps.setDouble(3, price);
                        ps.setNull(4, java.sql.Types.VARCHAR);
                        StringBuilder js = new StringBuilder("[");
                        for (int i = 0; i < hks.size(); i++) js.append(i == 0 ? "" : ", ").append('"').append(hks.get(i)).append('"');
                        ps.setString(5, js.append(']').toString());
                        ps.setBytes(6, pack(hks, vecs));
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }
}
