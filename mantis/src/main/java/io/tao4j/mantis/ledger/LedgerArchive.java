package io.tao4j.mantis.ledger;

import io.tao4j.mantis.internal.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Moves MANTIS history into and out of a tao4j {@link Ledger}.
 *
 * <p>Import reads either archive a MANTIS validator bootstraps from — the SQLite {@code datalog.db}
 * of ledger.py at the MANTIS repository's HEAD, or the older pickled {@code DataLog}
 * ({@code mantis_datalog.pkl}, optionally gzipped; see {@link PickleDatalogReader}) — validates every row
 * and writes it into a new, empty ledger in one transaction with batched inserts. Rows of tickers the
 * configuration does not know are skipped and counted; an embeddings blob that does not unpack with the
 * challenge's dimension is dropped (its price is kept) and counted. {@code first_seen} is derived from
 * the imported embeddings (first sample block with a non-zero vector per hotkey).
 *
 * <p>Export writes the ledger with {@code VACUUM INTO}: a compact, self-contained SQLite file with
 * MANTIS's schema (plus tao4j's tables), which both tao4j and MANTIS's ledger.py open as a
 * {@code datalog.db}.
 */
public final class LedgerArchive {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int BATCH = 2_000;
    /**
     * Largest block number (and step index, sample index, payload step) an archive may hold, in absolute value:
     * Subtensor's block numbers are u32. A block may be negative (history recorded before a local network's genesis).
     */
    public static final long MAX_BLOCK = 0xFFFF_FFFFL;
    /** Largest drand round an archive may hold (~35 million years of 1 s rounds). */
    public static final long MAX_DRAND_ROUND = 1L << 40;

    private LedgerArchive() {}

    /** Kinds of archive recognised by their first bytes. */
    public enum Format { SQLITE, PICKLE, PICKLE_GZIP }

    /** Progress callback: {@code phase} (e.g. "challenge_data"), rows done, rows expected (-1 if unknown). */
    @FunctionalInterface
    public interface Progress {
        void report(String phase, long done, long total);

        Progress NONE = (p, d, t) -> { };
    }

    /** What an import wrote and what it skipped. */
    public record ImportResult(Format format, long blocks, long challengeRows, long embeddingVectors,
                               long rawPayloads, long drandRounds, long skippedUnknownTicker,
                               long droppedMalformedEmbeddings, long firstSeenHotkeys) {
    }

