package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.BreakoutSample;
import io.tao4j.mantis.ledger.HeadTrainingData;
import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.ledger.PricedSeries;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Loss;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.TrainingData;
import io.tao4j.mantis.salience.math.SklearnLogistic;
import io.tao4j.mantis.salience.math.TopKRenorm;
import io.tao4j.mantis.salience.sybil.History;
import io.tao4j.mantis.salience.sybil.LbfgsJointCohorts;
import io.tao4j.mantis.salience.sybil.TwoTier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * MANTIS HEAD's aggregator, {@code model.multi_salience} (spec §5.0): each challenge of the protocol that the input
 * has is scored by the scorer of its loss kind, normalised, and averaged with the challenge weights over the
 * challenges that produced output; the result is renormalised. Three kinds of scorer, by the input they take:
 * {@link ChallengeScorer} (the 8 single-asset challenges: binary, HITFIRST, LBFGS; {@link #defaultScorers}),
 * {@link MultiAssetScorer} (XSEC-RANK, FUNDING-XSEC, TRADE-MIX on the trimmed {@link MultiAssetSeries};
 * {@link #defaultMultiAssetScorers}) and {@link BreakoutScorer} (MULTI-BREAKOUT on the resolved breakout samples;
 * {@link MultiBreakoutScorer}). A challenge whose loss kind has no scorer produces nothing, or takes a finished
 * per-challenge result from {@code external}; the pseudo-hotkey {@code __burn__} flows through like any hotkey.
 *
 * <p>The {@link Input} is asked for a challenge's data only when that challenge is scored (on the scoring thread),
 * so a lazy input holds one challenge's data per thread. Challenges are scored in parallel into fixed slots and
 * combined in challenge order, so the result does not depend on the thread count; at most one {@link #heavy}
 * challenge (LBFGS, XSEC-RANK, FUNDING-XSEC: the ones that hold 0.5–1 GB at mainnet shape) runs at a time while
 * the other threads take the light ones, which bounds peak memory by one heavy challenge plus light ones.
 */
public final class HeadSalienceEngine {
    /** The TRADE-MIX pseudo-hotkey for the unearned pool (routed to UID 0 by the weight calculation). */
    public static final String BURN_KEY = "__burn__";

    /** One loss kind's scorer: the challenge's salience (possibly empty) from its training series. */
    @FunctionalInterface
    public interface ChallengeScorer {
        Map<String, Double> score(Challenge challenge, ChallengeSeries series, Protocol.Constants constants);
    }

    /**
     * A multi-asset loss kind's scorer (XSEC-RANK, FUNDING-XSEC, TRADE-MIX): the salience (possibly empty, possibly
     * with {@link #BURN_KEY}) from the series trimmed as the reference trims it (last {@code MAX_BLOCK_HISTORY} rows).
     */
    @FunctionalInterface
    public interface MultiAssetScorer {
        Map<String, Double> score(Challenge challenge, MultiAssetSeries series, Protocol protocol);
    }

    /** MULTI-BREAKOUT's scorer: the salience (possibly empty) from the non-empty list of resolved samples. */
    @FunctionalInterface
    public interface BreakoutScorer {
        Map<String, Double> score(Challenge challenge, List<BreakoutSample> samples, Protocol protocol);
    }

    /**
     * What the engine scores, per ticker, in the form its loss kind takes; asked once per scored challenge, on the
     * thread that scores it (implementations must be safe to call from several threads).
     */
    public interface Input {
        /** Binary, HITFIRST and LBFGS series. */
        Optional<ChallengeSeries> singleAsset(String ticker);

        /** XSEC-RANK, FUNDING-XSEC and TRADE-MIX series (untrimmed). */
        default Optional<MultiAssetSeries> multiAsset(String ticker) {
            return Optional.empty();
        }

        /** MULTI-BREAKOUT's resolved samples. */
        default Optional<List<BreakoutSample>> breakouts(String ticker) {
            return Optional.empty();
        }

        /**
         * How many embedding values (rows × hotkeys × dimensions or assets) the challenge's data holds, when that is
         * known without producing it; −1 when unknown (the engine then assumes the worst, see {@link #heavy}).
         */
        default long values(String ticker) {
            return -1;
        }

        /** Only the given tickers (the configured challenges). */
        default Input only(Set<String> tickers) {
            Input in = this;
            return new Input() {
                @Override
                public long values(String t) {
                    return tickers.contains(t) ? in.values(t) : -1;
                }

                @Override
                public Optional<ChallengeSeries> singleAsset(String t) {
                    return tickers.contains(t) ? in.singleAsset(t) : Optional.empty();
                }

                @Override
                public Optional<MultiAssetSeries> multiAsset(String t) {
                    return tickers.contains(t) ? in.multiAsset(t) : Optional.empty();
                }

                @Override
                public Optional<List<BreakoutSample>> breakouts(String t) {
                    return tickers.contains(t) ? in.breakouts(t) : Optional.empty();
                }
            };
        }

        /** The single-asset series of {@code data}. */
        static Input of(TrainingData data) {
            Objects.requireNonNull(data, "data");
            return data::series;
        }

        /** Everything a HEAD ledger yields ({@code iter_challenge_training_data}): all 12 challenges. */
        static Input of(HeadTrainingData data) {
            Objects.requireNonNull(data, "data");
            return new Input() {
                @Override
                public Optional<ChallengeSeries> singleAsset(String t) {
                    Optional<ChallengeSeries> b = data.binary(t);
                    return b.isPresent() ? b : data.priced(t).map(PricedSeries::series);
                }

                @Override
                public Optional<MultiAssetSeries> multiAsset(String t) {
                    return data.multiAsset(t);
                }

                @Override
                public Optional<List<BreakoutSample>> breakouts(String t) {
                    return data.breakouts(t);
                }

                @Override
                public long values(String t) {
                    Optional<MultiAssetSeries> m = data.multiAsset(t);
                    if (m.isPresent()) return m.get().histBits().length;
                    return singleAsset(t).map(c -> (long) c.rows() * c.hotkeyCount() * c.dim()).orElse(-1L);
                }
            };
        }
    }

    /** Per challenge: its normalised salience (empty when it produced nothing) and the seconds it took. */
    public record ChallengeResult(String ticker, Map<String, Double> salience, double seconds) {}

    /**
     * The combined salience (sorted hotkey order), the normalised per-challenge breakdown of the challenges that
     * produced output (challenge order), every challenge's result and the tickers that produced nothing.
     */
    public record Result(Map<String, Double> salience, Map<String, Map<String, Double>> perChallenge,
                         List<ChallengeResult> challenges, List<String> empty) {}

    private final Protocol protocol;
    private final Map<Loss, ChallengeScorer> scorers;
    private final Map<Loss, MultiAssetScorer> multiScorers;
    private final BreakoutScorer breakoutScorer;
    private final int threads;

    /** The default scorers of every loss kind. */
    public HeadSalienceEngine(Protocol protocol, int threads) {
        this(protocol, defaultScorers(), threads);
    }

    /** Given single-asset scorers; the default multi-asset and breakout scorers. */
    public HeadSalienceEngine(Protocol protocol, Map<Loss, ChallengeScorer> scorers, int threads) {
        this(protocol, scorers, defaultMultiAssetScorers(), defaultBreakoutScorer(), threads);
    }

    /**
     * @param breakoutScorer null: MULTI-BREAKOUT is not scored
     */
    public HeadSalienceEngine(Protocol protocol, Map<Loss, ChallengeScorer> scorers,
                              Map<Loss, MultiAssetScorer> multiScorers, BreakoutScorer breakoutScorer, int threads) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.scorers = scorers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(scorers));
        this.multiScorers = multiScorers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(multiScorers));
        this.breakoutScorer = breakoutScorer;
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
    }

    /** The HEAD scorers of the original eight challenges: binary, HITFIRST and LBFGS. */
    public static Map<Loss, ChallengeScorer> defaultScorers() {
        return scorers(SklearnLogistic.LbfgsRules.SKLEARN_1_7);
    }

    /**
     * The same with the given lbfgs rules for HITFIRST's fits (the binary and LBFGS scorers use liblinear and the
     * elastic net, which have no such rule).
     */
    public static Map<Loss, ChallengeScorer> scorers(SklearnLogistic.LbfgsRules rules) {
        EnumMap<Loss, ChallengeScorer> m = new EnumMap<>(Loss.class);
        m.put(Loss.BINARY, HeadSalienceEngine::binary);
        m.put(Loss.HITFIRST, (c, s, k) -> hitfirst(c, s, k, rules));
        m.put(Loss.LBFGS, HeadSalienceEngine::lbfgs);
        return m;
    }

    /**
     * The HEAD scorers of the multi-asset challenges (spec §5.8–§5.10). A loss kind missing here produces nothing
     * (its weight goes to the other challenges).
     */
    public static Map<Loss, MultiAssetScorer> defaultMultiAssetScorers() {
        return multiAssetScorers(SklearnLogistic.LbfgsRules.SKLEARN_1_7);
    }

    /**
     * The multi-asset scorers with the given lbfgs stopping rules for the cross-sectional meta-fits, where the rule
     * moves the result most: scikit-learn 1.7's (the default, what subnet 123's pinned stack runs) or 1.2's (to
     * compare with a reference run on Debian's scikit-learn 1.2, as the parity harness does).
     */
    public static Map<Loss, MultiAssetScorer> multiAssetScorers(SklearnLogistic.LbfgsRules rules) {
        EnumMap<Loss, MultiAssetScorer> m = new EnumMap<>(Loss.class);
        m.put(Loss.XSEC_RANK, (c, s, p) -> XsecRankScorer.score(s, rules));
        m.put(Loss.FUNDING_XSEC, (c, s, p) -> FundingXsecScorer.score(s, rules));
        m.put(Loss.TRADE_MIX, (c, s, p) -> TradeMixScorer.score(s, p.tradeMix().orElseThrow()));
        return m;
    }

    /** MULTI-BREAKOUT: {@link MultiBreakoutScorer} (spec §5.7). */
    public static BreakoutScorer defaultBreakoutScorer() {
        return breakoutScorer(SklearnLogistic.LbfgsRules.SKLEARN_1_7);
    }

    /** MULTI-BREAKOUT with the given lbfgs rules for its final fit. */
    public static BreakoutScorer breakoutScorer(SklearnLogistic.LbfgsRules rules) {
        return (c, samples, p) -> MultiBreakoutScorer.score(samples, rules);
    }

    /** True when this engine has a scorer for the challenge's loss kind. */
    public boolean hasScorer(Challenge c) {
        return switch (c.loss()) {
            case RANGE_BREAKOUT_MULTI -> breakoutScorer != null;
            case XSEC_RANK, FUNDING_XSEC, TRADE_MIX -> multiScorers.containsKey(c.loss());
            default -> scorers.containsKey(c.loss());
        };
    }

    /** {@link #multiSalience(TrainingData, Map)} without external results. */
    public Result multiSalience(TrainingData data) {
        return multiSalience(Input.of(data), Map.of());
    }

    /**
     * The single-asset challenges of {@code data}.
     *
     * @param data     training series by ticker (tickers the protocol does not know are ignored, as the reference)
     * @param external finished per-challenge salience by ticker, used for challenges without a scorer here (or
     *                 instead of scoring, when given); may contain {@link #BURN_KEY}
     */
    public Result multiSalience(TrainingData data, Map<String, Map<String, Double>> external) {
        return multiSalience(Input.of(data), external);
    }

    /** Every challenge a HEAD ledger yields (all 12 at bcff57b). */
    public Result multiSalience(HeadTrainingData data) {
        return multiSalience(Input.of(data), Map.of());
    }

    /**
     * @param in       the training data, asked per challenge when it is scored
     * @param external finished per-challenge salience by ticker, used instead of scoring the challenge; may contain
     *                 {@link #BURN_KEY}
     */
    public Result multiSalience(Input in, Map<String, Map<String, Double>> external) {
        List<Challenge> chs = protocol.challenges();
        ChallengeResult[] slots = new ChallengeResult[chs.size()];
        List<Integer> toScore = new ArrayList<>();
        for (int i = 0; i < chs.size(); i++) {
            Challenge c = chs.get(i);
            Map<String, Double> ext = external.get(c.ticker());
            if (ext != null) {
                slots[i] = new ChallengeResult(c.ticker(), new LinkedHashMap<>(ext), 0.0);
            } else if (hasScorer(c)) {
                toScore.add(i);
            } else {
                slots[i] = new ChallengeResult(c.ticker(), Map.of(), 0.0);
            }
        }
        new Schedule(chs, toScore, slots, in).run();
        return combine(chs, Arrays.asList(slots));
    }

    /**
     * True for the loss kinds whose scoring holds the most memory: LBFGS (17-dim history widened to float32 plus the
     * cohort-reduced copies), XSEC-RANK and FUNDING-XSEC (33 and 20 assets per hotkey and row). At mainnet shape
     * (256 hotkeys × 43 200 rows) each holds 0.5–1 GB while it is scored, the others under 0.2 GB; the engine runs at
     * most one of them at a time.
     */
    static boolean heavy(Loss loss) {
        return loss == Loss.LBFGS || loss == Loss.XSEC_RANK || loss == Loss.FUNDING_XSEC;
    }

    /** Challenges of a heavy kind with fewer embedding values than this (64 MiB of float16) run as light ones. */
    static final long HEAVY_VALUES = 1L << 25;

    /**
     * {@link #heavy(Loss)}, unless the input tells that the challenge's data is small ({@link Input#values} below
     * {@link #HEAVY_VALUES}: e.g. a few dozen hotkeys), where serialising would only cost time.
     */
    static boolean heavy(Challenge c, Input in) {
        if (!heavy(c.loss())) return false;
        long v = in.values(c.ticker());
        return v < 0 || v >= HEAVY_VALUES;
    }

    /**
     * The challenges to score on {@code threads} workers, at most one {@link #heavy} challenge at a time: a free
     * worker takes the next heavy challenge (challenge order) when none is running, else the next light one, and
     * waits only when nothing but heavy ones remain. Results go to fixed slots. After a failure, challenges later
     * in challenge order are skipped and the failure of the earliest failing challenge is thrown, so the outcome
     * does not depend on the thread count either.
     */
    private final class Schedule {
        private final List<Challenge> chs;
        private final ChallengeResult[] slots;
        private final Input in;
        private final java.util.ArrayDeque<Integer> heavyQueue = new java.util.ArrayDeque<>();
        private final java.util.ArrayDeque<Integer> lightQueue = new java.util.ArrayDeque<>();
        private final Throwable[] failures;
        private boolean heavyRunning;
        private int firstFailed = Integer.MAX_VALUE;

        Schedule(List<Challenge> chs, List<Integer> toScore, ChallengeResult[] slots, Input in) {
            this.chs = chs;
            this.slots = slots;
            this.in = in;
            this.failures = new Throwable[chs.size()];
            for (int i : toScore) (heavy(chs.get(i), in) ? heavyQueue : lightQueue).add(i);
        }

        void run() {
            int workers = Math.min(threads, heavyQueue.size() + lightQueue.size());
            if (workers == 0) return;
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "head-salience");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int w = 0; w < workers; w++) fs.add(pool.submit(this::work));
                for (Future<?> f : fs) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("a scoring worker failed", e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while scoring", e);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            for (int i = 0; i < failures.length; i++) {
                Throwable cause = failures[i];
                if (cause == null) continue;
                if (cause instanceof RuntimeException re) throw re;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException("scoring " + chs.get(i).ticker() + " failed", cause);
            }
        }

        private void work() {
            while (true) {
                int i;
                boolean isHeavy;
                synchronized (this) {
                    while (true) {
                        dropAfterFailure(heavyQueue);
                        dropAfterFailure(lightQueue);
                        if (!heavyRunning && !heavyQueue.isEmpty()) {
                            i = heavyQueue.poll();
                            isHeavy = heavyRunning = true;
                            break;
                        }
                        if (!lightQueue.isEmpty()) {
                            i = lightQueue.poll();
                            isHeavy = false;
                            break;
                        }
                        if (heavyQueue.isEmpty()) return;
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // a worker that stops here leaves challenges unscored
                            throw new IllegalStateException("interrupted while waiting for a heavy challenge", e);
                        }
                    }
                }
                ChallengeResult r = null;
                Throwable failure = null;
                try {
                    r = scoreOne(chs.get(i), in);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                synchronized (this) {
                    if (failure == null) {
                        slots[i] = r;
                    } else {
                        failures[i] = failure;
                        firstFailed = Math.min(firstFailed, i);
                    }
                    if (isHeavy) heavyRunning = false;
                    notifyAll();
                }
            }
        }

        private void dropAfterFailure(java.util.ArrayDeque<Integer> q) {
            q.removeIf(i -> i > firstFailed);
        }
    }

    /** One challenge, as the reference's loop body: its data by loss kind, the trim, the scorer. */
    private ChallengeResult scoreOne(Challenge c, Input in) {
        Map<String, Double> out = null;
        long t0;
        switch (c.loss()) {
            case RANGE_BREAKOUT_MULTI -> {
                List<BreakoutSample> samples = in.breakouts(c.ticker()).orElse(List.of());
                t0 = System.nanoTime();
                if (!samples.isEmpty()) out = breakoutScorer.score(c, samples, protocol);
            }
            case XSEC_RANK, FUNDING_XSEC, TRADE_MIX -> {
                MultiAssetSeries s = in.multiAsset(c.ticker()).orElse(null);
                t0 = System.nanoTime();
                if (s != null && c.blocksAhead() > 0 && s.rows() > 0) {
                    out = multiScorers.get(c.loss()).score(c, trim(s, protocol.constants().maxBlockHistory()), protocol);
                }
            }
            default -> {
                ChallengeSeries s = in.singleAsset(c.ticker()).orElse(null);
                t0 = System.nanoTime();
                if (s != null) out = scorers.get(c.loss()).score(c, s, protocol.constants());
            }
        }
        return new ChallengeResult(c.ticker(), out == null ? Map.of() : out, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * {@code _trim_hist_price(hist, values[:, 0])} and the slices that follow it: the last {@code max} rows of the
     * embeddings, the values and the sample indices ({@code max ≤ 0}: no limit). The same series when shorter.
     */
    static MultiAssetSeries trim(MultiAssetSeries s, int max) {
        int n = s.rows();
        if (max <= 0 || n <= max) return s;
        int from = n - max;
        int hw = s.hotkeys().size() * s.assets();
        return new MultiAssetSeries(s.ticker(), s.hotkeys(), s.assets(),
                Arrays.copyOfRange(s.histBits(), from * hw, n * hw),
                Arrays.copyOfRange(s.values(), from * s.assets(), n * s.assets()),
                Arrays.copyOfRange(s.sidx(), from, n), s.blocksAhead());
    }

    /** The reference's weighted average over the challenges with output, in challenge order. */
    static Result combine(List<Challenge> chs, List<ChallengeResult> raw) {
        LinkedHashMap<String, Map<String, Double>> breakdown = new LinkedHashMap<>();
        List<Double> weights = new ArrayList<>();
        List<ChallengeResult> normalised = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        double totalW = 0.0;
        for (int i = 0; i < chs.size(); i++) {
            ChallengeResult r = raw.get(i);
            Map<String, Double> s = r.salience();
            double tot = s.isEmpty() ? 0.0 : sortedSum(s);
            if (s.isEmpty() || !(tot > 0)) {
                empty.add(r.ticker());
                normalised.add(new ChallengeResult(r.ticker(), Map.of(), r.seconds()));
                continue;
            }
            LinkedHashMap<String, Double> sn = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : s.entrySet()) sn.put(e.getKey(), e.getValue() / tot);
            breakdown.put(r.ticker(), Collections.unmodifiableMap(sn));
            normalised.add(new ChallengeResult(r.ticker(), Collections.unmodifiableMap(sn), r.seconds()));
            weights.add(chs.get(i).weight());
            totalW += chs.get(i).weight();
        }
        if (breakdown.isEmpty() || totalW <= 0) return new Result(Map.of(), breakdown, normalised, empty);
        TreeSet<String> all = new TreeSet<>();
        for (Map<String, Double> s : breakdown.values()) all.addAll(s.keySet());
        TreeMap<String, Double> avg = new TreeMap<>();
        List<Map<String, Double>> per = new ArrayList<>(breakdown.values());
        for (String hk : all) {
            double acc = 0.0;
            for (int c = 0; c < per.size(); c++) acc += per.get(c).getOrDefault(hk, 0.0) * weights.get(c);
            avg.put(hk, acc / totalW);
        }
        double total = sortedSum(avg);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        if (total > 0) for (Map.Entry<String, Double> e : avg.entrySet()) out.put(e.getKey(), e.getValue() / total);
        return new Result(Collections.unmodifiableMap(out), Collections.unmodifiableMap(breakdown),
                List.copyOf(normalised), List.copyOf(empty));
    }

    /** Python's {@code sum(v for _k, v in sorted(s.items()))}: sequential, in key order. */
    static double sortedSum(Map<String, Double> s) {
        double t = 0.0;
        for (double v : new TreeMap<>(s).values()) t += v;
        return t;
    }

    static Map<String, Double> binary(Challenge c, ChallengeSeries s, Protocol.Constants k) {
        if (s.returns() == null) return Map.of();
        History full = HeadLabels.history(s);
        Map<String, Double> out = new HeadBinaryScorer(k.maxIndexHistory()).score(full, s.returns());
        return out.isEmpty() ? out : TwoTier.apply(out, TwoTier.reps(full));
    }

    static Map<String, Double> hitfirst(Challenge c, ChallengeSeries s, Protocol.Constants k,
                                        SklearnLogistic.LbfgsRules rules) {
        if (s.prices() == null || c.blocksAhead() <= 0) return Map.of();
        ChallengeSeries tr = s.tail(k.maxBlockHistory());
        History hist = HeadLabels.history(tr);
        Map<String, Double> out = new HeadHitFirstScorer(rules).score(hist, tr.prices(), c.blocksAhead(), k.sampleEvery());
        return out.isEmpty() ? out : TwoTier.apply(out, TwoTier.reps(hist));
    }

    /** LBFGS: both paths (shared cohort reduction), uniform → {}, soft top-50 each, 0.75/0.25 blend, renormalised. */
    static Map<String, Double> lbfgs(Challenge c, ChallengeSeries s, Protocol.Constants k) {
        if (s.prices() == null || c.blocksAhead() <= 0) return Map.of();
        ChallengeSeries tr = s.tail(k.maxBlockHistory());
        History hist = HeadLabels.history(tr);
        LbfgsJointCohorts.Reduction red = HeadLbfgsScorer.reduce(hist);
        Map<String, Double> cls = HeadLbfgsScorer.classifier(red, tr.prices(), c.blocksAhead(), k.sampleEvery());
        Map<String, Double> q = HeadLbfgsScorer.qPath(red, tr.prices(), c.blocksAhead(), k.sampleEvery());
        return blend(cls, q);
    }

    static Map<String, Double> blend(Map<String, Double> cls, Map<String, Double> q) {
        if (TopKRenorm.isUniform(cls)) cls = Map.of();
        if (TopKRenorm.isUniform(q)) q = Map.of();
        Map<String, Double> a = TopKRenorm.topkRenorm(cls, 50);
        Map<String, Double> b = TopKRenorm.topkRenorm(q, 50);
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        LinkedHashMap<String, Double> s = new LinkedHashMap<>();
        for (String hk : keys) {
            double v = 0.75 * a.getOrDefault(hk, 0.0) + 0.25 * b.getOrDefault(hk, 0.0);
            if (v > 0.0) s.put(hk, v);
        }
        double tot = sortedSum(s);
        if (tot > 0) s.replaceAll((hk, v) -> v / tot);
        return s;
    }
}
