package io.tao4j.mantis.ledger;

import io.tao4j.mantis.internal.Json;

import io.tao4j.mantis.salience.math.Half;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.TrainingData;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Read-only reader of MANTIS's SQLite {@code datalog.db} (schema of ledger.py at the MANTIS repository's
 * HEAD: table {@code challenge_data(ticker, sidx, price, price_data, hotkeys, embeddings)}, embeddings =
 * JSON hotkey list, a zero byte, then {@code n * dim} float16 little-endian values), building the
 * training data the validator hands to {@code multi_salience} (through {@link HeadDatalogReader}, which also reads
 * tao4j's compact rows):
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
    private static final ObjectMapper JSON = Json.MAPPER;

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
        List<io.tao4j.mantis.protocol.Challenge> cs = new ArrayList<>();
        for (MantisChallenge ch : challenges) {
            cs.add(new io.tao4j.mantis.protocol.Challenge(ch.name(), ch.ticker(), ch.priceKey(), List.of(), ch.dim(),
                    ch.blocksAhead(), io.tao4j.mantis.protocol.Loss.valueOf(ch.loss().name()), ch.weight()));
        }
        try (Connection conn = SqliteReadOnly.open(db)) {
            long maxBlock = untilSidx.isPresent() ? untilSidx.getAsLong() * MantisConfig.SAMPLE_EVERY : Long.MAX_VALUE;
            return HeadDatalogReader.readSingleAsset(conn, cs, MantisConfig.SAMPLE_EVERY,
                    MantisConfig.MAX_UNCHANGED_TIMESTEPS, maxBlock).singleAsset();
        } catch (LedgerException e) {
            throw new LedgerException(e.getMessage().startsWith("malformed ") ? e.getMessage().replaceFirst(" data: ", " data in " + db + ": ")
                    : e.getMessage(), e.getCause() != null ? e.getCause() : e);
        } catch (SQLException e) {
            throw new LedgerException("cannot read ledger " + db + ": " + e.getMessage(), e);
        }
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
}
