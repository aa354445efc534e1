package io.tao4j.mantis.ledger;

import io.tao4j.mantis.internal.Json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.math.Half;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The MANTIS validator's ledger: SQLite in WAL mode, so a kill -9 loses at most the step being
 * written. The shared tables have exactly the schema of MANTIS's own {@code ledger.py} (repository
 * HEAD): {@code blocks}, {@code challenge_meta}, {@code challenge_data} (per ticker and sample index:
 * price, and the non-zero embeddings as a JSON hotkey list, a zero byte and float16 little-endian
 * vectors), {@code raw_payloads} (collected, not yet decrypted) and {@code drand_cache} — so a live
 * MANTIS {@code datalog.db} imports by copying rows and {@link DatalogReader} builds training data from
 * either. tao4j adds {@code first_seen} (first block with a non-zero embedding per hotkey, for the
 * young-UID rule), {@code payload_attempts} (retries of payloads whose drand round was not yet
 * available) and {@code saved_weights}.
 *
 * <p>Opened for a {@link Protocol}: at {@code 2e9bc5b} (or with a challenge list) it writes the upstream row layout
 * as that version did. At {@code bcff57b} it follows that version's write rules (spec §4.2: {@code price_data} for
 * the multi-asset challenges, 0.0 price placeholders, storage dims 66 / 33 / 20 / 4, no pruning — departed hotkeys
 * are left out when reading with the active set) in the compact layout of {@link LedgerSchema}, and keeps the
 * live breakout trackers ({@link RangeBreakoutTracker}) in {@code breakout_state}.
 */