    /** Recognises the archive format from the file's first bytes. */
    public static Format detect(Path archive) {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(archive)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new DatalogReader.LedgerException("cannot read the archive " + archive + ": " + e.getMessage(), e);
        }
        if (n == 16 && java.util.Arrays.equals(head, SQLITE_MAGIC)) {
            return Format.SQLITE;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Format.PICKLE_GZIP;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return Format.PICKLE;
        }
        throw new DatalogReader.LedgerException("not a MANTIS archive (neither SQLite, pickle nor gzip): " + archive, null);
    }

    /**
     * Imports {@code archive} (any {@link Format}) into the ledger file {@code ledger}, which is created
     * if missing and must not hold any step yet.
     */
    public static ImportResult importArchive(Path archive, Path ledger, List<MantisChallenge> challenges, Progress progress) {
        if (!Files.isRegularFile(archive)) {
            throw new DatalogReader.LedgerException("archive not found: " + archive, null);
        }
        Format f = detect(archive);
        try (Writer w = Writer.open(ledger, challenges, f, progress)) {
            if (f == Format.SQLITE) {
                readSqlite(archive, w, progress);
            } else {
                PickleDatalogReader.read(archive, f == Format.PICKLE_GZIP, w, progress);
            }
            return w.finish();
        }
    }

    /**
     * Imports into a ledger for {@code protocol}: at 2e9bc5b as {@link #importArchive(Path, Path, List, Progress)};
     * later versions read a SQLite {@code datalog.db} whole ({@code breakout_state} included) into the compact
     * layout, and the older pickle formats as before.
     */
    public static ImportResult importArchive(Path archive, Path ledger, io.tao4j.mantis.protocol.Protocol protocol,
                                             Progress progress) {
        if (protocol.id().equals(io.tao4j.mantis.protocol.Protocol.P2E9BC5B.id())) {
            return importArchive(archive, ledger, MantisConfig.CHALLENGES, progress);
        }
        if (!Files.isRegularFile(archive)) {
            throw new DatalogReader.LedgerException("archive not found: " + archive, null);
        }
        if (detect(archive) != Format.SQLITE) {
            return importArchive(archive, ledger, MantisConfig.CHALLENGES, progress);
        }
        return HeadArchive.importSqlite(archive, ledger, protocol, progress);
    }

    /**
     * Writes a copy of the ledger at {@code ledger} to {@code out} (which must not exist) in the upstream
     * {@code datalog.db} layout: a compact (tao4j) ledger is rewritten with {@code protocol}'s breakout parameters.
     */
    public static void export(Path ledger, Path out, io.tao4j.mantis.protocol.Protocol protocol) {
        vacuumInto(ledger, out);
        try {
            HeadArchive.toUpstream(out, protocol);
        } catch (RuntimeException e) {
            HeadArchive.deleteQuietly(out);
            throw e;
        }
    }

    /**
     * Writes a compact copy of the ledger at {@code ledger} to {@code out} (which must not exist), in the upstream
     * layout ({@link #export(Path, Path, io.tao4j.mantis.protocol.Protocol)} with the default protocol).
     */
    public static void export(Path ledger, Path out) {
        export(ledger, out, io.tao4j.mantis.protocol.Protocol.DEFAULT);
    }

    private static void vacuumInto(Path ledger, Path out) {
        if (!Files.isRegularFile(ledger)) {
            throw new DatalogReader.LedgerException("ledger not found: " + ledger, null);
        }
        if (Files.exists(out)) {
            throw new DatalogReader.LedgerException("export target already exists: " + out, null);
        }
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledger.toAbsolutePath());
                 PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
                ps.setString(1, out.toAbsolutePath().toString());
                ps.execute();
            }
        } catch (SQLException | IOException e) {
            throw new DatalogReader.LedgerException("cannot export " + ledger + " to " + out + ": " + e.getMessage(), e);
        }
    }

    private static void readSqlite(Path archive, Writer w, Progress progress) {
        try (Connection src = SqliteReadOnly.open(archive)) {
            Map<String, List<String>> cols = columns(src);
            for (String t : List.of("blocks", "challenge_data")) {
                if (!cols.containsKey(t)) {
                    throw new DatalogReader.LedgerException("not a MANTIS datalog: no " + t + " table in " + archive, null);
                }
            }
            try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery(DatalogRows.BLOCKS)) {
                while (rs.next()) {
                    DatalogRows.checkBlock(archive, rs);
                    w.block(rs.getLong(1), rs.getLong(2));
                }
            }
            long total = count(src, "challenge_data");
            long done = 0;
            try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery(DatalogRows.challengeData(cols))) {
                while (rs.next()) {
                    DatalogRows.checkChallengeRow(archive, rs);
                    double price = rs.getDouble(3);
                    Double p = rs.wasNull() ? null : price;
                    w.challengeRow(rs.getString(1), rs.getLong(2), p, rs.getString(4), rs.getString(5), rs.getBytes(6));
                    if (++done % 5_000 == 0) {
                        progress.report("challenge_data", done, total);
                    }
                }
            }
            progress.report("challenge_data", done, total);
            if (cols.containsKey("raw_payloads")) {
                try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery(DatalogRows.RAW_PAYLOADS)) {
                    while (rs.next()) {
                        DatalogRows.checkRawPayload(archive, rs);
                        w.rawPayload(rs.getLong(1), rs.getString(2), rs.getBytes(3));
                    }
                }
            }
            if (cols.containsKey("drand_cache")) {
                try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery(DatalogRows.DRAND_CACHE)) {
                    while (rs.next()) {
                        DatalogRows.checkDrand(archive, rs);
                        w.drand(rs.getLong(1), rs.getBytes(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw new DatalogReader.LedgerException("cannot read the datalog " + archive + ": " + e.getMessage(), e);
        }
    }

    static Map<String, List<String>> columns(Connection c) throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type='table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String t : tables) {
            List<String> cs = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(\"" + t.replace("\"", "\"\"") + "\")")) {
                while (rs.next()) {
                    cs.add(rs.getString(2));
                }
            }
            out.put(t, cs);
        }
        return out;
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Receives validated archive rows and writes them into the target ledger in one transaction
     * (package-private: the pickle reader feeds it too).
     */
    static final class Writer implements AutoCloseable {
        private final Connection conn;
        private final Map<String, MantisChallenge> byTicker = new LinkedHashMap<>();
        private final Format format;
        private final Progress progress;
        private final PreparedStatement insBlock;
        private final PreparedStatement insData;
        private final PreparedStatement insRaw;
        private final PreparedStatement insDrand;
        private final Map<String, Long> firstSample = new HashMap<>();
        private int pending;
        private long blocks;
        private long rows;
        private long vectors;
        private long raws;
        private long drands;
        private long unknown;
        private long malformed;
        private boolean done;

        private Writer(Connection conn, List<MantisChallenge> challenges, Format format, Progress progress) throws SQLException {
            this.conn = conn;
            this.format = format;
            this.progress = progress;
            for (MantisChallenge c : challenges) {
                byTicker.put(c.ticker(), c);
            }
            insBlock = conn.prepareStatement("INSERT INTO blocks (idx, block) VALUES (?, ?)");
            insData = conn.prepareStatement("INSERT INTO challenge_data (ticker, sidx, price, price_data, hotkeys, embeddings) "
                    + "VALUES (?, ?, ?, ?, ?, ?)");
            insRaw = conn.prepareStatement("INSERT OR REPLACE INTO raw_payloads (ts, hotkey, payload) VALUES (?, ?, ?)");
            insDrand = conn.prepareStatement("INSERT OR REPLACE INTO drand_cache (round, signature) VALUES (?, ?)");
        }

        static Writer open(Path ledger, List<MantisChallenge> challenges, Format format, Progress progress) {
            Ledger.open(ledger, challenges).close();
            Connection c = null;
            try {
                c = DriverManager.getConnection("jdbc:sqlite:" + ledger.toAbsolutePath());
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout=5000");
                    // a bulk load into an empty file: a rollback journal holds only the empty pages, where WAL
                    // would first write every page to the log and then copy it again at the checkpoint
                    s.execute("PRAGMA journal_mode=DELETE");
                }
                for (String t : List.of("blocks", "challenge_data", "raw_payloads")) {
                    if (count(c, t) > 0) {
                        throw new DatalogReader.LedgerException("the ledger " + ledger + " already holds " + t
                                + " rows; import only into a new ledger", null);
                    }
                }
                c.setAutoCommit(false);
                return new Writer(c, challenges, format, progress);
            } catch (SQLException e) {
                closeQuietly(c);
                throw new DatalogReader.LedgerException("cannot open the ledger " + ledger + " for import: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                closeQuietly(c);
                throw e;
            }
        }

        void block(long idx, long block) {
            DatalogRows.checkBlockRange(idx, block);
            try {
                insBlock.setLong(1, idx);
                insBlock.setLong(2, block);
                insBlock.addBatch();
                blocks++;
                flushMaybe();
            } catch (SQLException e) {
                throw fail("blocks row " + idx, e);
            }
        }

        /**
         * One challenge row; {@code embeddings} in MANTIS's packed form (may be null or empty). The
         * {@code hotkeys} column is kept as it is when it is a JSON list of strings (MANTIS's
         * {@code _collect_hotkeys} reads it, not the blob), else derived from the vectors.
         */
        void challengeRow(String ticker, long sidx, Double price, String priceData, String hotkeys, byte[] embeddings) {
            DatalogRows.checkSidx(ticker, sidx);
            MantisChallenge ch = ticker == null ? null : byTicker.get(ticker);
            if (ch == null) {
                unknown++;
                return;
            }
            TreeMap<String, short[]> vecs = EmbeddingBlobs.unpack(embeddings, ch.dim());
            if (embeddings != null && embeddings.length > 0 && vecs.isEmpty()) {
                malformed++;
            }
            challengeRow(ch, sidx, price, priceData, validHotkeyList(hotkeys), vecs);
        }

        private static String validHotkeyList(String js) {
            if (js == null) {
                return null;
            }
            try {
                com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(js);
                if (!n.isArray()) {
                    return null;
                }
                for (com.fasterxml.jackson.databind.JsonNode e : n) {
                    if (!e.isTextual()) {
                        return null;
                    }
                }
                return js;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return null;
            }
        }

        /** One challenge row with its vectors already decoded (float16 bits per hotkey). */
        void challengeRow(String ticker, long sidx, Double price, TreeMap<String, short[]> vecs) {
            DatalogRows.checkSidx(ticker, sidx);
            MantisChallenge ch = ticker == null ? null : byTicker.get(ticker);
            if (ch == null) {
                unknown++;
                return;
            }
            TreeMap<String, short[]> ok = new TreeMap<>();
            for (Map.Entry<String, short[]> e : vecs.entrySet()) {
                if (e.getValue() != null && e.getValue().length == ch.dim()) {
                    ok.put(e.getKey(), e.getValue());
                } else {
                    malformed++;
                }
            }
            challengeRow(ch, sidx, price, null, null, ok);
        }

        private void challengeRow(MantisChallenge ch, long sidx, Double price, String priceData, String hotkeys,
                                  TreeMap<String, short[]> vecs) {
            if (price != null && !Double.isFinite(price)) {
                price = null;
            }
            try {
                insData.setString(1, ch.ticker());
                insData.setLong(2, sidx);
                if (price == null) {
                    insData.setNull(3, java.sql.Types.REAL);
                } else {
                    insData.setDouble(3, price);
                }
                insData.setString(4, priceData);
                insData.setString(5, hotkeys != null ? hotkeys : JSON.writeValueAsString(new ArrayList<>(vecs.keySet())));
                insData.setBytes(6, EmbeddingBlobs.pack(vecs, ch.dim()));
                insData.addBatch();
                rows++;
                vectors += vecs.size();
                for (Map.Entry<String, short[]> e : vecs.entrySet()) {
                    if (nonZero(e.getValue())) {
                        firstSample.merge(e.getKey(), sidx, Math::min);
                    }
                }
                flushMaybe();
            } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
                throw fail(ch.ticker() + " row " + sidx, e);
            }
        }

        void rawPayload(long ts, String hotkey, byte[] payload) {
            DatalogRows.checkStep(ts);
            if (hotkey == null) {
                throw new DatalogReader.LedgerException("malformed raw_payloads row at ts " + ts + ": no hotkey", null);
            }
            try {
                insRaw.setLong(1, ts);
                insRaw.setString(2, hotkey);
                insRaw.setBytes(3, payload);
                insRaw.addBatch();
                raws++;
                flushMaybe();
            } catch (SQLException e) {
                throw fail("raw payload " + ts, e);
            }
        }

        void drand(long round, byte[] signature) {
            DatalogRows.checkRound(round);
            if (signature == null) {
                return;
            }
            try {
                insDrand.setLong(1, round);
                insDrand.setBytes(2, signature);
                insDrand.addBatch();
                drands++;
                flushMaybe();
            } catch (SQLException e) {
                throw fail("drand round " + round, e);
            }
        }

        private void flushMaybe() throws SQLException {
            if (++pending >= BATCH) {
                flush();
            }
        }

        private void flush() throws SQLException {
            insBlock.executeBatch();
            insData.executeBatch();
            insRaw.executeBatch();
            insDrand.executeBatch();
            pending = 0;
        }

        ImportResult finish() {
            try {
                flush();
                try (PreparedStatement ps = conn.prepareStatement("INSERT OR IGNORE INTO first_seen (hotkey, block) VALUES (?, ?)")) {
                    for (Map.Entry<String, Long> e : firstSample.entrySet()) {
                        ps.setString(1, e.getKey());
                        ps.setLong(2, e.getValue() * MantisConfig.SAMPLE_EVERY);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                conn.commit();
                done = true;
                conn.setAutoCommit(true);
                try (Statement s = conn.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL"); // the ledger's own mode, as Ledger.open sets it
                }
                progress.report("done", rows, rows);
                return new ImportResult(format, blocks, rows, vectors, raws, drands, unknown, malformed, firstSample.size());
            } catch (SQLException e) {
                throw fail("commit", e);
            }
        }

        private DatalogReader.LedgerException fail(String what, Exception e) {
            return new DatalogReader.LedgerException("import failed at " + what + ": " + e.getMessage(), e);
        }

        @Override
        public void close() {
            if (!done) {
                try {
                    conn.rollback();
                } catch (SQLException ignored) {
                    // nothing was committed
                }
            }
            closeQuietly(conn);
        }

        private static boolean nonZero(short[] v) {
            for (short s : v) {
                if ((s & 0x7fff) != 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
