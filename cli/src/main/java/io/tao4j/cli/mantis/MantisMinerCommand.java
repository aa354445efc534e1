package io.tao4j.cli.mantis;

import io.tao4j.cli.Json;

import io.tao4j.cli.CliException;
import io.tao4j.cli.LocalnetDocument;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.chain.Network;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.drand.ChainInfo;
import io.tao4j.mantis.payload.MantisV2;
import io.tao4j.drand.tlock.TlockLayout;
import io.tao4j.mantis.miner.HttpPrices;
import io.tao4j.mantis.miner.LocalnetDiscovery;
import io.tao4j.mantis.miner.MantisMiner;
import io.tao4j.mantis.miner.MinerCycle;
import io.tao4j.mantis.miner.MinerLoop;
import io.tao4j.mantis.miner.PriceSource;
import io.tao4j.mantis.miner.S3Uploader;
import io.tao4j.mantis.model.ModelSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `tao4j mantis miner`: the MANTIS (subnet 123) miner loop. */
@Command(name = "miner", mixinStandardHelpOptions = true,
        description = {"Run a MANTIS miner: commit the payload URL once, then every --interval seconds compute embeddings,",
                "seal a v2 payload to the drand round --lock-seconds ahead and upload it to R2 under the hotkey.",
                "On --subtensor.network local the store, public URL, drand and prices come from the local network."})
