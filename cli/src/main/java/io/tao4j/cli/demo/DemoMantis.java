package io.tao4j.cli.demo;

import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.mantis.payload.RejectReason;
import io.tao4j.mantis.JsonHttp;
import io.tao4j.mantis.collect.PayloadCollector;
import io.tao4j.mantis.ledger.LedgerArchive;
import io.tao4j.mantis.ledger.LedgerBootstrap;
import io.tao4j.mantis.miner.HttpPrices;
import io.tao4j.mantis.miner.MantisMiner;
import io.tao4j.mantis.miner.LocalnetDiscovery;
import io.tao4j.mantis.miner.S3Uploader;
import io.tao4j.mantis.model.ModelSet;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.SalienceResult;
import io.tao4j.mantis.validator.Decryptor;
import io.tao4j.mantis.validator.LocalnetDefaults;
import io.tao4j.mantis.validator.MantisValidator;
import io.tao4j.mantis.validator.ValidatorConfig;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Subnet 123 (MANTIS) in the demo: four miners {@code //Eve//miner0..3} — baseline, noisy, garbage, copy-cat —
 * seal and upload payloads to the local network's store and commit their URLs; the validator
 * {@code //Bob//mantis} ({@link MantisValidator}, the production unit with the weight cadences shortened:
 * calculation every {@link Demo#WEIGHT_CALC_INTERVAL} blocks, setting every {@link Demo#WEIGHT_SET_INTERVAL})
 * bootstraps its ledger from the archive the local network serves, then collects every 5 blocks, opens
 * payloads after 300 blocks with the local drand beacon, scores salience and sets weights on chain. What it
 * does is fed to the demo's state through a {@link MantisValidator.Listener}.
 */
final class DemoMantis implements MantisValidator.Listener {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DemoMantis.class);
    static final String VALIDATOR_URI = "//Bob//mantis";

    private final DemoRuntime rt;
    private final List<Demo.MinerInfo> miners;
    private final AtomicReference<SalienceResult> lastSalience = new AtomicReference<>();
    private final AtomicLong salienceBlock = new AtomicLong(-1);
    private final Map<RejectReason, AtomicLong> decryptRejected = new ConcurrentHashMap<>();
    private final AtomicLong minerUploads = new AtomicLong();
    private final AtomicLong minerFailures = new AtomicLong();
    private volatile MantisValidator validator;
    private volatile Protocol protocol = Protocol.DEFAULT;

    DemoMantis(DemoRuntime rt, List<Demo.MinerInfo> miners) {
        this.rt = rt;
        this.miners = List.copyOf(miners);
    }

    MantisValidator validatorOrNull() {
        return validator;
    }

    /** The protocol the validator runs. */
    Protocol protocol() {
        return protocol;
    }

    SalienceResult lastSalience() {
        return lastSalience.get();
    }

    long salienceBlock() {
        return salienceBlock.get();
    }

    long minerUploads() {
        return minerUploads.get();
    }

    long minerFailures() {
        return minerFailures.get();
    }

    Map<RejectReason, Long> decryptRejected() {
        Map<RejectReason, Long> dr = new EnumMap<>(RejectReason.class);
        decryptRejected.forEach((k, v) -> dr.put(k, v.get()));
        return dr;
    }

    // ------------------------------------------------------------------------------------------- the validator

    void startValidator(Path workDir, String rpcUrl, LocalnetDefaults local, URI archiveUrl, Protocol protocol) throws Exception {
        this.protocol = protocol;
        Sr25519KeyPair hot = Sr25519KeyPair.fromUri(VALIDATOR_URI);
        Path dir = workDir.resolve("mantis-validator");
        Files.createDirectories(dir);
        Path db = dir.resolve("datalog.db");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(dir.resolve("datalog.db" + suffix));
        }
        ValidatorConfig cfg = new ValidatorConfig(protocol, protocol.challenges(), Demo.WEIGHT_CALC_INTERVAL,
                Demo.WEIGHT_SET_INTERVAL, protocol.constants().taskInterval());
        long b0 = System.nanoTime();
        LedgerBootstrap.Outcome boot = protocol == io.tao4j.mantis.protocol.Protocol.P2E9BC5B
                ? LedgerBootstrap.ensure(db, archiveUrl, 1L << 30, Duration.ofMinutes(5), cfg.legacyChallenges(), LedgerArchive.Progress.NONE)
                : LedgerBootstrap.ensure(db, archiveUrl, 1L << 30, Duration.ofMinutes(5), protocol, LedgerArchive.Progress.NONE);
        if (boot.kind() != LedgerBootstrap.Kind.IMPORTED) {
            throw new IllegalStateException("the MANTIS validator could not bootstrap from " + archiveUrl + ": " + boot.reason());
        }
        rt.say("MANTIS validator %s bootstrapped its ledger from the archive: %d steps, %d vectors in %.1f s", hot.ss58(),
                boot.result().blocks(), boot.result().embeddingVectors(), (System.nanoTime() - b0) / 1e9);
        // weights are committed timelocked to the local beacon; payload signatures come from its relay, then the chain
        Subtensor chain = rt.subtensor(rpcUrl).withTimelock(local.drand(), local.blockTimeSeconds());
        MantisValidator v = MantisValidator.builder().subtensor(chain).signer(hot).netuid(Demo.MANTIS_NETUID).ledger(db).config(cfg)
                .priceUrl(URI.create(local.priceUrl())).drand(local.drand(), List.of(local.drandBaseUrl()))
                .drandCache(dir.resolve("drand-cache")).allowedHosts(local.allowedHosts()).collectBudget(Duration.ofSeconds(20))
                .pacing(new MantisValidator.Pacing(Duration.ofMillis(50), Duration.ofSeconds(1), 0)).listener(this).build();
        rt.closeFirst(v); // stops its weight calculation and closes its ledger before the connections close
        validator = v;
        rt.spawn("mantis-validator", () -> v.run(rt.stop));
    }

    @Override
    public void collected(long block, Map<String, PayloadCollector.Result> results) {
        rt.state.collected(block, results);
    }

    @Override
    public void decrypted(long block, Decryptor.Report r, long pending) {
        rt.state.decrypted(block, r.processed(), pending);
        r.rejected().forEach((k, n) -> decryptRejected.computeIfAbsent(k, x -> new AtomicLong()).addAndGet(n));
        if (r.opened() > 0) {
            rt.event("block " + block + ": MANTIS validator opened " + r.opened() + " payloads" + (r.rejected().isEmpty() ? ""
                    : ", rejected " + r.rejected()));
        }
    }

    @Override
    public void scored(long uptoBlock, SalienceResult s) {
        lastSalience.set(s);
        salienceBlock.set(uptoBlock);
        rt.event(String.format(Locale.ROOT, "MANTIS salience computed on the ledger up to block %d: %s", uptoBlock,
                shortTotals(s.total())));
    }

    private String shortTotals(Map<String, Double> total) {
        Map<String, String> named = new LinkedHashMap<>();
        for (Demo.MinerInfo m : miners) {
            named.put(m.name(), String.format(Locale.ROOT, "%.3f", total.getOrDefault(m.hotkey(), 0.0)));
        }
        return named.toString();
    }

    // ------------------------------------------------------------------------------------------- the miners

    /** Commits each miner's payload URL, then starts its loop ({@link MantisMiner}, the production unit). */
    void startMiners(String rpcUrl, LocalnetDiscovery disc, double intervalSeconds, Protocol protocol) throws Exception {
        // bcff57b: 4 days of prices and funding rates one every 10 blocks (MULTI-BREAKOUT's range), as the history's miners
        io.tao4j.mantis.miner.PriceSource prices = protocol == Protocol.P2E9BC5B ? HttpPrices.history(disc.historyUrl(), 4096)
                : HttpPrices.history(disc.historyUrl(), DemoHeadHistory.HISTORY_ENTRIES, DemoHeadHistory.HISTORY_EVERY_BLOCKS);
        S3Uploader.Target target = new S3Uploader.Target(disc.s3Endpoint(), disc.bucket(), disc.region(), disc.accessKeyId(),
                disc.secretAccessKey());
        String base = DemoRuntime.stripSlash(disc.publicBaseUrl());
        URI baselineUrl = URI.create(base + "/" + miners.get(0).hotkey());
        for (int i = 0; i < miners.size(); i++) {
            Demo.MinerInfo m = miners.get(i);
            S3Uploader uploader = rt.closeLater(new S3Uploader(target));
            ModelSet models = switch (m.kind()) {
                case BASELINE, COPYCAT -> ModelSet.baseline();
                case NOISY -> DemoHistory.noisyModels(1000 + i);
                case GARBAGE -> ModelSet.random(2000 + i);
            };
            MantisMiner miner = rt.closeLater(MantisMiner.builder().subtensor(rt.subtensor(rpcUrl))
                    .signer(Sr25519KeyPair.fromUri(DemoNetwork.minerUri(i))).netuid(Demo.MANTIS_NETUID).publicUrlBase(base)
                    .uploader(uploader).prices(prices).models(models).drand(disc.drand())
                    .lockSeconds(30).commitReadBack(Duration.ofSeconds(30)).build());
            miner.commit();
            rt.spawn("miner-" + m.name(), () -> mine(m, miner, uploader, baselineUrl, intervalSeconds));
        }
        rt.say("subnet %d: miners %s uploading every %.0f s; validator %s collecting every 5 blocks", Demo.MANTIS_NETUID,
                miners.stream().map(x -> x.name() + " (UID " + x.uid() + ")").toList(), intervalSeconds,
                Sr25519KeyPair.fromUri(VALIDATOR_URI).ss58());
    }

    /** One miner's loop: its kind decides what it uploads each cycle. */
    private void mine(Demo.MinerInfo m, MantisMiner miner, S3Uploader uploader, URI baselineUrl, double intervalSeconds) {
        long n = 0;
        while (!rt.stop.isStopped()) {
            try {
                switch (m.kind()) {
                    case BASELINE, NOISY -> miner.cycle();
                    case GARBAGE -> {
                        // every other cycle a sealed payload of random embeddings, otherwise bytes that are not JSON
                        if (n % 2 == 0) {
                            miner.cycle();
                        } else {
                            uploader.put(m.hotkey(), ("garbage #" + n + " " + Long.toHexString(System.nanoTime()))
                                    .getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    // re-uploads the baseline's newest payload under its own name
                    case COPYCAT -> uploader.put(m.hotkey(), JsonHttp.getBytes(baselineUrl, Duration.ofSeconds(10)));
                }
                minerUploads.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                minerFailures.incrementAndGet();
                log.debug("miner {} cycle failed: {}", m.name(), e.toString());
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            n++;
            rt.stop.sleep(Duration.ofMillis(Math.round(intervalSeconds * 1000)));
        }
    }
}
