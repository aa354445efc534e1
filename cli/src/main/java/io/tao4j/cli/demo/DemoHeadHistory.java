package io.tao4j.cli.demo;

import io.tao4j.localnet.prices.PriceModel;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.ledger.LedgerArchive;
import io.tao4j.mantis.model.ModelSet;
import io.tao4j.mantis.model.PriceHistory;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's MANTIS history at a protocol after 2e9bc5b (bcff57b: 12 challenges), written through the validator's own
 * ledger writing path and exported as the upstream {@code datalog.db} the local network serves:
 * <ol>
 *   <li>a ledger is opened for the protocol ({@link Ledger#open(Path, Protocol)});</li>
 *   <li>each sampled step (5 blocks, one minute) is appended as the validator appends it
 *       ({@link Ledger#appendSteps}, i.e. {@link Ledger#appendStep(long, Map, Map, Map)} in batches: every single-asset ticker's price, the {@code price_data} of
 *       the multi-asset challenges, the funding rates, and the live breakout trackers, which fill
 *       {@code breakout_state});</li>
 *   <li>each miner's vectors for all the protocol's challenges are stored as decrypted payloads are
 *       ({@link Ledger#storeDecryptedValues(Map)}), then the breakouts get their trigger rows' embeddings
 *       ({@link Ledger#backfillBreakouts()});</li>
 *   <li>the ledger is exported in the upstream layout ({@link LedgerArchive#export(Path, Path, Protocol)}).</li>
 * </ol>
 * Prices and funding rates come from the local network's own model ({@link PriceModel#mantis}: the protocol's 37
 * price keys and 20 funding assets) run with another seed, each price series scaled to end at the live network's
 * start price. The miners' vectors are what the demo's live miners submit, from the prices and funding rates up to
 * that step as the live miners read them (one entry every {@link #HISTORY_EVERY_BLOCKS} blocks, at most
 * {@link #HISTORY_ENTRIES}, which covers MULTI-BREAKOUT's 4-day range): the baseline ({@link ModelSet#baseline}),
 * the noisy mix, random vectors (garbage) and the baseline's vectors of 300 blocks earlier (copy-cat). Miners
 * refresh their vectors every {@link #REFRESH_STEPS} steps (a miner cycle); nothing is planted.
 */
final class DemoHeadHistory {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DemoHeadHistory.class);
    /** Spacing (blocks) and length of the price history the models see: 2880 × 10 blocks = 4 days. */
    static final int HISTORY_EVERY_BLOCKS = 10;
    static final int HISTORY_ENTRIES = 2880;
    /**
     * Steps between two vectors of a miner: 20 blocks, what the demo's live miners do (a 5-second cycle at 250-ms
     * blocks); the validator stores the newest vector at every step in between.
     */
    static final int REFRESH_STEPS = 4;
    /**
     * Steps of the history that have XSEC-RANK prices: 11.7 days, enough for the scorer (it needs more than 16 060 + 240
     * rows, spec §6) with a small margin; the steps before are MULTI-BREAKOUT's phase 1.
     */
    static final int XSEC_STEPS = 16_850;
    /** Steps appended per batch (one transaction), then their vectors (another). */
    private static final int BATCH_STEPS = 720;

    private DemoHeadHistory() {
    }

    /**
     * Writes {@code steps} sampled steps (blocks {@code −5·steps … −5}) for {@code miners} at {@code protocol} to
     * {@code out} (replaced if present), in the upstream {@code datalog.db} layout.
     */
    static DemoHistory.Result write(Path out, int steps, List<DemoHistory.Miner> miners, Protocol protocol, long seed)
            throws IOException {
        return write(out, steps, miners, protocol, seed, XSEC_STEPS);
    }

    /**
     * As {@link #write(Path, int, List, Protocol, long)}, with XSEC-RANK's prices in the last {@code xsecSteps} steps
     * only (a longer XSEC-RANK history than the demo's {@link #XSEC_STEPS}, for checks that need several of its
     * validation segments).
     */
    static DemoHistory.Result write(Path out, int steps, List<DemoHistory.Miner> miners, Protocol protocol, long seed,
                                    int xsecSteps) throws IOException {
        Protocol.Constants k = protocol.constants();
        if (steps < 2 * k.lag() + 1) {
            throw new IllegalArgumentException("history needs at least " + (2 * k.lag() + 1) + " steps, got " + steps);
        }
        int every = k.sampleEvery();
        List<String> priceKeys = protocol.priceKeys();
        List<String> fundingKeys = protocol.fundingAssets();
        Series s = series(steps, priceKeys, fundingKeys, every, seed);

        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.deleteIfExists(out);
        Path work = out.resolveSibling(out.getFileName() + ".ledger");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(work.resolveSibling(work.getFileName() + suffix));
        }
        int copyLag = 300 / every;
        int stride = Math.max(1, HISTORY_EVERY_BLOCKS / every);
        ModelSet baseline = ModelSet.baseline(protocol);
        Map<DemoHistory.Miner, ModelSet> random = new HashMap<>();
        for (int i = 0; i < miners.size(); i++) {
            random.put(miners.get(i), ModelSet.random(seed * 31 + i, protocol));
        }
        List<String> tickers = protocol.tickers();
        Deque<Map<String, double[]>> baselineLag = new ArrayDeque<>();
        Map<DemoHistory.Miner, Map<String, double[]>> current = new HashMap<>();
        Map<String, double[]> currentBase = null;
        long vectors = 0;
        try (Ledger ledger = Ledger.open(work, protocol)) {
            // a scratch file (rebuilt from scratch by the next run if this one dies): its commits need not reach the disk
            ledger.inTransaction(c -> {
                c.setAutoCommit(true); // the safety level cannot change inside a transaction
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("PRAGMA synchronous=OFF");
                }
                c.setAutoCommit(false);
                return null;
            });
            for (int from = 0; from < steps; from += BATCH_STEPS) {
                int to = Math.min(steps, from + BATCH_STEPS);
                // the batch's steps as the validator appends them (one transaction), then the miners' vectors
                List<Ledger.Step> batchSteps = new ArrayList<>();
                for (int t = from; t < to; t++) {
                    long block = -(long) every * (steps - t);
                    Map<String, Double> prices = new LinkedHashMap<>();
                    for (Challenge c : protocol.challenges()) {
                        if (!c.multiAsset()) {
                            prices.put(c.ticker(), s.prices[priceKeys.indexOf(c.priceKey())][t]);
                        }
                    }
                    for (int a = 0; a < priceKeys.size(); a++) {
                        prices.putIfAbsent(priceKeys.get(a), s.prices[a][t]);
                    }
                    Map<String, Double> funding = new LinkedHashMap<>();
                    for (int a = 0; a < fundingKeys.size(); a++) {
                        funding.put(fundingKeys.get(a), s.funding[a][t]);
                    }
                    batchSteps.add(new Ledger.Step(block, prices, funding, Map.of()));
                }
                long firstIdx = ledger.appendSteps(batchSteps);
                Map<Ledger.Pending, Map<String, double[]>> batch = new LinkedHashMap<>();
                for (int t = from; t < to; t++) {
                    long block = -(long) every * (steps - t);
                    Map<String, double[]> base;
                    if (t % REFRESH_STEPS == 0 || current.isEmpty()) {
                        PriceHistory h = s.history(t, block, priceKeys, fundingKeys, every * stride, stride);
                        base = baseline.embed(h);
                        for (DemoHistory.Miner m : miners) {
                            Map<String, double[]> v = switch (m.kind()) {
                                case BASELINE, COPYCAT -> base;
                                case GARBAGE -> random.get(m).embed(h);
                                case NOISY -> DemoHistory.mix(base, random.get(m).embed(h), tickers);
                            };
                            current.put(m, v);
                        }
                        currentBase = base;
                    } else {
                        base = currentBase;
                    }
                    baselineLag.addLast(base);
                    Map<String, double[]> copied = baselineLag.size() > copyLag ? baselineLag.removeFirst() : null;
                    for (DemoHistory.Miner m : miners) {
                        Map<String, double[]> v = m.kind() == DemoHistory.Kind.COPYCAT ? copied : current.get(m);
                        if (v != null) {
                            batch.put(new Ledger.Pending(firstIdx + t - from, block, m.hotkey(), null), v);
                            vectors += v.size();
                        }
                    }
                }
                ledger.storeDecryptedValues(batch);
                ledger.backfillBreakouts();
            }
        }
        try {
            LedgerArchive.export(work, out, protocol);
            long xsecFrom = lateXsecStart(out, protocol, steps, xsecSteps);
            if (xsecFrom > Long.MIN_VALUE) {
                log.debug("XSEC-RANK's price_data starts at sidx {}", xsecFrom);
            }
        } finally {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(work.resolveSibling(work.getFileName() + suffix));
            }
        }
        return new DemoHistory.Result(out, steps, -(long) every * steps, -every, vectors, Files.size(out));
    }

    /**
     * As on mainnet, where MULTI-BREAKOUT ran for a month before XSEC-RANK started: the XSEC-RANK rows of all but the
     * last {@code xsecSteps} steps lose their {@code price_data} (upstream writes none before the challenge
     * existed). Breakouts the trackers completed before XSEC-RANK's first row are then the frozen phase-1 samples of
     * {@code breakout_state}; later ones come from the replay over XSEC-RANK prices (spec §4.6). Returns the first
     * sidx with XSEC-RANK prices ({@code Long.MIN_VALUE} when the history is too short to leave any out).
     */
    static long lateXsecStart(Path archive, Protocol protocol, int steps, int xsecSteps) throws IOException {
        if (steps <= xsecSteps) {
            return Long.MIN_VALUE;
        }
        Challenge xsec = protocol.challenges().stream().filter(c -> c.loss() == io.tao4j.mantis.protocol.Loss.XSEC_RANK)
                .findFirst().orElse(null);
        if (xsec == null) {
            return Long.MIN_VALUE;
        }
        long from = -(long) xsecSteps; // sidx of step steps − xsecSteps (block −every·xsecSteps)
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + archive.toAbsolutePath());
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "UPDATE challenge_data SET price_data = NULL WHERE ticker = ? AND sidx < ?")) {
            ps.setString(1, xsec.ticker());
            ps.setLong(2, from);
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IOException("cannot start XSEC-RANK late in " + archive + ": " + e.getMessage(), e);
        }
        return from;
    }

    /** The price and funding paths of the history: one value per sampled step, oldest first. */
    static final class Series {
        final double[][] prices;
        final double[][] funding;

        Series(double[][] prices, double[][] funding) {
            this.prices = prices;
            this.funding = funding;
        }

        /**
         * What a live miner reads at step {@code t} (block {@code block}): every {@code stride}-th step up to
         * {@code t}, at most {@link #HISTORY_ENTRIES} entries, for every price key and funding asset.
         */
        PriceHistory history(int t, long block, List<String> priceKeys, List<String> fundingKeys, int blocksPerStep,
                             int stride) {
            int n = Math.min(HISTORY_ENTRIES, t / stride + 1);
            Map<String, double[]> p = new LinkedHashMap<>();
            for (int a = 0; a < priceKeys.size(); a++) {
                p.put(priceKeys.get(a), gather(prices[a], t, n, stride));
            }
            Map<String, double[]> f = new LinkedHashMap<>();
            for (int a = 0; a < fundingKeys.size(); a++) {
                f.put(fundingKeys.get(a), gather(funding[a], t, n, stride));
            }
            return new PriceHistory(blocksPerStep, block, p, f);
        }

        private static double[] gather(double[] src, int t, int n, int stride) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[n - 1 - i] = src[t - i * stride];
            }
            return out;
        }
    }

    /**
     * The local network's price model (its assets, its funding assets) run for {@code steps × every} blocks,
     * recorded once per step; prices scaled so that each series ends at the asset's start price (the live network's
     * first price), funding rates as they are.
     */
    static Series series(int steps, List<String> priceKeys, List<String> fundingKeys, int every, long seed) {
        List<PriceModel.Asset> assets = new ArrayList<>();
        for (String key : priceKeys) {
            assets.add(PriceModel.MANTIS_ASSETS.stream().filter(a -> a.ticker().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the local price model has no asset " + key)));
        }
        for (String f : fundingKeys) {
            if (!PriceModel.FUNDING_ASSETS.contains(f)) {
                throw new IllegalArgumentException("the local price model has no funding rate for " + f);
            }
        }
        PriceModel model = new PriceModel(assets, fundingKeys, seed);
        double[][] p = new double[assets.size()][steps];
        double[][] f = new double[fundingKeys.size()][steps];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < every; b++) {
                model.step();
            }
            int i = 0;
            for (double v : model.prices().values()) {
                p[i++][t] = v;
            }
            i = 0;
            for (double v : model.fundingRates().values()) {
                f[i++][t] = v;
            }
        }
        for (int a = 0; a < assets.size(); a++) {
            double scale = assets.get(a).start() / p[a][steps - 1];
            for (int t = 0; t < steps; t++) {
                p[a][t] *= scale;
            }
        }
        return new Series(p, f);
    }
}
