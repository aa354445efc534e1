package io.tao4j.mantis.validator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validator's saved weight vector at HEAD ({@code validator.save_weights}/{@code load_weights}: weights, uids,
 * block, hotkeys), the state of the EMA over weight vectors. Kept in its own table {@code ema_weights} (one row)
 * of the ledger's SQLite file (the ledger's own {@code saved_weights} holds the vectors waiting to be set): through
 * the open {@link io.tao4j.mantis.ledger.Ledger}'s connection ({@link #open(io.tao4j.mantis.ledger.Ledger)}, what the
 * validator uses) or a plain JDBC connection of its own ({@link #open(Path)}). A save is one transaction, so the
 * previous vector stays readable until the new one is committed, and a kill -9 leaves one or the other.
 */
public final class EmaState implements AutoCloseable {
    /** One saved vector: {@code weights[i]} belongs to {@code uids.get(i)} / {@code hotkeys.get(i)}. */
    public record Saved(long block, List<Integer> uids, List<String> hotkeys, float[] weights) {
        public Saved {
            uids = List.copyOf(uids);
            hotkeys = hotkeys == null ? null : List.copyOf(hotkeys);
            weights = weights.clone();
            if (uids.size() != weights.length) {
                throw new IllegalArgumentException("saved weights: " + uids.size() + " uids but " + weights.length + " weights");
            }
            if (hotkeys != null && hotkeys.size() != weights.length) {
                throw new IllegalArgumentException("saved weights: " + hotkeys.size() + " hotkeys but " + weights.length + " weights");
            }
        }

        @Override
        public float[] weights() {
            return weights.clone();
        }
    }

    private static final String CREATE = "CREATE TABLE IF NOT EXISTS ema_weights (id INTEGER PRIMARY KEY CHECK (id = 1), "
            + "block INTEGER NOT NULL, n INTEGER NOT NULL, uids BLOB NOT NULL, weights BLOB NOT NULL, hotkeys TEXT)";
    /** The ledger whose connection is used, or null when the state has its own {@link #conn}. */
    private final io.tao4j.mantis.ledger.Ledger ledger;
    private final Connection conn;

    private EmaState(io.tao4j.mantis.ledger.Ledger ledger, Connection conn) {
        this.ledger = ledger;
        this.conn = conn;
    }

    /**
     * The state in the file of an open ledger, through the ledger's own connection (what a running validator uses:
     * a second connection's commits would break the ledger's next write with SQLITE_BUSY_SNAPSHOT).
     */
    public static EmaState open(io.tao4j.mantis.ledger.Ledger ledger) {
        Objects.requireNonNull(ledger, "ledger");
        ledger.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute(CREATE);
            }
            return null;
        });
        return new EmaState(ledger, null);
    }

    /** Opens (creating the table if needed) the state in the SQLite file at {@code ledgerFile}, on its own connection. */
    public static EmaState open(Path ledgerFile) {
        Objects.requireNonNull(ledgerFile, "ledgerFile");
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledgerFile.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout=10000");
                st.execute(CREATE);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new EmaState(null, c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the saved-weights table in " + ledgerFile + ": " + e.getMessage(), e);
        }
    }

    /** {@code work} as one transaction on the ledger's or the own connection. */
    private synchronized <T> T tx(io.tao4j.mantis.ledger.Ledger.SqlWork<T> work) throws SQLException {
        if (ledger != null) {
            return ledger.inTransaction(work);
        }
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try {
            T out = work.run(conn);
            conn.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(auto);
        }
    }

    /** The saved vector, if any. */
    public Optional<Saved> load() {
        try {
            return tx(this::read);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read saved weights: " + e.getMessage(), e);
        }
    }

    private Optional<Saved> read(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT block, n, uids, weights, hotkeys FROM ema_weights WHERE id = 1")) {
            if (!rs.next()) return Optional.empty();
            long block = rs.getLong(1);
            int n = rs.getInt(2);
            ByteBuffer u = ByteBuffer.wrap(rs.getBytes(3)).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer w = ByteBuffer.wrap(rs.getBytes(4)).order(ByteOrder.LITTLE_ENDIAN);
            if (u.remaining() != 4 * n || w.remaining() != 4 * n) {
                throw new IllegalStateException("ema_weights row is malformed (n=" + n + ")");
            }
            List<Integer> uids = new ArrayList<>();
            float[] ws = new float[n];
            for (int i = 0; i < n; i++) {
                uids.add(u.getInt());
                ws[i] = w.getFloat();
            }
            String hk = rs.getString(5);
            List<String> hotkeys = null;
            if (hk != null) {
                hotkeys = n == 0 ? List.of() : List.of(hk.split("\n", -1));
                if (hotkeys.size() != n) throw new IllegalStateException("ema_weights row has " + hotkeys.size() + " hotkeys for " + n + " weights");
            }
            return Optional.of(new Saved(block, uids, hotkeys, ws));
        }
    }

    /** Replaces the saved vector (one transaction). */
    public void save(Saved s) {
        int n = s.uids().size();
        ByteBuffer u = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer w = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        float[] ws = s.weights();
        for (int i = 0; i < n; i++) {
            u.putInt(s.uids().get(i));
            w.putFloat(ws[i]);
        }
        String hk = null;
        if (s.hotkeys() != null) {
            for (String h : s.hotkeys()) {
                if (h.indexOf('\n') >= 0) throw new IllegalArgumentException("hotkey contains a newline");
            }
            hk = String.join("\n", s.hotkeys());
        }
        String hotkeys = hk;
        try {
            tx(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT OR REPLACE INTO ema_weights (id, block, n, uids, weights, hotkeys) VALUES (1, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, s.block());
                    ps.setInt(2, n);
                    ps.setBytes(3, u.array());
                    ps.setBytes(4, w.array());
                    ps.setString(5, hotkeys);
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save weights: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (conn == null) {
            return; // the ledger's connection: closed with the ledger
        }
        try {
            conn.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the saved-weights connection: " + e.getMessage(), e);
        }
    }
}
