package io.tao4j.cli.demo;

import io.tao4j.localnet.prices.PriceModel;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.model.EmbeddingModel;
import io.tao4j.mantis.model.EmbeddingRanges;
import io.tao4j.mantis.model.ModelSet;
import io.tao4j.mantis.model.PriceHistory;
import io.tao4j.mantis.model.RandomModel;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.math.Half;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The synthetic history the demo's MANTIS validator bootstraps from, written as the archive live MANTIS
 * validators download: a SQLite {@code datalog.db} with the schema of MANTIS's {@code ledger.py}
 * ({@code blocks}, {@code challenge_meta}, {@code challenge_data} rows per (ticker, sample index) with the
 * price and the non-zero embeddings packed as a JSON hotkey list, a zero byte and float16 vectors).
 *
 * <p>The history ends just before the local network's genesis, so its blocks are negative
 * ({@code −5·steps … −5}). Prices come from the local network's own price model (same assets, per-block
 * volatility, persistent drift), run with another seed and scaled so that every asset's last historic
 * price is its start price on the live network. Each miner's embeddings are what its model would have
 * submitted at each step, computed from the prices up to that step:
 * <ul>
 *   <li>{@link Kind#BASELINE}: the momentum / volatility baseline miners run ({@link ModelSet#baseline()});</li>
 *   <li>{@link Kind#NOISY}: the baseline mixed half and half with random in-range embeddings;</li>
 *   <li>{@link Kind#GARBAGE}: random in-range embeddings only;</li>
 *   <li>{@link Kind#COPYCAT}: the baseline's embeddings of 60 steps (300 blocks) earlier — the newest a
 *       copier can have, because payloads stay time-locked for 300 blocks.</li>
 * </ul>
 * Nothing is planted: whichever miner's embeddings carry information about later prices earns salience.
 */
public final class DemoHistory {
    /** How a simulated miner forms its embeddings. */
    public enum Kind { BASELINE, NOISY, GARBAGE, COPYCAT }

    /** A miner of the history: hotkey (SS58) and kind. */
    public record Miner(String hotkey, Kind kind) {
    }

    /** What was written. */
    public record Result(Path file, long steps, long firstBlock, long lastBlock, long vectors, long bytes) {
    }

    /** Steps the copy-cat lags behind: the time-lock delay of 300 blocks, in sampled steps. */
    static final int COPY_LAG_STEPS = 300 / MantisConfig.SAMPLE_EVERY;
    /** Prices the models see (their volatility window plus one). */
    static final int WINDOW = 2049;
    private static final double NOISE_MIX = 0.5;

    private DemoHistory() {
    }

    /**
     * Writes {@code steps} sampled steps of history for {@code miners} to {@code out} (replaced if present).
     *
     * @param startPrices price key → the live network's price at genesis (the history is scaled to end there)
     */
    public static Result write(Path out, int steps, List<Miner> miners, Map<String, Double> startPrices, long seed) throws IOException {
        if (steps < 2 * MantisConfig.LAG + 1) {
            throw new IllegalArgumentException("history needs at least " + (2 * MantisConfig.LAG + 1) + " steps, got " + steps);
        }
        List<MantisChallenge> challenges = MantisConfig.CHALLENGES;
        double[][] prices = prices(steps, startPrices, seed);
        List<String> keys = new ArrayList<>(startPrices.keySet());

        Files.deleteIfExists(out);
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        Files.deleteIfExists(tmp);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        long vectors = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.toAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=OFF");
                s.execute("PRAGMA synchronous=OFF");
                s.execute("CREATE TABLE blocks (idx INTEGER PRIMARY KEY, block INTEGER NOT NULL)");
                s.execute("CREATE TABLE challenge_meta (ticker TEXT PRIMARY KEY, dim INTEGER NOT NULL, blocks_ahead INTEGER NOT NULL)");
                s.execute("CREATE TABLE challenge_data (ticker TEXT NOT NULL, sidx INTEGER NOT NULL, price REAL, price_data TEXT, "
                        + "hotkeys TEXT, embeddings BLOB, PRIMARY KEY (ticker, sidx))");
                s.execute("CREATE TABLE raw_payloads (ts INTEGER NOT NULL, hotkey TEXT NOT NULL, payload BLOB, PRIMARY KEY (ts, hotkey))");
                s.execute("CREATE TABLE drand_cache (round INTEGER PRIMARY KEY, signature BLOB)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement meta = c.prepareStatement("INSERT INTO challenge_meta VALUES (?, ?, ?)")) {
                for (MantisChallenge ch : challenges) {
                    meta.setString(1, ch.ticker());
                    meta.setInt(2, ch.dim());
                    meta.setInt(3, ch.blocksAhead());
                    meta.addBatch();
                }
                meta.executeBatch();
            }
            ModelSet baseline = ModelSet.baseline();
            Map<Miner, ModelSet> random = new HashMap<>();
            for (int i = 0; i < miners.size(); i++) {
                random.put(miners.get(i), ModelSet.random(seed * 31 + i));
            }
            Deque<Map<String, double[]>> baselineLag = new ArrayDeque<>();
            try (PreparedStatement blk = c.prepareStatement("INSERT INTO blocks VALUES (?, ?)");
                 PreparedStatement row = c.prepareStatement("INSERT INTO challenge_data VALUES (?, ?, ?, NULL, ?, ?)")) {
                for (int k = 0; k < steps; k++) {
                    long block = -(long) MantisConfig.SAMPLE_EVERY * (steps - k);
                    PriceHistory h = history(prices, keys, k, block);
                    Map<String, double[]> base = baseline.embed(h);
                    baselineLag.addLast(base);
                    Map<String, double[]> copied = baselineLag.size() > COPY_LAG_STEPS ? baselineLag.removeFirst() : null;
                    Map<String, TreeMap<String, short[]>> byTicker = new LinkedHashMap<>();
                    for (Miner m : miners) {
                        Map<String, double[]> emb = switch (m.kind()) {
                            case BASELINE -> base;
                            case GARBAGE -> random.get(m).embed(h);
                            case NOISY -> mix(base, random.get(m).embed(h), challenges.stream().map(MantisChallenge::ticker).toList());
                            case COPYCAT -> copied;
                        };
                        if (emb == null) {
                            continue;
                        }
                        for (MantisChallenge ch : challenges) {
                            double[] v = emb.get(ch.ticker());
                            if (v != null && !allZero(v)) {
                                byTicker.computeIfAbsent(ch.ticker(), t -> new TreeMap<>()).put(m.hotkey(), half(v));
                            }
                        }
                    }
                    blk.setLong(1, k);
                    blk.setLong(2, block);
                    blk.addBatch();
                    for (MantisChallenge ch : challenges) {
                        TreeMap<String, short[]> vecs = byTicker.getOrDefault(ch.ticker(), new TreeMap<>());
                        row.setString(1, ch.ticker());
                        row.setLong(2, block / MantisConfig.SAMPLE_EVERY);
                        row.setDouble(3, prices[keys.indexOf(ch.priceKey())][k]);
                        byte[] blob = Ledger.pack(vecs, ch.dim());
                        row.setString(4, hotkeys(blob));
                        row.setBytes(5, blob);
                        row.addBatch();
                        vectors += vecs.size();
                    }
                    if (k % 500 == 499) {
                        blk.executeBatch();
                        row.executeBatch();
                    }
                }
                blk.executeBatch();
                row.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IOException("cannot write the demo history " + tmp + ": " + e.getMessage(), e);
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new Result(out, steps, -(long) MantisConfig.SAMPLE_EVERY * steps, -MantisConfig.SAMPLE_EVERY, vectors, Files.size(out));
    }

    /** price key index → price at each step; one step is {@link MantisConfig#SAMPLE_EVERY} blocks of the model. */
    static double[][] prices(int steps, Map<String, Double> startPrices, long seed) {
        List<PriceModel.Asset> assets = new ArrayList<>();
        for (Map.Entry<String, Double> e : startPrices.entrySet()) {
            PriceModel.Asset a = PriceModel.DEFAULT_ASSETS.stream().filter(x -> x.ticker().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the local price model has no asset " + e.getKey()));
            assets.add(a);
        }
        PriceModel model = new PriceModel(assets, seed);
        double[][] out = new double[assets.size()][steps];
        for (int k = 0; k < steps; k++) {
            for (int b = 0; b < MantisConfig.SAMPLE_EVERY; b++) {
                model.step();
            }
            Map<String, Double> p = model.prices();
            for (int i = 0; i < assets.size(); i++) {
                out[i][k] = p.get(assets.get(i).ticker());
            }
        }
        int i = 0;
        for (Map.Entry<String, Double> e : startPrices.entrySet()) {
            double scale = e.getValue() / out[i][steps - 1];
            for (int k = 0; k < steps; k++) {
                out[i][k] *= scale;
            }
            i++;
        }
        return out;
    }

    private static PriceHistory history(double[][] prices, List<String> keys, int k, long block) {
        int from = Math.max(0, k + 1 - WINDOW);
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), Arrays.copyOfRange(prices[i], from, k + 1));
        }
        return new PriceHistory(MantisConfig.SAMPLE_EVERY, block, m);
    }

    /** Half baseline, half random, per challenge; a convex mix stays inside every challenge's ranges. */
    static Map<String, double[]> mix(Map<String, double[]> base, Map<String, double[]> noise, List<String> tickers) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String ticker : tickers) {
            double[] a = base.get(ticker);
            double[] b = noise.get(ticker);
            double[] v = new double[a.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (1 - NOISE_MIX) * a[i] + NOISE_MIX * b[i];
            }
            EmbeddingRanges.check(io.tao4j.mantis.protocol.Protocol.DEFAULT.byTicker(ticker).orElseThrow(), v);
            out.put(ticker, v);
        }
        return out;
    }

    /** The noisy miner's live model: the same mix as in the history. */
    static ModelSet noisyModels(long seed) {
        ModelSet base = ModelSet.baseline();
        ModelSet rnd = ModelSet.random(seed);
        ModelSet out = base;
        for (io.tao4j.mantis.protocol.Loss kind : io.tao4j.mantis.protocol.Loss.values()) {
            EmbeddingModel m = (c, h) -> {
                Map<String, double[]> one = mix(Map.of(c.ticker(), base.embed(h).get(c.ticker())),
                        Map.of(c.ticker(), rnd.embed(h).get(c.ticker())), List.of(c.ticker()));
                return one.get(c.ticker());
            };
            out = out.with(kind, m);
        }
        return out;
    }

    /** The JSON hotkey list a packed blob starts with (MANTIS stores it in the row's {@code hotkeys} column too). */
    private static String hotkeys(byte[] blob) {
        int sep = 0;
        while (sep < blob.length && blob[sep] != 0) {
            sep++;
        }
        return blob.length == 0 ? "[]" : new String(blob, 0, sep, StandardCharsets.UTF_8);
    }

    private static boolean allZero(double[] v) {
        for (double x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static short[] half(double[] v) {
        short[] s = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = Half.fromFloat((float) v[i]);
        }
        return s;
    }
}
