package io.tao4j.cli.mantis;

import io.tao4j.mantis.ledger.BreakoutSample;
import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.SyntheticData;
import io.tao4j.mantis.salience.head.HeadSalienceEngine;
import io.tao4j.mantis.salience.head.HeadSyntheticData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the HEAD aggregator ({@link HeadSalienceEngine}) on generated data of mainnet shape for every
 * challenge of a protocol: the single-asset series of {@link SyntheticData}, the multi-asset series and breakout
 * samples of {@link HeadSyntheticData}, {@code days × 1440} rows, {@code hotkeys} miners. Each challenge's data is
 * generated when the engine asks for it (on the scoring thread) and dropped when it is scored, so at most one
 * challenge's data per thread is alive. Challenges whose loss kind has no scorer in the engine are generated once
 * afterwards, one at a time, to report their size and generation time. Output does not depend on the thread count.
 */
public final class HeadSalienceBench {
    private HeadSalienceBench() {}

    /** Breakouts per day across the 33 assets (about what MANTIS's trackers resolve on volatile days). */
    public static final int BREAKOUTS_PER_DAY = 30;

    /** What happened to a challenge. */
    public enum Status { SCORED, NO_SCORER, NOT_SELECTED }

    /** Per challenge: its status, seconds scoring, seconds generating, bytes of its data, and its output size. */
    public record Line(String ticker, Status status, double scoreSeconds, double generateSeconds, long dataBytes,
                       int hotkeysOut) {
        public boolean scored() {
            return status == Status.SCORED;
        }
    }

    /**
     * @param peakHeapBytes largest heap occupancy sampled every 10 ms (includes garbage: an upper bound of the live set)
     * @param peakRssKb     the process's peak resident set, {@code VmHWM} of {@code /proc/self/status} (−1 elsewhere)
     */
    public record Report(int hotkeys, int rows, int threads, List<Line> lines, double totalSeconds, double cpuSeconds,
                         long peakHeapBytes, long peakRssKb, Map<String, Double> salience, int breakoutSamples) {
        public String topHotkey() {
            return salience.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        }
    }

    public static Report run(Protocol p, int hotkeys, int days, long seed, int threads) {
        return run(p, new HeadSalienceEngine(p, threads), hotkeys, days, seed, threads, null);
    }

    /** @param only the tickers to run (null: all) */
    public static Report run(Protocol p, int hotkeys, int days, long seed, int threads, java.util.Set<String> only) {
        return run(p, new HeadSalienceEngine(p, threads), hotkeys, days, seed, threads, only);
    }

    static Report run(Protocol p, HeadSalienceEngine engine, int hotkeys, int days, long seed, int threads,
                      java.util.Set<String> only) {
        if (hotkeys < 1) throw new IllegalArgumentException("hotkeys must be >= 1");
        if (days < 1) throw new IllegalArgumentException("days must be >= 1");
        int rows = days * p.constants().indicesPerDay();
        List<String> roles = SyntheticData.roles(hotkeys);
        Map<String, Double> gen = new ConcurrentHashMap<>();
        Map<String, Long> bytes = new ConcurrentHashMap<>();
        AtomicLong breakoutCount = new AtomicLong();
        Generator g = new Generator(p, roles, rows, days, seed, gen, bytes, breakoutCount);

        BenchProbe probe = BenchProbe.start();
        double cpu0 = BenchProbe.processCpuSeconds();
        long t0 = System.nanoTime();
        HeadSalienceEngine.Result r = engine.multiSalience(only == null ? g : g.only(only), Map.of());
        double total = (System.nanoTime() - t0) / 1e9;
        double cpu = BenchProbe.processCpuSeconds() - cpu0;
        List<Line> lines = new ArrayList<>();
        for (HeadSalienceEngine.ChallengeResult c : r.challenges()) {
            Challenge ch = p.byTicker(c.ticker()).orElseThrow();
            Status st = only != null && !only.contains(c.ticker()) ? Status.NOT_SELECTED
                    : engine.hasScorer(ch) ? Status.SCORED : Status.NO_SCORER;
            if (st == Status.NO_SCORER) {
                g.generate(ch); // its size and generation time, one challenge at a time
            }
            lines.add(new Line(c.ticker(), st, c.seconds(), gen.getOrDefault(c.ticker(), 0.0),
                    bytes.getOrDefault(c.ticker(), 0L), c.salience().size()));
        }
        probe.close();
        return new Report(hotkeys, rows, threads, lines, total, cpu, probe.peakUsedBytes(), peakRssKb(), r.salience(),
                (int) breakoutCount.get());
    }

