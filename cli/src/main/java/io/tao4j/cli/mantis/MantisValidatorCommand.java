package io.tao4j.cli.mantis;

import io.tao4j.cli.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tao4j.chain.Network;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.CliException;
import io.tao4j.cli.LocalnetDocument;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.drand.ChainInfo;
import io.tao4j.drand.DrandClient;
import io.tao4j.mantis.payload.MantisV2;
import io.tao4j.mantis.PrometheusEndpoint;
import io.tao4j.mantis.ledger.DatalogReader;
import io.tao4j.mantis.validator.LatestPrices;
import io.tao4j.mantis.validator.LocalnetDefaults;
import io.tao4j.mantis.validator.MantisValidator;
import io.tao4j.mantis.validator.ValidatorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** `tao4j mantis validator`: the MANTIS (subnet 123) validator loop. */
@Command(name = "validator", mixinStandardHelpOptions = true,
        description = {"Run a MANTIS validator: every 5th block collect prices and every miner's payload into the ledger,",
                "open payloads once they are 300 blocks old, compute weights every 1000 blocks (in the background) and",
                "set the saved weights every 360 blocks. A restart resumes from the ledger.",
                "On --subtensor.network local the drand beacon, price feed and payload hosts come from the local network."})
public final class MantisValidatorCommand extends MantisNeuronCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(MantisValidatorCommand.class);

    @Option(names = "--ledger", paramLabel = "FILE", defaultValue = "mantis-validator/datalog.db",
            description = "Ledger (SQLite, MANTIS datalog schema) (default: ${DEFAULT-VALUE}).")
    Path ledgerPath;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON overrides of config.py: challenges ([{\"ticker\":…,\"weight\":…}]), weight_calc_interval, weight_set_interval, task_interval.")
    Path configFile;

    @Option(names = "--datalog-url", paramLabel = "URL",
            description = "When the ledger does not exist yet, start from this archive (e.g. MANTIS's datalog.db); a failed download starts empty.")
    URI datalogUrl;

    @Option(names = "--dry-run", description = "Do everything except the set-weights extrinsic; log the weights that would be set.")
    boolean dryRun;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Serve Prometheus metrics on http://<metrics-host>:PORT/metrics.")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Metrics bind address (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Option(names = "--price-url", paramLabel = "URL", defaultValue = LatestPrices.MANTIS_URL,
            description = "Latest-prices feed (default: MANTIS's; on a local network: its feed).")
    String priceUrl;

    @Option(names = "--drand-url", paramLabel = "URL", split = ",",
            description = "drand relays (default: MANTIS's relay and the public ones; on a local network: its beacon).")
    List<String> drandUrls;

    @Option(names = "--allow-host", paramLabel = "HOST", split = ",",
            description = "Extra hosts payloads may be downloaded from besides R2 (default on a local network: its store).")
    List<String> allowHosts;

    @Option(names = "--owner-pk", paramLabel = "HEX", description = "Owner X25519 public key payloads must carry; default MANTIS config's.")
    String ownerPk;

    @Option(names = "--poll-ms", paramLabel = "MS", defaultValue = "1000", description = "Block polling interval (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Also write main.log, weights.log and per_challenge_weights.log (JSON lines) here, as the reference does.")
    Path logDir;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "0", description = "Stop after N sampled steps (default: run until stopped).")
    long maxSteps;

    private final List<Runnable> detach = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        try {
            return validate();
        } finally {
            detach.forEach(Runnable::run);
        }
    }

    private Integer validate() {
        if (pollMillis < 10 || pollMillis > 60_000) {
            throw new CliException("--poll-ms must be between 10 and 60000, got " + pollMillis, 2);
        }
        if (maxSteps < 0) {
            throw new CliException("--steps must not be negative", 2);
        }
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw new CliException("--metrics-port must be between 0 and 65535, got " + metricsPort, 2);
        }
        if (logDir != null) {
            fileLogs(logDir);
        }
        ValidatorConfig cfg = config(configFile, protocol.protocol());
        byte[] owner = ownerPk == null ? MantisV2.ownerPublicKey() : LocalnetDocument.hex32("--owner-pk", ownerPk);
        Network network = subtensor.network();
        LocalnetDefaults local = localDefaults(network);
        ChainInfo drandChain = local != null ? local.drand() : ChainInfo.QUICKNET;
        List<String> relays = drandUrls != null ? drandUrls : local != null ? List.of(local.drandBaseUrl()) : DrandClient.DEFAULT_RELAYS;
        Set<String> hosts = new HashSet<>(allowHosts != null ? allowHosts : local != null ? local.allowedHosts() : Set.of());
        String prices = local != null && spec.commandLine().getParseResult().matchedOption("--price-url") == null
                ? local.priceUrl() : priceUrl;
        URI priceUri;
        try {
            priceUri = URI.create(prices);
        } catch (IllegalArgumentException e) {
            throw new CliException("--price-url is not a URL: " + prices, 2);
        }

        Sr25519KeyPair hot = hotkey();
        PrintWriter out = spec.commandLine().getOut();
        if (datalogUrl != null) {
            // bcff57b: the archive imported whole in the protocol's ledger layout (what the validator opens)
            io.tao4j.mantis.ledger.LedgerBootstrap.Outcome o = cfg.protocol() == io.tao4j.mantis.protocol.Protocol.P2E9BC5B
                    ? io.tao4j.mantis.ledger.LedgerBootstrap.ensure(ledgerPath, datalogUrl, 16L << 30, Duration.ofMinutes(30),
                            cfg.legacyChallenges(), io.tao4j.mantis.ledger.LedgerArchive.Progress.NONE)
                    : io.tao4j.mantis.ledger.LedgerBootstrap.ensure(ledgerPath, datalogUrl, 16L << 30, Duration.ofMinutes(30),
                            cfg.protocol(), io.tao4j.mantis.ledger.LedgerArchive.Progress.NONE);
            switch (o.kind()) {
                case EXISTING -> log.info("ledger {} exists; --datalog-url not used", ledgerPath);
                case IMPORTED -> log.info("ledger bootstrapped from {} ({} bytes)", datalogUrl, o.downloadedBytes());
                case EMPTY -> log.warn("starting with an empty ledger: {}", o.reason());
            }
        }
        PrometheusMeterRegistry registry = metricsPort == null ? null : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Subtensor st = subtensor.connectSubtensor(network);
             MantisValidator validator = MantisValidator.builder()
                     .subtensor(timelocked(st, local)).signer(hot).netuid(netuid)
                     .ledger(ledgerPath).config(cfg).dryRun(dryRun).priceUrl(priceUri).drand(drandChain, relays)
                     .ownerPublicKey(owner).allowedHosts(hosts).collectBudget(Duration.ofSeconds(40))
                     .pacing(MantisValidator.Pacing.of(Duration.ofMillis(pollMillis), maxSteps)).metrics(registry).build();
             PrometheusEndpoint metrics = registry == null ? null : PrometheusEndpoint.serve(registry, metricsHost, metricsPort)) {
            log.info("validating subnet {} as {}: ledger {}, drand {} via {}, prices {}, extra hosts {}{}", netuid, hot.ss58(),
                    ledgerPath.toAbsolutePath(), drandChain.beaconId(), relays, priceUri, hosts, dryRun ? ", dry run" : "");
            if (metrics != null) {
                log.info("metrics on http://{}:{}/metrics", metricsHost, metrics.port());
            }
            MantisValidator.Stats stats = validator.run(() -> false);
            if (Thread.currentThread().isInterrupted()) {
                throw new CliException("interrupted", 1);
            }
            out.println(summary(stats));
            out.flush();
            return 0;
        } catch (DatalogReader.LedgerException e) {
            throw new CliException(e.getMessage(), 1);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("none of the configured challenges")) {
                throw new CliException(e.getMessage() + "; add a single-asset challenge to --config", 2);
            }
            throw e;
        } catch (IOException e) {
            throw new CliException("cannot serve metrics on " + metricsHost + ":" + metricsPort + ": " + e.getMessage(), 1);
        } finally {
            if (registry != null) {
                registry.close();
            }
        }
    }

    /** On a local network, weight commits are timelocked to its beacon (else quicknet, as the SDK). */
    private static Subtensor timelocked(Subtensor st, LocalnetDefaults local) {
        return local == null ? st : st.withTimelock(local.drand(), local.blockTimeSeconds());
    }

    /** Adds file appenders: everything to main.log, the weights logger to weights.log, per-challenge lines as-is. */
    void fileLogs(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliException("--log-dir: cannot create " + dir + ": " + e.getMessage(), 2);
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx)) {
            log.warn("--log-dir needs logback; no log files written");
            return;
        }
        attach(ctx, org.slf4j.Logger.ROOT_LOGGER_NAME, dir.resolve("main.log"), "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        attach(ctx, "io.tao4j.mantis.weights", dir.resolve("weights.log"), "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level - %msg%n");
        attach(ctx, "io.tao4j.mantis.per_challenge", dir.resolve("per_challenge_weights.log"), "%msg%n");
    }

    private void attach(ch.qos.logback.classic.LoggerContext ctx, String logger, Path file, String pattern) {
        ch.qos.logback.classic.encoder.PatternLayoutEncoder enc = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern(pattern);
        enc.start();
        ch.qos.logback.core.FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> app = new ch.qos.logback.core.FileAppender<>();
        app.setContext(ctx);
        app.setName("mantis-" + file.getFileName());
        app.setFile(file.toString());
        app.setAppend(true);
        app.setEncoder(enc);
        app.start();
        ctx.getLogger(logger).addAppender(app);
        detach.add(() -> {
            ctx.getLogger(logger).detachAppender(app);
            app.stop();
        });
    }

    static ValidatorConfig config(Path file) {
        return config(file, io.tao4j.mantis.protocol.Protocol.DEFAULT);
    }

    /** The protocol's defaults, overridden by the {@code --config} file. */
    static ValidatorConfig config(Path file, io.tao4j.mantis.protocol.Protocol protocol) {
        if (file == null) {
            return ValidatorConfig.defaults(protocol);
        }
        try {
            return ValidatorConfig.parse(Json.MAPPER.readTree(java.nio.file.Files.readAllBytes(file)), protocol);
        } catch (IOException e) {
            throw new CliException("--config " + file + ": cannot read JSON: " + e.getMessage(), 2);
        } catch (IllegalArgumentException e) {
            throw new CliException("--config " + file + ": " + e.getMessage(), 2);
        }
    }

    private LocalnetDefaults localDefaults(Network network) {
        return LocalnetDocument.read(LocalnetDocument.of(network, discoveryUrl), LocalnetDefaults::fetch);
    }

    static String summary(MantisValidator.Stats s) {
        ObjectMapper om = Json.MAPPER;
        ObjectNode o = om.createObjectNode();
        o.put("steps", s.steps());
        o.put("collected", s.collected());
        ObjectNode rj = o.putObject("rejected");
        s.rejected().forEach((k, v) -> {
            if (v > 0) {
                rj.put(k.name(), v);
            }
        });
        o.put("opened", s.opened());
        o.put("decrypt_rejected", s.decryptRejected());
        o.put("pending", s.pending());
        o.put("last_weights_block", s.lastWeightsBlock());
        o.put("weights_set", s.weightsSet());
        return o.toString();
    }
}