public final class MantisMinerCommand extends MantisNeuronCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(MantisMinerCommand.class);
    /** MANTIS config.py PRICE_DATA_URL. */
    static final String MANTIS_PRICE_URL = io.tao4j.mantis.validator.LatestPrices.MANTIS_URL;

    @Option(names = "--public-url-base", paramLabel = "URL", defaultValue = "${env:MANTIS_PUBLIC_URL_BASE}",
            description = "Public base URL of the bucket (e.g. https://pub-<id>.r2.dev); the committed URL is <base>/<hotkey>. Env MANTIS_PUBLIC_URL_BASE.")
    String publicUrlBase;

    @Mixin
    R2Options r2 = new R2Options();

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "60", description = "Seconds between cycles (default: ${DEFAULT-VALUE}).")
    double intervalSeconds;

    @Option(names = "--lock-seconds", paramLabel = "SECONDS", defaultValue = "30",
            description = "Time-lock each payload to the drand round this far ahead (default: ${DEFAULT-VALUE}, like generate_and_encrypt.py).")
    double lockSeconds;

    @Option(names = "--model", defaultValue = "baseline", description = "baseline (momentum + realised volatility) or random (load tests only).")
    String model;

    @Option(names = "--once", description = "Run one cycle and exit (0 on success).")
    boolean once;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "0", description = "Stop after N cycles (default: run until stopped).")
    long cycles;

    @Option(names = "--price-history-url", paramLabel = "URL",
            description = "Price history service ({\"blocks\":[…],\"prices\":{…}} for ?n=N); default on a local network: its feed.")
    String priceHistoryUrl;

    @Option(names = "--price-url", paramLabel = "URL", defaultValue = MANTIS_PRICE_URL,
            description = "Latest-prices feed sampled once per cycle when there is no history service (default: MANTIS's).")
    String priceUrl;

    @Option(names = "--owner-pk", paramLabel = "HEX", description = "Owner X25519 public key; default MANTIS config's.")
    String ownerPk;

    @Option(names = "--legacy-layout", description = "Time-lock with the legacy timelock layout.")
    boolean legacyLayout;

    @Override
    public Integer call() {
        protocol.protocol(); // refuses a bad --protocol first
        ModelSet models = models(model);
        if (!(intervalSeconds >= 1) || intervalSeconds > 86_400) {
            throw new CliException("--interval must be between 1 and 86400 seconds, got " + intervalSeconds, 2);
        }
        if (!(lockSeconds >= 0) || lockSeconds > 7 * 86_400) {
            throw new CliException("--lock-seconds must be between 0 and 604800, got " + lockSeconds, 2);
        }
        if (cycles < 0) {
            throw new CliException("--cycles must not be negative", 2);
        }
        Network network = subtensor.network();
        LocalnetDiscovery local = discovery(network, discoveryUrl);
        ChainInfo drand = local != null ? local.drand() : ChainInfo.QUICKNET;
        String base = R2Options.pick(publicUrlBase, local == null ? null : local.publicBaseUrl(), "--public-url-base");
        S3Uploader.Target target = r2.target(local);
        PriceSource prices = priceSource(priceHistoryUrl, local, priceUrl, intervalSeconds);
        byte[] owner = ownerPk == null ? MantisV2.ownerPublicKey() : LocalnetDocument.hex32("--owner-pk", ownerPk);

        Sr25519KeyPair hot = hotkey();
        String hotkey = hot.ss58();
        String url = stripSlash(base) + "/" + hotkey;
        if (local == null && !isR2(url)) {
            log.warn("{} is not a Cloudflare R2 address (*.r2.dev or *.r2.cloudflarestorage.com); MANTIS validators only fetch from R2", url);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Subtensor st = subtensor.connectSubtensor(network);
             MantisMiner miner = MantisMiner.builder().subtensor(st).signer(hot).netuid(netuid)
                     .publicUrlBase(base).store(target).prices(prices).models(models).drand(drand).lockSeconds(lockSeconds)
                     .ownerPublicKey(owner).layout(legacyLayout ? TlockLayout.LEGACY : TlockLayout.CURRENT)
                     .interval(Duration.ofMillis(Math.round(intervalSeconds * 1000))).maxCycles(cycles)
                     .commitReadBack(Duration.ofSeconds(60)).listener(r -> {
                         out.println(summary(r, url, false));
                         out.flush();
                     }).build()) {
            try {
                miner.commit();
            } catch (IllegalStateException e) {
                throw new CliException(e.getMessage(), 1);
            }
            log.info("mining on subnet {} as {}: payload URL {}, model {}, drand {}", netuid, hotkey, url, model, drand);
            if (once) {
                MinerCycle.Result r;
                try {
                    r = miner.cycle();
                } catch (IOException | RuntimeException e) {
                    throw new CliException("cycle failed: " + e.getMessage(), 1);
                }
                log.info("sealed to drand round {}, {} bytes, uploaded in {} ms", r.round(), r.bytes(), r.uploadMillis());
                out.println(summary(r, url, true));
                out.flush();
                return 0;
            }
            MinerLoop.Stats s = miner.loop(() -> false);
            return s.failed() == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", 1);
        }
    }

    static String summary(MinerCycle.Result r, String url, boolean withEmbeddings) {
        ObjectMapper om = Json.MAPPER;
        ObjectNode o = om.createObjectNode();
        o.put("round", r.round());
        o.put("bytes", r.bytes());
        o.put("upload_ms", r.uploadMillis());
        o.put("cycle_ms", r.totalMillis());
        o.put("url", url);
        if (withEmbeddings) {
            try {
                o.set("embeddings", om.readTree(ModelSet.toJson(r.embeddings())));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return o.toString();
    }

    static ModelSet models(String name) {
        try {
            return ModelSet.named(name);
        } catch (IllegalArgumentException e) {
            throw new CliException("--model: " + e.getMessage(), 2);
        }
    }

    /** The local network's discovery document when the network is local (or --discovery is given), else null. */
    static LocalnetDiscovery discovery(Network network, String discoveryUrl) {
        return LocalnetDocument.read(LocalnetDocument.of(network, discoveryUrl), LocalnetDiscovery::fetch);
    }

    /**
     * History service if given, else the local feed's history (both: 2880 entries 10 blocks apart, the 4 days
     * MULTI-BREAKOUT's range needs), else the latest-prices feed sampled per cycle (prices and funding rates).
     */
    static final int HISTORY_ENTRIES = 2880;
    static final int HISTORY_EVERY = 10;

    static PriceSource priceSource(String historyUrl, LocalnetDiscovery local, String latestUrl, double intervalSeconds) {
        try {
            if (historyUrl != null) {
                return HttpPrices.history(historyUrl, HISTORY_ENTRIES, HISTORY_EVERY);
            }
            if (local != null) {
                return HttpPrices.history(local.historyUrl(), HISTORY_ENTRIES, HISTORY_EVERY);
            }
            int blocksPerStep = (int) Math.max(1, Math.round(intervalSeconds / Subtensor.BLOCK_TIME_SECONDS));
            return HttpPrices.sampledLatest(latestUrl, blocksPerStep, 4096);
        } catch (IllegalArgumentException e) {
            throw new CliException("price feed URL: " + e.getMessage(), 2);
        }
    }

    private static String stripSlash(String s) {
        String t = s.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    static boolean isR2(String url) {
        try {
            String h = URI.create(url).getHost();
            h = h == null ? "" : h.toLowerCase(Locale.ROOT);
            return h.endsWith(".r2.dev") || h.endsWith(".r2.cloudflarestorage.com");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
