package io.tao4j.mantis.ledger;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.tao4j.mantis.ledger.LedgerArchive.MAX_BLOCK;
import static io.tao4j.mantis.ledger.LedgerArchive.MAX_DRAND_ROUND;

/**
 * One row of a datalog.db query whose last {@code n} columns are the {@code typeof} of the first {@code n}, and the
 * checks every importer (of the datalog into the 8-challenge ledger, {@link LedgerArchive}, or into the bcff57b
 * compact layout, {@link HeadArchive}) makes of the rows it reads: the storage classes MANTIS writes, and ranges.
 */
record DatalogRows(Path archive, String table, ResultSet rs, int n) {
    static final String BLOCKS = "SELECT idx, block, typeof(idx), typeof(block) FROM blocks ORDER BY idx";
    static final String RAW_PAYLOADS = "SELECT ts, hotkey, payload, typeof(ts), typeof(hotkey), typeof(payload) FROM raw_payloads";
    static final String DRAND_CACHE = "SELECT round, signature, typeof(round), typeof(signature) FROM drand_cache";

    /** The challenge_data query; archives older than {@code price_data} read NULL in its place. */
    static String challengeData(Map<String, List<String>> cols) {
        String pd = cols.get("challenge_data").contains("price_data") ? "price_data" : "NULL";
        return "SELECT ticker, sidx, price, " + pd + ", hotkeys, embeddings, typeof(ticker), typeof(sidx), "
                + "typeof(price), typeof(" + pd + "), typeof(hotkeys), typeof(embeddings) "
                + "FROM challenge_data ORDER BY ticker, sidx";
    }

    /** A row of {@link #BLOCKS} holds the storage classes MANTIS writes. */
    static void checkBlock(Path archive, ResultSet rs) throws SQLException {
        DatalogRows c = new DatalogRows(archive, "blocks", rs, 2);
        c.check(1, "idx", "integer");
        c.check(2, "block", "integer");
    }

    /** A row of {@link #challengeData} holds the storage classes MANTIS writes. */
    static void checkChallengeRow(Path archive, ResultSet rs) throws SQLException {
        DatalogRows c = new DatalogRows(archive, "challenge_data", rs, 6);
        c.check(1, "ticker", "text");
        c.check(2, "sidx", "integer");
        c.check(3, "price", "real", "integer", "null");
        c.check(4, "price_data", "text", "null");
        c.check(5, "hotkeys", "text", "null");
        c.check(6, "embeddings", "blob", "null");
    }

    /** A row of {@link #RAW_PAYLOADS} holds the storage classes MANTIS writes. */
    static void checkRawPayload(Path archive, ResultSet rs) throws SQLException {
        DatalogRows c = new DatalogRows(archive, "raw_payloads", rs, 3);
        c.check(1, "ts", "integer");
        c.check(2, "hotkey", "text");
        c.check(3, "payload", "blob", "null");
    }

    /** A row of {@link #DRAND_CACHE} holds the storage classes MANTIS writes. */
    static void checkDrand(Path archive, ResultSet rs) throws SQLException {
        DatalogRows c = new DatalogRows(archive, "drand_cache", rs, 2);
        c.check(1, "round", "integer");
        c.check(2, "signature", "blob", "null");
    }

    /** The SQLite storage class of column {@code i} must be one of {@code allowed}. */
    void check(int i, String column, String... allowed) throws SQLException {
        String type = rs.getString(n + i);
        for (String a : allowed) {
            if (a.equals(type)) {
                return;
            }
        }
        String v = type.equals("blob") ? "a blob" : "'" + abbreviate(rs.getString(i)) + "'";
        throw new DatalogReader.LedgerException("malformed datalog " + archive + ": " + table + "." + column + " holds " + type
                + " " + v + " where MANTIS writes " + String.join(" or ", allowed) + "; nothing was imported", null);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** A step index is 0..MAX_BLOCK; a block is within ±MAX_BLOCK (negative: history before a local network's genesis). */
    static void checkBlockRange(long idx, long block) {
        if (idx < 0 || idx > MAX_BLOCK || block < -MAX_BLOCK || block > MAX_BLOCK) {
            throw new DatalogReader.LedgerException("malformed blocks row: idx " + idx + ", block " + block
                    + " (step indices are 0.." + MAX_BLOCK + ", blocks within ±" + MAX_BLOCK + ", LedgerArchive.MAX_BLOCK);"
                    + " nothing was imported", null);
        }
    }

    static void checkSidx(String ticker, long sidx) {
        if (sidx < -MAX_BLOCK || sidx > MAX_BLOCK) {
            throw new DatalogReader.LedgerException("malformed challenge_data row: " + ticker + " sample index " + sidx
                    + " is outside ±" + MAX_BLOCK + " (LedgerArchive.MAX_BLOCK); nothing was imported", null);
        }
    }

    static void checkStep(long ts) {
        if (ts < 0 || ts > MAX_BLOCK) {
            throw new DatalogReader.LedgerException("malformed raw_payloads row: step " + ts + " is outside 0.." + MAX_BLOCK
                    + " (LedgerArchive.MAX_BLOCK); nothing was imported", null);
        }
    }

    static void checkRound(long round) {
        if (round < 0 || round > MAX_DRAND_ROUND) {
            throw new DatalogReader.LedgerException("malformed drand_cache row: round " + round + " is outside 0.."
                    + MAX_DRAND_ROUND + " (LedgerArchive.MAX_DRAND_ROUND); nothing was imported", null);
        }
    }
}