public final class Ledger implements AutoCloseable {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS blocks (idx INTEGER PRIMARY KEY, block INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS challenge_meta (ticker TEXT PRIMARY KEY, dim INTEGER NOT NULL, blocks_ahead INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS challenge_data (ticker TEXT NOT NULL, sidx INTEGER NOT NULL, price REAL, price_data TEXT,
                hotkeys TEXT, embeddings BLOB, PRIMARY KEY (ticker, sidx));
            CREATE TABLE IF NOT EXISTS raw_payloads (ts INTEGER NOT NULL, hotkey TEXT NOT NULL, payload BLOB, PRIMARY KEY (ts, hotkey));
            CREATE TABLE IF NOT EXISTS drand_cache (round INTEGER PRIMARY KEY, signature BLOB);
            CREATE INDEX IF NOT EXISTS idx_blocks_block ON blocks(block);
            CREATE TABLE IF NOT EXISTS first_seen (hotkey TEXT PRIMARY KEY, block INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS payload_attempts (ts INTEGER NOT NULL, hotkey TEXT NOT NULL, attempts INTEGER NOT NULL,
                last_error TEXT, PRIMARY KEY (ts, hotkey));
            CREATE TABLE IF NOT EXISTS saved_weights (block INTEGER PRIMARY KEY, uids TEXT NOT NULL, weights TEXT NOT NULL);
            """;

    /** A collected payload waiting for decryption: step index, the block it was collected at, hotkey, JSON. */
    public record Pending(long ts, long block, String hotkey, byte[] payload) {
    }

    /** Weights saved by a calculation, to be set later. */
    public record SavedWeights(long block, List<Integer> uids, List<Double> weights) {
    }

    private final Connection conn;
    private final List<MantisChallenge> challenges;
    private final Protocol protocol;
    private final HeadLedgerWrites head;
    private final BreakoutStore breakouts;
    /** Rows of {@code blocks} (upstream's {@code _block_count}); −1 = not read yet or unknown after a rollback. */
    private long blockCount = -1;

    private Ledger(Connection conn, List<MantisChallenge> challenges, Protocol protocol) throws SQLException {
        this.conn = conn;
        this.challenges = challenges;
        this.protocol = protocol;
        this.head = protocol == null ? null : new HeadLedgerWrites(conn, protocol);
        this.breakouts = protocol == null ? null : BreakoutStore.open(conn, protocol);
        conn.commit();
    }

    /**
     * Opens (creating) the ledger at {@code file} for a protocol version: {@code 2e9bc5b} behaves as
     * {@link #open(Path, List)} with its 8 challenges; later versions use their own write rules (class comment).
     */
    public static Ledger open(Path file, Protocol protocol) {
        if (protocol.id().equals(Protocol.P2E9BC5B.id())) {
            return open(file, io.tao4j.mantis.salience.MantisConfig.CHALLENGES);
        }
        return open(file, List.of(), protocol);
    }

    /** The protocol this ledger was opened for; empty when opened with a challenge list. */
    public Optional<Protocol> protocol() {
        return Optional.ofNullable(protocol);
    }

    /** Opens (creating) the ledger at {@code file} for the given challenges (the 2e9bc5b layout). */
    public static Ledger open(Path file, List<MantisChallenge> challenges) {
        return open(file, challenges, null);
    }

    private static Ledger open(Path file, List<MantisChallenge> challenges, Protocol protocol) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                for (String sql : SCHEMA.split(";")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
            c.setAutoCommit(false);
            if (protocol != null) {
                LedgerSchema.ensureCompact(c);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR REPLACE INTO challenge_meta (ticker, dim, blocks_ahead) VALUES (?, ?, ?)")) {
                if (protocol != null) {
                    for (Challenge ch : protocol.challenges()) {
                        ps.setString(1, ch.ticker());
                        ps.setInt(2, ch.dim());
                        ps.setInt(3, ch.blocksAhead());
                        ps.addBatch();
                    }
                }
                for (MantisChallenge ch : challenges) {
                    ps.setString(1, ch.ticker());
                    ps.setInt(2, ch.dim());
                    ps.setInt(3, ch.blocksAhead());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            return new Ledger(c, List.copyOf(challenges), protocol);
        } catch (Exception e) {
            throw new DatalogReader.LedgerException("cannot open the ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends one sampled step in one transaction (MANTIS {@code append_step}): the block, the price of
     * every challenge that has one (ticker → price; missing or non-positive prices are not stored, as the
     * reference stores none), and the raw payload of every hotkey collected at this step.
     */
    public synchronized long appendStep(long block, Map<String, Double> pricesByTicker, Map<String, byte[]> payloads) {
        if (protocol != null) {
            return appendStep(block, pricesByTicker, Map.of(), payloads);
        }
        return commitStep(block, idx -> {
            HeadLedgerWrites.insertBlock(conn, idx, block);
            long sidx = block / MantisConfig.SAMPLE_EVERY;
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO challenge_data (ticker, sidx, price, hotkeys, embeddings) "
                    + "VALUES (?, ?, ?, '[]', X'') ON CONFLICT(ticker, sidx) DO UPDATE SET price=excluded.price")) {
                for (MantisChallenge ch : challenges) {
                    Double v = pricesByTicker.get(ch.ticker());
                    if (v != null && v > 0 && Double.isFinite(v)) {
                        p.setString(1, ch.ticker());
                        p.setLong(2, sidx);
                        p.setDouble(3, v);
                        p.addBatch();
                    }
                }
                p.executeBatch();
            }
            HeadLedgerWrites.insertRawPayloads(conn, idx, payloads);
        });
    }

    /**
     * Appends one sampled step under the protocol's rules (MANTIS {@code append_step} at bcff57b), in one
     * transaction: the block; per single-asset challenge {@code prices.get(ticker)} (0.0 placeholders stored as
     * upstream); {@code price_data} of MULTIXSEC / TRADEMIX from {@code prices.get(asset)} (> 0) and of FUNDINGXSEC
     * from {@code fundingRates}; one raw payload row per entry of {@code payloads} (the caller passes every
     * metagraph hotkey, {@code {}} when it has nothing); then the breakout trackers' step.
     */
    public synchronized long appendStep(long block, Map<String, Double> prices, Map<String, Double> fundingRates,
                                        Map<String, byte[]> payloads) {
        if (protocol == null) {
            return appendStep(block, prices, payloads);
        }
        return commitStep(block, idx -> head.step(idx, block, prices, fundingRates, payloads, breakouts));
    }

    /**
     * {@link #appendStep(long, Map, Map, Map)} as bcff57b's {@code append_step} writes the raw payloads: one row per
     * metagraph hotkey, the downloaded payload or {@link #NO_PAYLOAD} ({@code {}}) for a hotkey without one this step
     * (spec §4.2); payloads of hotkeys outside the metagraph are kept too. At 2e9bc5b only the payloads are written.
     */
    public synchronized long appendStep(long block, Map<String, Double> prices, Map<String, Double> fundingRates,
                                        Map<String, byte[]> payloads, java.util.Collection<String> metagraphHotkeys) {
        if (protocol == null) {
            return appendStep(block, prices, payloads);
        }
        return appendStep(block, prices, fundingRates, HeadLedgerWrites.withPlaceholders(payloads, metagraphHotkeys));
    }

    /** One step of {@link #appendSteps}: what {@link #appendStep(long, Map, Map, Map)} takes. */
    public record Step(long block, Map<String, Double> prices, Map<String, Double> fundingRates, Map<String, byte[]> payloads) {
    }

    /**
     * A bulk load (a generated history): the steps appended in order exactly as by
     * {@link #appendStep(long, Map, Map, Map)}, in one transaction (all or none). Returns the first step's index.
     */
    public synchronized long appendSteps(List<Step> steps) {
        if (protocol == null) {
            throw new IllegalStateException("opened with a challenge list: use appendStep");
        }
        if (steps.isEmpty()) {
            try {
                return blockCount();
            } catch (SQLException e) {
                throw new DatalogReader.LedgerException("cannot read the ledger: " + e.getMessage(), e);
            }
        }
        long first = -1;
        try {
            long idx = blockCount();
            first = idx;
            for (Step st : steps) {
                head.step(idx++, st.block(), st.prices(), st.fundingRates(), st.payloads(), breakouts);
            }
            conn.commit();
            blockCount = idx;
            return first;
        } catch (SQLException e) {
            rollback();
            throw new DatalogReader.LedgerException("cannot append " + steps.size() + " steps from index " + first + ": "
                    + e.getMessage(), e);
        }
    }

    /** The raw payload bcff57b stores for a metagraph hotkey that had none at a step: {@code json.dumps({})}. */
    public static final String NO_PAYLOAD = "{}";

    /** True for the {@link #NO_PAYLOAD} row of a hotkey without a payload (nothing to decrypt: dropped when mature). */
    public static boolean isNoPayload(byte[] payload) {
        return payload != null && payload.length == 2 && payload[0] == '{' && payload[1] == '}';
    }

    /** The rows of one step at index {@code idx}. */
    private interface StepWrite {
        void write(long idx) throws SQLException;
    }

    /** Writes the next step in one transaction: committed whole, or rolled back and reported. */
    private long commitStep(long block, StepWrite write) {
        try {
            long idx = blockCount();
            write.write(idx);
            conn.commit();
            blockCount = idx + 1;
            return idx;
        } catch (SQLException e) {
            rollback();
            throw new DatalogReader.LedgerException("cannot append the step of block " + block + ": " + e.getMessage(), e);
        }
    }

    /** The live breakout trackers by asset (empty for protocols without MULTI-BREAKOUT). */
    public synchronized Map<String, RangeBreakoutTracker> breakoutTrackers() {
        return breakouts == null ? Map.of() : java.util.Collections.unmodifiableMap(breakouts.trackers());
    }

    /**
     * {@code _backfill_breakout_embeddings}: call after a batch of payloads was stored (upstream does after each
     * {@code process_pending_payloads}); gives breakouts without embeddings those of their trigger row.
     */
    public synchronized void backfillBreakouts() {
        if (breakouts == null) {
            return;
        }
        try {
            breakouts.backfill(conn, true);
            conn.commit();
        } catch (SQLException e) {
            rollback();
            throw new DatalogReader.LedgerException("cannot backfill breakout embeddings: " + e.getMessage(), e);
        }
    }

    /** The training data at bcff57b ({@link HeadDatalogReader}) from this ledger, through its own connection. */
    public synchronized HeadTrainingData trainingData(long maxBlock, java.util.Set<String> active) {
        if (protocol == null) {
            throw new IllegalStateException("opened with a challenge list: use DatalogReader.read");
        }
        return HeadDatalogReader.read(conn, protocol, maxBlock, active);
    }

    public synchronized long blockCount() throws SQLException {
        if (blockCount < 0) {
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM blocks")) {
                blockCount = rs.next() ? rs.getLong(1) : 0;
            }
        }
        return blockCount;
    }

    /** The block of the newest step, if any. */
    public synchronized OptionalLong lastBlock() {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(block) FROM blocks")) {
            if (rs.next()) {
                long v = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
            }
            return OptionalLong.empty();
        } catch (SQLException e) {
            throw new DatalogReader.LedgerException("cannot read the ledger: " + e.getMessage(), e);
        }
    }

    /** Payloads collected at least {@code minAge} blocks before {@code currentBlock}, oldest first. */
    public synchronized List<Pending> mature(long currentBlock, long minAge) {
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT r.ts, b.block, r.hotkey, r.payload FROM raw_payloads r "
                + "JOIN blocks b ON b.idx = r.ts WHERE b.block <= ? ORDER BY r.ts, r.hotkey")) {
            ps.setLong(1, currentBlock - minAge);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBytes(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DatalogReader.LedgerException("cannot read pending payloads: " + e.getMessage(), e);
        }
    }

    /** Number of payloads still waiting to be decrypted ({@link #NO_PAYLOAD} rows are not payloads). */
    public synchronized long pendingCount() {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COUNT(*) FROM raw_payloads WHERE payload IS NULL OR payload != CAST('{}' AS BLOB)")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new DatalogReader.LedgerException("cannot count pending payloads: " + e.getMessage(), e);
        }
    }

    /**
     * Stores the outcome of decrypting one payload, atomically: its non-zero vectors are merged into
     * the step's {@code challenge_data} rows (ticker → vector), the hotkey's first-seen block is
     * recorded, and the raw payload is removed.
     */
    public synchronized void storeDecrypted(Pending p, Map<String, float[]> vectorsByTicker) {
        if (protocol != null) {
            Map<String, double[]> d = new java.util.LinkedHashMap<>();
            vectorsByTicker.forEach((k, v) -> {
                double[] w = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    w[i] = v[i];
                }
                d.put(k, w);
            });
            storeDecryptedValues(p, d);
            return;
        }
        try {
            long sidx = p.block() / MantisConfig.SAMPLE_EVERY;
            boolean any = false;
            for (Map.Entry<String, float[]> e : vectorsByTicker.entrySet()) {
                float[] v = e.getValue();
                if (!nonZero(v)) {
                    continue;
                }
                any = true;
                mergeEmbedding(e.getKey(), sidx, p.hotkey(), v);
            }
            if (any) {
                try (PreparedStatement ps = conn.prepareStatement("INSERT OR IGNORE INTO first_seen (hotkey, block) VALUES (?, ?)")) {
                    ps.setString(1, p.hotkey());
                    ps.setLong(2, p.block());
                    ps.executeUpdate();
                }
            }
            deletePending(p);
            conn.commit();
        } catch (SQLException e) {
            rollback();
            throw new DatalogReader.LedgerException("cannot store the payload of " + p.hotkey() + ": " + e.getMessage(), e);
        }
    }

    /**
     * bcff57b's {@code process_pending_payloads} merge for one payload: at a block that is a multiple of
     * SAMPLE_EVERY, every non-zero vector (storage dim, values as parsed — rounded once to float16 as numpy does)
     * is merged into {@code (ticker, block / 5)}; the raw payload is removed either way.
     */
    public synchronized void storeDecryptedValues(Pending p, Map<String, double[]> vectorsByTicker) {
        storeDecryptedValues(Map.of(p, vectorsByTicker));
    }

    /**
     * The batch form of {@link #storeDecryptedValues(Pending, Map)}, as upstream processes matured payloads: one
     * read-merge-write per {@code (ticker, sidx)} for all the batch's hotkeys, one transaction. A malformed vector
     * (unknown ticker, wrong length) fails the whole batch before anything is written.
     */
    public synchronized void storeDecryptedValues(Map<Pending, Map<String, double[]>> batch) {
        if (protocol == null) {
            throw new IllegalStateException("opened with a challenge list: use storeDecrypted");
        }
        try {
            head.storeBatch(batch);
            conn.commit();
        } catch (SQLException e) {
            rollback();
            throw new DatalogReader.LedgerException("cannot store " + batch.size() + " payloads: " + e.getMessage(), e);
        }
    }

    /** Drops a payload for good (rejected, or pending too long). */
    public synchronized void drop(Pending p) {
        try {
            deletePending(p);
            conn.commit();
        } catch (SQLException e) {
            rollback();
            throw new DatalogReader.LedgerException("cannot drop a payload: " + e.getMessage(), e);
        }
    }

    /** Records a failed attempt (e.g. drand round not yet available); returns how many attempts there were. */
    public synchronized int recordAttempt(Pending p, String error) {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO payload_attempts (ts, hotkey, attempts, last_error) VALUES (?, ?, 1, ?) "
                + "ON CONFLICT(ts, hotkey) DO UPDATE SET attempts = attempts + 1, last_error = excluded.last_error")) {
            ps.setLong(1, p.ts());
            ps.setString(2, p.hotkey());
            ps.setString(3, error);
            ps.executeUpdate();
            conn.commit();
            try (PreparedStatement q = conn.prepareStatement("SELECT attempts FROM payload_attempts WHERE ts = ? AND hotkey = ?")) {
                q.setLong(1, p.ts());
                q.setString(2, p.hotkey());
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 1;
                }
            }
        } catch (SQLException e) {
            rollback();
            throw new DatalogReader.LedgerException("cannot record an attempt: " + e.getMessage(), e);
        }
    }

    private void deletePending(Pending p) throws SQLException {
        for (String sql : new String[]{"DELETE FROM raw_payloads WHERE ts = ? AND hotkey = ?",
                "DELETE FROM payload_attempts WHERE ts = ? AND hotkey = ?"}) {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setLong(1, p.ts());
                ps.setString(2, p.hotkey());
                ps.executeUpdate();
            }
        }
    }

    private void mergeEmbedding(String ticker, long sidx, String hotkey, float[] v) throws SQLException {
        int dim = challenges.stream().filter(c -> c.ticker().equals(ticker)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ticker " + ticker)).dim();
        if (v.length != dim) {
            throw new IllegalArgumentException(ticker + " vectors have " + dim + " values, got " + v.length);
        }
        TreeMap<String, short[]> all = new TreeMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT embeddings FROM challenge_data WHERE ticker = ? AND sidx = ?")) {
            ps.setString(1, ticker);
            ps.setLong(2, sidx);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    all.putAll(EmbeddingBlobs.unpack(rs.getBytes(1), dim));
                }
            }
        }
        short[] half = new short[dim];
        for (int i = 0; i < dim; i++) {
            half[i] = Half.fromFloat(v[i]);
        }
        all.put(hotkey, half);
        byte[] blob = EmbeddingBlobs.pack(all, dim);
        String hotkeys = JSON.valueToTree(new ArrayList<>(all.keySet())).toString();
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO challenge_data (ticker, sidx, hotkeys, embeddings) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT(ticker, sidx) DO UPDATE SET hotkeys = excluded.hotkeys, embeddings = excluded.embeddings")) {
            ps.setString(1, ticker);
            ps.setLong(2, sidx);
            ps.setString(3, hotkeys);
            ps.setBytes(4, blob);
            ps.executeUpdate();
        }
    }

    /** MANTIS {@code _pack_embeddings}, for writers outside this package (see {@link EmbeddingBlobs#pack}). */
    public static byte[] pack(java.util.TreeMap<String, short[]> vecs, int dim) {
        return EmbeddingBlobs.pack(vecs, dim);
    }

    /**
     * MANTIS {@code DataLog.prune_hotkeys}: removes the vectors (and the {@code hotkeys} entries) of every
     * hotkey not in {@code active}, and forgets their first-seen block, in one transaction. Only rows
     * that hold such a hotkey are rewritten. Returns how many vectors were removed. A ledger opened for a
     * protocol after 2e9bc5b removes nothing (returns 0): bcff57b no longer prunes, it filters when reading.
     */
    public synchronized int pruneHotkeys(java.util.Set<String> active) {
        if (protocol != null) {
            return 0; // bcff57b keeps every hotkey's history; reads filter by the active set
        }
        try {
            int removed = 0;
            List<Object[]> updates = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT ticker, sidx, embeddings FROM challenge_data WHERE length(embeddings) > 0");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String ticker = rs.getString(1);
                    int dim = challenges.stream().filter(c -> c.ticker().equals(ticker)).mapToInt(MantisChallenge::dim).findFirst().orElse(-1);
                    if (dim < 0) {
                        continue;
                    }
                    TreeMap<String, short[]> vecs = EmbeddingBlobs.unpack(rs.getBytes(3), dim);
                    int before = vecs.size();
                    vecs.keySet().retainAll(active);
                    if (vecs.size() != before) {
                        removed += before - vecs.size();
                        updates.add(new Object[]{ticker, rs.getLong(2), EmbeddingBlobs.pack(vecs, dim),
                                JSON.valueToTree(new ArrayList<>(vecs.keySet())).toString()});
                    }
                }
            }
            try (PreparedStatement up = conn.prepareStatement("UPDATE challenge_data SET embeddings = ?, hotkeys = ? WHERE ticker = ? AND sidx = ?")) {
                for (Object[] u : updates) {
                    up.setBytes(1, (byte[]) u[2]);
                    up.setString(2, (String) u[3]);
                    up.setString(3, (String) u[0]);
                    up.setLong(4, (Long) u[1]);
                    up.addBatch();
                }
                up.executeBatch();
            }
            try (PreparedStatement del = conn.prepareStatement("DELETE FROM first_seen WHERE hotkey = ?")) {
                for (String hk : firstSeen().keySet()) {
                    if (!active.contains(hk)) {
                        del.setString(1, hk);
                        del.addBatch();
                    }
                }
                del.executeBatch();
            }
            conn.commit();
            return removed;
        } catch (SQLException e) {
            rollback();
            throw new DatalogReader.LedgerException("cannot prune departed hotkeys: " + e.getMessage(), e);
        }
    }

    /** The cached verified drand signature of {@code round}. */
    public synchronized Optional<byte[]> drandSignature(long round) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT signature FROM drand_cache WHERE round = ?")) {
            ps.setLong(1, round);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatalogReader.LedgerException("cannot read the drand cache: " + e.getMessage(), e);
        }
    }

    /** Caches a signature the caller has verified. */
    public synchronized void putDrandSignature(long round, byte[] signature) {
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO drand_cache (round, signature) VALUES (?, ?)")) {
            ps.setLong(1, round);
            ps.setBytes(2, signature);
            ps.executeUpdate();
            conn.commit();
        } catch (SQLException e) {
            rollback();
            throw new DatalogReader.LedgerException("cannot write the drand cache: " + e.getMessage(), e);
        }
    }

    /** First block at which each hotkey had a non-zero embedding. */
    public synchronized Map<String, Long> firstSeen() {
        Map<String, Long> out = new TreeMap<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT hotkey, block FROM first_seen")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        } catch (SQLException e) {
            throw new DatalogReader.LedgerException("cannot read first_seen: " + e.getMessage(), e);
        }
    }

    /** Saves a weight vector computed at {@code block}. */
    public synchronized void saveWeights(SavedWeights w) {
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO saved_weights (block, uids, weights) VALUES (?, ?, ?)")) {
            ps.setLong(1, w.block());
            ps.setString(2, JSON.writeValueAsString(w.uids()));
            ps.setString(3, JSON.writeValueAsString(w.weights()));
            ps.executeUpdate();
            conn.commit();
        } catch (Exception e) {
            rollback();
            throw new DatalogReader.LedgerException("cannot save weights: " + e.getMessage(), e);
        }
    }

    /** The newest saved weights. */
    public synchronized Optional<SavedWeights> latestWeights() {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT block, uids, weights FROM saved_weights ORDER BY block DESC LIMIT 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new SavedWeights(rs.getLong(1), JSON.readValue(rs.getString(2), new TypeReference<List<Integer>>() { }),
                    JSON.readValue(rs.getString(3), new TypeReference<List<Double>>() { })));
        } catch (Exception e) {
            throw new DatalogReader.LedgerException("cannot read saved weights: " + e.getMessage(), e);
        }
    }

    /** Work on the ledger's connection ({@link #inTransaction}). */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on the ledger's own connection under its lock, committed as one transaction (rolled back on
     * failure): for tao4j's side tables in the ledger file (the validator's EMA state), so that no second connection
     * commits behind this one's open read snapshot (which would fail its next write with SQLITE_BUSY_SNAPSHOT).
     */
    public synchronized <T> T inTransaction(SqlWork<T> work) {
        try {
            T out = work.run(conn);
            conn.commit();
            return out;
        } catch (SQLException e) {
            rollback();
            throw new DatalogReader.LedgerException("ledger transaction failed: " + e.getMessage(), e);
        }
    }

    private static boolean nonZero(float[] v) {
        for (float x : v) {
            if (x != 0f) {
                return true;
            }
        }
        return false;
    }

    private void rollback() {
        blockCount = -1;
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; nothing was committed
        }
    }

    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