    /** The engine's input: each challenge's data generated on demand (seed {@code seed + 1000·index}). */
    private static final class Generator implements HeadSalienceEngine.Input {
        private final Protocol p;
        private final List<String> roles;
        private final int rows;
        private final int days;
        private final long seed;
        private final Map<String, Double> gen;
        private final Map<String, Long> bytes;
        private final AtomicLong breakoutCount;
        private final Map<String, MantisChallenge> single = new LinkedHashMap<>();

        Generator(Protocol p, List<String> roles, int rows, int days, long seed, Map<String, Double> gen,
                  Map<String, Long> bytes, AtomicLong breakoutCount) {
            this.p = p;
            this.roles = roles;
            this.rows = rows;
            this.days = days;
            this.seed = seed;
            this.gen = gen;
            this.bytes = bytes;
            this.breakoutCount = breakoutCount;
            for (Challenge c : p.challenges()) {
                if (io.tao4j.mantis.salience.MantisConfig.legacyScorable(c)) {
                    single.put(c.ticker(), io.tao4j.mantis.salience.MantisConfig.legacy(c));
                }
            }
        }

        private long seedOf(String ticker) {
            return seed + 1000L * p.tickers().indexOf(ticker);
        }

        Object generate(Challenge c) {
            return switch (c.loss()) {
                case RANGE_BREAKOUT_MULTI -> breakouts(c.ticker()).orElseThrow();
                case XSEC_RANK, FUNDING_XSEC, TRADE_MIX -> multiAsset(c.ticker()).orElseThrow();
                default -> singleAsset(c.ticker()).orElseThrow();
            };
        }

        @Override
        public Optional<ChallengeSeries> singleAsset(String t) {
            MantisChallenge mc = single.get(t);
            if (mc == null) return Optional.empty();
            long t0 = System.nanoTime();
            ChallengeSeries s = SyntheticData.generateHalfSeries(seedOf(t), rows, roles, mc);
            gen.put(t, (System.nanoTime() - t0) / 1e9);
            bytes.put(t, (long) s.hotkeyCount() * s.rows() * s.dim() * 2 + (long) s.rows() * 8);
            return Optional.of(s);
        }

        @Override
        public Optional<MultiAssetSeries> multiAsset(String t) {
            Challenge c = p.byTicker(t).orElse(null);
            if (c == null || !(c.loss() == Loss.XSEC_RANK || c.loss() == Loss.FUNDING_XSEC || c.loss() == Loss.TRADE_MIX)) {
                return Optional.empty();
            }
            long t0 = System.nanoTime();
            MultiAssetSeries s = HeadSyntheticData.multiAsset(seedOf(t), rows, roles, c);
            gen.put(t, (System.nanoTime() - t0) / 1e9);
            bytes.put(t, s.histBits().length * 2L + s.values().length * 8L + s.sidx().length * 8L);
            return Optional.of(s);
        }

        @Override
        public Optional<List<BreakoutSample>> breakouts(String t) {
            Challenge c = p.byTicker(t).orElse(null);
            if (c == null || c.loss() != Loss.RANGE_BREAKOUT_MULTI) return Optional.empty();
            long t0 = System.nanoTime();
            List<BreakoutSample> s = HeadSyntheticData.breakouts(seedOf(t), days, BREAKOUTS_PER_DAY, roles);
            gen.put(t, (System.nanoTime() - t0) / 1e9);
            long b = 0;
            for (BreakoutSample x : s) b += 48 + 48L * x.embeddings().size();
            bytes.put(t, b);
            breakoutCount.set(s.size());
            return Optional.of(s);
        }
    }

    /** {@code VmHWM} (peak resident set) of this process in KiB, from {@code /proc/self/status}; −1 when unavailable. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** {@code main(hotkeys, days, threads)} for a quick run outside the cli. */
    public static void main(String[] args) {
        int hk = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        System.out.println(run(Protocol.DEFAULT, hk, days, 1, threads));
    }
}
