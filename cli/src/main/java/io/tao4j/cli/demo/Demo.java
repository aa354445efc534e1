package io.tao4j.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.OnlineClient;
import io.tao4j.cli.demo.web.DemoStatus;
import io.tao4j.cli.demo.web.StatusServer;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.drand.DrandClient;
import io.tao4j.mantis.payload.MantisV2;
import io.tao4j.mantis.payload.PayloadOpener;
import io.tao4j.mantis.payload.PayloadSealer;
import io.tao4j.mantis.payload.RejectReason;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;
import io.tao4j.lfc.LfcMetrics;
import io.tao4j.lfc.StopSignal;
import io.tao4j.lfc.Sweeper;
import io.tao4j.localnet.Localnet;
import io.tao4j.localnet.prices.PriceModel;
import io.tao4j.mantis.collect.CommitUrlRules;
import io.tao4j.mantis.collect.PayloadCollector;
import io.tao4j.mantis.ledger.DatalogReader;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.ledger.LedgerArchive;
import io.tao4j.mantis.ledger.LedgerBootstrap;
import io.tao4j.mantis.miner.Commitment;
import io.tao4j.mantis.miner.HttpPrices;
import io.tao4j.mantis.miner.LocalnetDiscovery;
import io.tao4j.mantis.miner.MinerCycle;
import io.tao4j.mantis.miner.S3Uploader;
import io.tao4j.mantis.miner.SubtensorMinerChain;
import io.tao4j.mantis.model.ModelSet;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.SalienceEngine;
import io.tao4j.mantis.salience.SalienceResult;
import io.tao4j.mantis.validator.ChainPulseSignatures;
import io.tao4j.mantis.validator.Decryptor;
import io.tao4j.mantis.validator.LatestPrices;
import io.tao4j.mantis.validator.LocalnetDefaults;
import io.tao4j.mantis.validator.SubtensorValidatorChain;
import io.tao4j.mantis.validator.ValidatorConfig;
import io.tao4j.mantis.validator.ValidatorLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code tao4j demo}: both subnets on an embedded local network, in this process.
 *
 * <ul>
 *   <li>Subnet 35 (LFC): the weight-burn validator {@code //Bob//validator} puts all its weight on the miner
 *       UID; the sweeper of {@code //Charlie} moves the alpha of {@code //Charlie//miner} to
 *       {@code //Charlie//aggregator} and transfers it to the treasury coldkey {@code //Dave} every epoch.</li>
 *   <li>Subnet 123 (MANTIS): four miners {@code //Eve//miner0..3} — baseline, noisy, garbage, copy-cat — seal
 *       and upload payloads to the local network's store and commit their URLs; the validator
 *       {@code //Bob//mantis} bootstraps its ledger from a generated two-week archive the local network
 *       serves, then collects every 5 blocks, opens payloads after 300 blocks with the local drand beacon,
 *       scores salience and sets weights on chain.</li>
 * </ul>
 * Every neuron talks to the node over its own WebSocket, exactly as it would to finney. The MANTIS weight
 * cadences are shortened for a demo (calculation every 100 blocks, setting every 60); everything else is
 * the production code path. Subnet 123 requires commit-reveal, so the MANTIS weights are committed timelocked
 * to the local drand beacon and revealed by the chain when the round's pulse is stored, as on finney.
 */
public final class Demo {
    private static final Logger log = LoggerFactory.getLogger(Demo.class);

    static final int LFC_NETUID = 35;
    static final int MANTIS_NETUID = 123;
    static final int WEIGHT_CALC_INTERVAL = 100;
    static final int WEIGHT_SET_INTERVAL = 60;

    /** What the demo runs with. */
    public record Options(Duration duration, int statusPort, Path workDir, int historyDays, double minerIntervalSeconds) {
        public Options {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration must not be negative");
            }
            if (historyDays < 7 || historyDays > 60) {
                throw new IllegalArgumentException("history days must be between 7 and 60, got " + historyDays);
            }
        }
    }

    /** One simulated MANTIS miner. */
    public record MinerInfo(String name, DemoHistory.Kind kind, String hotkey, int uid) {
    }

    private final Options options;
    private final PrintWriter out;
    private final StopSignal stop = new StopSignal();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final AtomicReference<SalienceResult> lastSalience = new AtomicReference<>();
    private final Map<RejectReason, AtomicLong> decryptRejected = new ConcurrentHashMap<>();
    private final AtomicLong minerUploads = new AtomicLong();
    private final AtomicLong minerFailures = new AtomicLong();
    private final LfcMetrics lfcMetrics = new LfcMetrics();
    private final DemoState state = new DemoState();

    private Localnet net;
    private Subtensor observer;
    private ValidatorLoop mantisLoop;
    private List<MinerInfo> miners = List.of();
    /** The block the MANTIS validator is stepping (its collector is called inside the step). */
    private volatile long stepBlock;
    private StatusServer status;
    private Ledger mantisLedger;
    private final AtomicLong salienceBlock = new AtomicLong(-1);

    public Demo(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    public DemoState state() {
        return state;
    }

    public Localnet network() {
        return net;
    }

    /** Runs the demo for its duration (or until {@link #stop()}) and returns the report. */
    public DemoReport run() throws Exception {
        Files.createDirectories(options.workDir());
        try {
            return runInner();
        } finally {
            shutdown();
        }
    }

    /** Asks a running demo to finish (Ctrl-C). */
    public void stop() {
        stop.stop();
    }

    /** The status page's address once it is up. */
    public URI statusUrl() {
        return status == null ? null : status.url();
    }

    private DemoReport runInner() throws Exception {
        long t0 = System.nanoTime();
        status = StatusServer.start(options.statusPort(), DemoStatus.empty().withStarted(System.currentTimeMillis()));
        closeables.add(status);
        say("status page: %s  (also /api/status and /metrics)", status.url());
        Map<String, Double> startPrices = new LinkedHashMap<>();
        for (PriceModel.Asset a : PriceModel.DEFAULT_ASSETS) {
            startPrices.put(a.ticker(), a.start());
        }
        List<MinerInfo> planned = new ArrayList<>();
        String[] names = {"baseline", "noisy", "garbage", "copycat"};
        DemoHistory.Kind[] kinds = DemoHistory.Kind.values();
        List<DemoHistory.Miner> historic = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String hk = Sr25519KeyPair.fromUri("//Eve//miner" + i).ss58();
            planned.add(new MinerInfo(names[i], kinds[i], hk, -1));
            historic.add(new DemoHistory.Miner(hk, kinds[i]));
        }
        int steps = options.historyDays() * 1440;
        say("generating %d days of MANTIS history (%d steps, 4 miners)…", options.historyDays(), steps);
        DemoHistory.Result history = DemoHistory.write(options.workDir().resolve("history").resolve("datalog.db"), steps, historic,
                startPrices, 20261122L);
        say("history: %d vectors, %.1f MB, blocks %d…%d", history.vectors(), history.bytes() / 1e6, history.firstBlock(),
                history.lastBlock());

        Localnet.Config config = Localnet.Config.defaults().fast().onFreePorts();
        // MANTIS weights go through commit-reveal: timelocked to the local beacon, revealed by the chain from its pulses
        config.genesis().subnets.stream().filter(sn -> sn.netuid == MANTIS_NETUID).forEach(sn -> sn.commitReveal = true);
        net = Localnet.start(config);
        say("local network: %s (250 ms blocks), discovery %s/localnet.json", net.rpcUrl(), net.httpRpcUrl());
        JsonNode discovery = net.discovery();
        LocalnetDiscovery disc = LocalnetDiscovery.parse(discovery);
        LocalnetDefaults defaults = LocalnetDefaults.parse(discovery);
        String archiveKey = "datalog/datalog.db";
        net.store().publish(archiveKey, Files.readAllBytes(history.file()), "application/vnd.sqlite3");
        URI archiveUrl = URI.create(stripSlash(disc.publicBaseUrl()) + "/" + archiveKey);
        say("the local network serves the history at %s", archiveUrl);

        observer = subtensor();
        List<MinerInfo> withUids = new ArrayList<>();
        for (MinerInfo m : planned) {
            Integer uid = observer.uidForHotkey(m.hotkey(), MANTIS_NETUID, null);
            if (uid == null) {
                throw new IllegalStateException("MANTIS miner " + m.hotkey() + " is not registered on subnet " + MANTIS_NETUID);
            }
            withUids.add(new MinerInfo(m.name(), m.kind(), m.hotkey(), uid));
        }
        miners = List.copyOf(withUids);
        state.miners(miners);

        startLfc();
        startMantisValidator(defaults, archiveUrl);
        startMiners(disc);
        startSampler();

        say("running%s", options.duration().isZero() ? " until Ctrl-C" : " for " + options.duration().toSeconds() + " s");
        long end = options.duration().isZero() ? Long.MAX_VALUE : System.nanoTime() + options.duration().toNanos();
        while (!stop.isStopped() && System.nanoTime() < end) {
            stop.sleep(Duration.ofMillis(Math.min(500, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())))));
        }
        sample();
        DemoReport report = report((System.nanoTime() - t0) / 1e9);
        stop.stop();
        return report;
    }

    private Subtensor subtensor() throws Exception {
        WsRpcClient ws = WsRpcClient.connect(net.rpcUrl());
        closeables.add(ws);
        return new Subtensor(OnlineClient.connect(ws)).withTimeout(Duration.ofSeconds(30));
    }

    // ----------------------------------------------------------------------------------------------- subnet 35

    private void startLfc() throws Exception {
        Sr25519KeyPair validator = Sr25519KeyPair.fromUri("//Bob//validator");
        Sr25519KeyPair coldkey = Sr25519KeyPair.fromUri("//Charlie");
        String minerHotkey = Sr25519KeyPair.fromUri("//Charlie//miner").ss58();
        String aggregator = Sr25519KeyPair.fromUri("//Charlie//aggregator").ss58();
        String treasury = Sr25519KeyPair.fromUri("//Dave").ss58();
        Integer minerUid = observer.uidForHotkey(minerHotkey, LFC_NETUID, null);
        if (minerUid == null) {
            throw new IllegalStateException("the LFC miner hotkey is not registered on subnet " + LFC_NETUID);
        }
        state.lfcKeys(minerHotkey, aggregator, treasury, coldkey.ss58(), minerUid);
        io.tao4j.lfc.ValidatorLoop v = new io.tao4j.lfc.ValidatorLoop(subtensor(), validator,
                new io.tao4j.lfc.ValidatorLoop.Config(LFC_NETUID, minerUid, 10, Duration.ofSeconds(1), Duration.ofMillis(100), false),
                null, lfcMetrics);
        Sweeper sweeper = new Sweeper(subtensor(), coldkey,
                new Sweeper.Config(LFC_NETUID, minerHotkey, aggregator, treasury, false, false, Duration.ofMillis(250)), null, lfcMetrics);
        sweeper.requireAggregatorOwned(sweeper.ownedHotkeys());
        spawn("lfc-validator", () -> v.run(stop));
        spawn("lfc-sweeper", () -> sweeper.monitor(stop));
        say("subnet %d: LFC validator %s → UID %d; sweeper %s → %s → treasury %s", LFC_NETUID, validator.ss58(), minerUid,
                minerHotkey, aggregator, treasury);
    }

    // ----------------------------------------------------------------------------------------------- subnet 123

    private void startMantisValidator(LocalnetDefaults local, URI archiveUrl) throws Exception {
        Sr25519KeyPair hot = Sr25519KeyPair.fromUri("//Bob//mantis");
        Path dir = options.workDir().resolve("mantis-validator");
        Files.createDirectories(dir);
        Path db = dir.resolve("datalog.db");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(dir.resolve("datalog.db" + suffix));
        }
        ValidatorConfig cfg = new ValidatorConfig(MantisConfig.CHALLENGES, WEIGHT_CALC_INTERVAL, WEIGHT_SET_INTERVAL,
                MantisConfig.TASK_INTERVAL);
        long b0 = System.nanoTime();
        LedgerBootstrap.Outcome boot = LedgerBootstrap.ensure(db, archiveUrl, 1L << 30, Duration.ofMinutes(5), cfg.challenges(),
                LedgerArchive.Progress.NONE);
        if (boot.kind() != LedgerBootstrap.Kind.IMPORTED) {
            throw new IllegalStateException("the MANTIS validator could not bootstrap from " + archiveUrl + ": " + boot.reason());
        }
        say("MANTIS validator %s bootstrapped its ledger from the archive: %d steps, %d vectors in %.1f s", hot.ss58(),
                boot.result().blocks(), boot.result().embeddingVectors(), (System.nanoTime() - b0) / 1e9);

        DrandClient drand = new DrandClient(DrandClient.Config.defaults(dir.resolve("drand-cache"))
                .withRelays(List.of(local.drandBaseUrl())).withChain(local.drand()));
        Subtensor chain = subtensor().withTimelock(local.drand(), local.blockTimeSeconds());
        // verified signatures from the beacon's HTTP relay first, then from the chain's Drand.Pulses
        PayloadOpener.SignatureSource signatures = ChainPulseSignatures.firstVerified(local.drand(), List.of(
                PayloadOpener.SignatureSource.from(drand), ChainPulseSignatures.from(chain, local.drand())));
        Decryptor decryptor = new Decryptor(new PayloadOpener(MantisV2.ownerPublicKey()), signatures, 300, 2000);
        PayloadCollector collector = new PayloadCollector(new CommitUrlRules(new HashSet<>(local.allowedHosts())),
                PayloadCollector.Limits.defaults());
        closeables.add(collector);
        Ledger ledger = Ledger.open(db, cfg.challenges());
        closeables.add(ledger);
        mantisLedger = ledger;
        SalienceEngine engine = new SalienceEngine();
        mantisLoop = new ValidatorLoop(new SubtensorValidatorChain(chain, hot, MANTIS_NETUID), new LatestPrices(URI.create(local.priceUrl())),
                c -> {
                    Map<String, PayloadCollector.Result> got = collector.collect(c, Duration.ofSeconds(20));
                    state.collected(stepBlock, got);
                    return got;
                }, ledger,
                (l, b) -> {
                    Decryptor.Report r = decryptor.process(l, b);
                    state.decrypted(b, r.processed(), l.pendingCount());
                    r.rejected().forEach((k, n) -> decryptRejected.computeIfAbsent(k, x -> new AtomicLong()).addAndGet(n));
                    if (r.opened() > 0) {
                        event("block " + b + ": MANTIS validator opened " + r.opened() + " payloads" + (r.rejected().isEmpty() ? ""
                                : ", rejected " + r.rejected()));
                    }
                    return r;
                },
                b -> {
                    SalienceResult s = engine.multiSalience(DatalogReader.read(db, cfg.challenges(), OptionalLong.of(b / MantisConfig.SAMPLE_EVERY)),
                            new SalienceEngine.Options(cfg.challenges(), MantisConfig.SEED, MantisConfig.SAMPLE_EVERY, true));
                    lastSalience.set(s);
                    salienceBlock.set(b);
                    event(String.format(java.util.Locale.ROOT, "MANTIS salience computed on the ledger up to block %d: %s", b,
                            shortTotals(s.total())));
                    return s;
                }, cfg, false);
        closeables.add(0, mantisLoop); // stops its weight calculation before the ledger closes
        spawn("mantis-validator", () -> {
            long last = -1;
            while (!stop.isStopped()) {
                try {
                    long block = chain.currentBlock();
                    if (block != last) {
                        last = block;
                        stepBlock = block;
                        mantisLoop.step(block);
                    } else {
                        stop.sleep(Duration.ofMillis(50));
                    }
                } catch (RuntimeException e) {
                    if (!stop.isStopped()) {
                        log.warn("MANTIS validator step failed: {}", e.toString());
                        stop.sleep(Duration.ofSeconds(1));
                    }
                }
            }
        });
    }

    private void startMiners(LocalnetDiscovery disc) throws Exception {
        S3Uploader.Target target = new S3Uploader.Target(disc.s3Endpoint(), disc.bucket(), disc.region(), disc.accessKeyId(),
                disc.secretAccessKey());
        PayloadSealer sealer = new PayloadSealer(new Tlock(disc.drand().publicKeyPoint()), MantisV2.ownerPublicKey(),
                TlockLayout.CURRENT, new SecureRandom());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (MinerInfo m : miners) {
            int i = miners.indexOf(m);
            Sr25519KeyPair hot = Sr25519KeyPair.fromUri("//Eve//miner" + i);
            String url = stripSlash(disc.publicBaseUrl()) + "/" + m.hotkey();
            Subtensor st = subtensor();
            Commitment.ensure(new SubtensorMinerChain(st, hot, m.hotkey(), MANTIS_NETUID), m.hotkey(), MANTIS_NETUID, url,
                    Duration.ofSeconds(30));
            S3Uploader uploader = new S3Uploader(target);
            closeables.add(uploader);
            ModelSet models = switch (m.kind()) {
                case BASELINE, COPYCAT -> ModelSet.baseline();
                case NOISY -> DemoHistory.noisyModels(1000 + i);
                case GARBAGE -> ModelSet.random(2000 + i);
            };
            MinerCycle cycle = new MinerCycle(m.hotkey(), Clock.systemUTC(), HttpPrices.history(disc.historyUrl(), 4096), models,
                    disc.drand(), 30, sealer::seal, uploader);
            String baselineUrl = stripSlash(disc.publicBaseUrl()) + "/" + miners.get(0).hotkey();
            spawn("miner-" + m.name(), () -> {
                long n = 0;
                while (!stop.isStopped()) {
                    try {
                        switch (m.kind()) {
                            case BASELINE, NOISY -> cycle.run();
                            case GARBAGE -> {
                                // every other cycle a sealed payload of random embeddings, otherwise bytes that are not JSON
                                if (n % 2 == 0) {
                                    cycle.run();
                                } else {
                                    uploader.put(m.hotkey(), ("garbage #" + n + " " + Long.toHexString(System.nanoTime()))
                                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                                }
                            }
                            case COPYCAT -> {
                                // re-uploads the baseline's newest payload under its own name
                                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(baselineUrl))
                                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
                                if (r.statusCode() != 200) {
                                    throw new IOException("baseline payload not there yet (HTTP " + r.statusCode() + ")");
                                }
                                uploader.put(m.hotkey(), r.body());
                            }
                        }
                        minerUploads.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        minerFailures.incrementAndGet();
                        log.debug("miner {} cycle failed: {}", m.name(), e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    n++;
                    stop.sleep(Duration.ofMillis(Math.round(options.minerIntervalSeconds() * 1000)));
                }
            });
        }
        say("subnet %d: miners %s uploading every %.0f s; validator %s collecting every 5 blocks", MANTIS_NETUID,
                miners.stream().map(x -> x.name() + " (UID " + x.uid() + ")").toList(), options.minerIntervalSeconds(),
                Sr25519KeyPair.fromUri("//Bob//mantis").ss58());
    }

    // ----------------------------------------------------------------------------------------------- observing

    private void startSampler() {
        spawn("demo-sampler", () -> {
            while (!stop.isStopped()) {
                try {
                    sample();
                } catch (RuntimeException e) {
                    if (!stop.isStopped()) {
                        log.debug("sampling failed: {}", e.toString());
                    }
                }
                stop.sleep(Duration.ofSeconds(1));
            }
        });
    }

    /** Reads the chain (over RPC, as any observer would) and the neurons' counters into the state. */
    synchronized void sample() {
        long head = observer.currentBlock();
        long finalized = net.node().finalizedBlock().number();
        String hash = observer.blockHash(head);
        DemoState.Lfc lfcKeys = state.lfcKeysOrNull();
        long minerAlpha = 0;
        long aggregatorAlpha = 0;
        long treasuryAlpha = 0;
        if (lfcKeys != null) {
            minerAlpha = observer.stake(lfcKeys.coldkey(), lfcKeys.minerHotkey(), LFC_NETUID, hash).stake();
            aggregatorAlpha = observer.stake(lfcKeys.coldkey(), lfcKeys.aggregatorHotkey(), LFC_NETUID, hash).stake();
            treasuryAlpha = observer.stake(lfcKeys.treasury(), lfcKeys.aggregatorHotkey(), LFC_NETUID, hash).stake();
        }
        int lfcTempo = orZero(observer.tempo(LFC_NETUID, hash));
        int mantisTempo = orZero(observer.tempo(MANTIS_NETUID, hash));
        Map<Integer, Double> lfcWeights = weights(LFC_NETUID, 1, hash);
        Map<Integer, Double> mantisWeights = weights(MANTIS_NETUID, 1, hash);
        ValidatorLoop.Stats ms = mantisLoop == null ? null : mantisLoop.stats();
        Map<RejectReason, Long> dr = new EnumMap<>(RejectReason.class);
        decryptRejected.forEach((k, v) -> dr.put(k, v.get()));
        state.update(new DemoState.Sample(head, finalized, lfcTempo, epochs(head, LFC_NETUID, lfcTempo), mantisTempo,
                epochs(head, MANTIS_NETUID, mantisTempo), minerAlpha, aggregatorAlpha, treasuryAlpha,
                (long) lfcMetrics.count("lfc.alpha.moved.rao"), (long) lfcMetrics.count("lfc.alpha.transferred.rao"),
                (long) lfcMetrics.count("lfc.sweeps", "result", "success"), (long) lfcMetrics.count("lfc.transfers", "result", "success"),
                (long) lfcMetrics.count("lfc.weights.set"), lfcWeights, ms, dr, mantisWeights, lastSalience.get(),
                minerUploads.get(), minerFailures.get()));
        List<Long> lfcUpdates = observer.lastUpdate(LFC_NETUID, hash);
        List<Long> mantisUpdates = observer.lastUpdate(MANTIS_NETUID, hash);
        long ledgerSteps;
        try {
            ledgerSteps = mantisLedger == null ? 0 : mantisLedger.blockCount();
        } catch (java.sql.SQLException e) {
            ledgerSteps = 0;
        }
        if (status != null) {
            status.publish(statusSnapshot(state.latest(), lfcUpdates.size() > 1 && !lfcWeights.isEmpty() ? lfcUpdates.get(1) : -1,
                    mantisUpdates.size() > 1 && !mantisWeights.isEmpty() ? mantisUpdates.get(1) : -1, ledgerSteps));
        }
    }

    /** The status page's view of the newest sample. */
    private DemoStatus statusSnapshot(DemoState.Sample s, long lfcWeightsBlock, long mantisWeightsBlock, long ledgerSteps) {
        DemoStatus.Chain chain = new DemoStatus.Chain(s.head(), s.finalized(), 250, List.of(
                new DemoStatus.Subnet(LFC_NETUID, "LFC", s.lfcTempo(), s.lfcEpochs()),
                new DemoStatus.Subnet(MANTIS_NETUID, "MANTIS", s.mantisTempo(), s.mantisEpochs())));
        DemoState.Lfc k = state.lfcKeysOrNull();
        List<DemoStatus.StakePoint> flow = state.flow().stream()
                .map(p -> DemoStatus.StakePoint.ofRao(p.block(), p.miner(), p.aggregator(), p.treasury())).toList();
        DemoStatus.Lfc lfc = new DemoStatus.Lfc(LFC_NETUID, k == null ? "" : k.minerHotkey(), k == null ? "" : k.aggregatorHotkey(),
                k == null ? "" : k.treasury(), flow, s.sweeps(), s.alphaSwept() / 1e9, s.alphaTransferred() / 1e9, s.lfcWeights(),
                lfcWeightsBlock, s.lfcWeightSets());
        List<DemoStatus.Miner> ms = new ArrayList<>();
        List<DemoStatus.MinerWeight> ws = new ArrayList<>();
        Map<String, String> nameOf = new LinkedHashMap<>();
        for (MinerInfo m : miners) {
            ms.add(new DemoStatus.Miner(m.name(), m.kind().name().toLowerCase(java.util.Locale.ROOT), m.hotkey(), m.uid()));
            ws.add(new DemoStatus.MinerWeight(m.uid(), m.hotkey(), m.name(), s.mantisWeights().getOrDefault(m.uid(), 0.0)));
            nameOf.put(m.hotkey(), m.name());
        }
        List<DemoStatus.StepPoint> steps = state.stepCounts().stream()
                .map(c -> new DemoStatus.StepPoint(c.block(), c.ok(), c.pending(), c.rejected(), c.pendingDecryptions())).toList();
        Map<String, Map<String, Double>> salience = new LinkedHashMap<>();
        if (s.salience() != null) {
            s.salience().perChallenge().forEach((ticker, byHotkey) -> {
                Map<String, Double> named = new LinkedHashMap<>();
                byHotkey.forEach((hk, v) -> {
                    if (nameOf.containsKey(hk) && Double.isFinite(v)) {
                        named.put(nameOf.get(hk), v);
                    }
                });
                salience.put(ticker, named);
            });
        }
        ValidatorLoop.Stats st = s.mantis();
        DemoStatus.Mantis mantis = new DemoStatus.Mantis(MANTIS_NETUID, ms, steps, st == null ? 0 : st.collected(),
                st == null ? 0 : st.opened(), DemoState.rejections(s), st == null ? 0 : st.pending(), ledgerSteps,
                new DemoStatus.Weights(mantisWeightsBlock, ws), st == null ? 0 : st.weightsSet(), salience, salienceBlock.get());
        return new DemoStatus(state.started().toEpochMilli(), System.currentTimeMillis(), chain, lfc, mantis, state.events());
    }

    private Map<Integer, Double> weights(int netuid, int validatorUid, String hash) {
        JsonNode w = observer.client().query("SubtensorModule", "Weights", List.of(netuid, validatorUid), hash);
        Map<Integer, Double> out = new LinkedHashMap<>();
        long sum = 0;
        for (JsonNode p : w) {
            sum += p.get(1).asLong();
        }
        for (JsonNode p : w) {
            out.put(p.get(0).asInt(), sum == 0 ? 0.0 : p.get(1).asLong() / (double) sum);
        }
        return out;
    }

    /** Epoch blocks (where {@code (block + netuid + 1) % (tempo + 1) == 0}) in 1..head. */
    static long epochs(long head, int netuid, int tempo) {
        if (tempo <= 0 || head <= 0) {
            return 0;
        }
        long period = tempo + 1L;
        long first = Math.floorMod(-(netuid + 1L), period);
        if (first == 0) {
            first = period;
        }
        return head < first ? 0 : (head - first) / period + 1;
    }

    private DemoReport report(double seconds) {
        return DemoReport.of(state, miners, seconds);
    }

    // ----------------------------------------------------------------------------------------------- plumbing

    private void spawn(String name, Runnable r) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                if (!stop.isStopped()) {
                    log.error("{} stopped: {}", name, e.toString(), e);
                    event(name + " stopped: " + e.getMessage());
                }
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void shutdown() {
        stop.stop();
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("{} did not stop within 10 s", t.getName());
            }
        }
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("closing {} failed: {}", c, e.toString());
            }
        }
        lfcMetrics.close();
        if (net != null) {
            net.close(); // last: the neurons' connections are closed by now
        }
    }

    void event(String text) {
        state.event(text);
        log.info(text);
    }

    private void say(String fmt, Object... args) {
        String s = String.format(java.util.Locale.ROOT, fmt, args);
        state.event(s);
        out.println(s);
        out.flush();
    }

    private String shortTotals(Map<String, Double> total) {
        Map<String, String> named = new LinkedHashMap<>();
        for (MinerInfo m : miners) {
            named.put(m.name(), String.format(java.util.Locale.ROOT, "%.3f", total.getOrDefault(m.hotkey(), 0.0)));
        }
        return named.toString();
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }

    private static String stripSlash(String s) {
        String t = s.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
