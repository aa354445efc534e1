package io.tao4j.mantis.validator;

import io.micrometer.core.instrument.MeterRegistry;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Signer;
import io.tao4j.drand.ChainInfo;
import io.tao4j.drand.DrandClient;
import io.tao4j.mantis.payload.MantisV2;
import io.tao4j.mantis.payload.PayloadOpener;
import io.tao4j.mantis.collect.CommitUrlRules;
import io.tao4j.mantis.collect.PayloadCollector;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.payload.SubmissionValidator;
import io.tao4j.mantis.salience.MantisChallenge;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Assembles a {@link MantisValidator} on one {@link Subtensor} (one connection, one metadata download: the
 * metagraph, commitments, weights, the block clock and the chain's drand pulses all go through it):
 * <pre>{@code
 * try (MantisValidator v = MantisValidator.builder().subtensor(st).signer(hotkey).ledger(path)
 *         .config(cfg).drand(chain, relays).allowedHosts(hosts).priceUrl(url).build()) {
 *     v.run(stop);
 * }}</pre>
 * Unset ports get MANTIS's real ones: {@link LatestPrices}, {@link PayloadCollector} on R2 (plus
 * {@link #allowedHosts}), {@link Decryptor} with verified drand signatures from the relays then from the chain's
 * {@code Drand.Pulses} ({@link ChainPulseSignatures}) and the protocol's {@code SubmissionValidator}, the scorer
 * {@link ProtocolScoring} maps the configured protocol to, on the ledger file, and
 * {@link SubtensorValidatorChain} for the metagraph, commitments and weights. At bcff57b the ledger is
 * {@code Ledger.open(file, protocol)} and the EMA state ({@link EmaState}) lives in the same file. A commit-reveal subnet's weights
 * are timelocked as the given {@code Subtensor} is configured ({@code withTimelock}).
 */
public final class MantisValidatorBuilder {
    private Subtensor subtensor;
    private Signer signer;
    private int netuid = 123;
    private Path ledgerFile;
    private ValidatorConfig config = ValidatorConfig.defaults();
    private boolean dryRun;
    private URI priceUrl = URI.create(LatestPrices.MANTIS_URL);
    private ChainInfo drandChain = ChainInfo.QUICKNET;
    private List<String> drandRelays = DrandClient.DEFAULT_RELAYS;
    private Path drandCache;
    private byte[] ownerPublicKey = MantisV2.ownerPublicKey();
    private Set<String> allowedHosts = Set.of();
    private Duration collectBudget = Duration.ofSeconds(40);
    private MantisValidator.Pacing pacing = MantisValidator.Pacing.of(Duration.ofSeconds(1), 0);
    private MantisValidator.Listener listener = MantisValidator.Listener.NONE;
    private MeterRegistry metrics;
    private PriceFeed prices;
    private PayloadSource payloads;
    private PayloadDecryptor decryptor;
    private Scorer scorer;

    MantisValidatorBuilder() {
    }

    /** The chain connection every chain read and write goes through (required). */
    public MantisValidatorBuilder subtensor(Subtensor subtensor) {
        this.subtensor = subtensor;
        return this;
    }

    /** The validator hotkey that signs the weights (required). */
    public MantisValidatorBuilder signer(Signer hotkey) {
        this.signer = hotkey;
        return this;
    }

    public MantisValidatorBuilder netuid(int netuid) {
        this.netuid = netuid;
        return this;
    }

    /** The ledger file (MANTIS datalog schema, created when missing; required); the validator opens and closes it. */
    public MantisValidatorBuilder ledger(Path file) {
        this.ledgerFile = file;
        return this;
    }

    /** Protocol version, challenges and cadences (default: {@link ValidatorConfig#defaults()}, bcff57b's). */
    public MantisValidatorBuilder config(ValidatorConfig config) {
        this.config = Objects.requireNonNull(config);
        return this;
    }

    /** Log the weights that would be set instead of setting them. */
    public MantisValidatorBuilder dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** The latest-prices feed (default: MANTIS's). */
    public MantisValidatorBuilder priceUrl(URI url) {
        this.priceUrl = Objects.requireNonNull(url);
        return this;
    }

    /** The drand beacon payloads are timelocked to and its relays (default: quicknet, MANTIS's and the public relays). */
    public MantisValidatorBuilder drand(ChainInfo chain, List<String> relays) {
        this.drandChain = Objects.requireNonNull(chain);
        this.drandRelays = List.copyOf(relays);
        return this;
    }

    /** Where verified drand beacons are cached (default: {@code drand-cache} beside the ledger). */
    public MantisValidatorBuilder drandCache(Path dir) {
        this.drandCache = dir;
        return this;
    }

    /** The owner X25519 public key payloads must carry (default: MANTIS config's). */
    public MantisValidatorBuilder ownerPublicKey(byte[] key) {
        this.ownerPublicKey = key.clone();
        return this;
    }

    /** Hosts payloads may be downloaded from besides R2. */
    public MantisValidatorBuilder allowedHosts(Set<String> hosts) {
        this.allowedHosts = Set.copyOf(hosts);
        return this;
    }

    /** Time for one round of downloads (default 40 s). */
    public MantisValidatorBuilder collectBudget(Duration budget) {
        this.collectBudget = Objects.requireNonNull(budget);
        return this;
    }

    public MantisValidatorBuilder pacing(MantisValidator.Pacing pacing) {
        this.pacing = Objects.requireNonNull(pacing);
        return this;
    }

    public MantisValidatorBuilder listener(MantisValidator.Listener listener) {
        this.listener = Objects.requireNonNull(listener);
        return this;
    }

    /** Registers the validator's meters ({@link MantisValidatorMetrics}) here. */
    public MantisValidatorBuilder metrics(MeterRegistry registry) {
        this.metrics = registry;
        return this;
    }

    /** Replaces the latest-prices port. */
    public MantisValidatorBuilder prices(PriceFeed prices) {
        this.prices = prices;
        return this;
    }

    /** Replaces the download port. */
    public MantisValidatorBuilder payloads(PayloadSource payloads) {
        this.payloads = payloads;
        return this;
    }

    /** Replaces the decryption port. */
    public MantisValidatorBuilder decryptor(PayloadDecryptor decryptor) {
        this.decryptor = decryptor;
        return this;
    }

    /** Replaces the salience port. */
    public MantisValidatorBuilder scorer(Scorer scorer) {
        this.scorer = scorer;
        return this;
    }

    /**
     * Opens the ledger and wires the validator.
     *
     * @throws IllegalStateException naming what is missing
     * @throws io.tao4j.mantis.ledger.DatalogReader.LedgerException when the ledger cannot be opened
     */
    public MantisValidator build() {
        if (subtensor == null || signer == null || ledgerFile == null) {
            throw new IllegalStateException("a MANTIS validator needs subtensor(..), signer(..) and ledger(..)");
        }
        boolean head = config.protocol() != io.tao4j.mantis.protocol.Protocol.P2E9BC5B;
        // 2e9bc5b: the configured challenges in that version's layout; later versions: the protocol's ledger
        Ledger ledger = head ? Ledger.open(ledgerFile, config.protocol()) : Ledger.open(ledgerFile, config.legacyChallenges());
        if (head) {
            TradeMixHistory.warnIfShort(ledger, config.protocol()); // a short history pays differently from peers
        }
        PayloadCollector collector = null;
        try {
            SubtensorValidatorChain chain = new SubtensorValidatorChain(subtensor, signer, netuid);
            PayloadSource source = payloads;
            if (source == null) {
                collector = new PayloadCollector(new CommitUrlRules(new HashSet<>(allowedHosts)), PayloadCollector.Limits.defaults());
                source = PayloadSource.of(collector, collectBudget);
            }
            MantisValidator v = new MantisValidator(chain, chain, prices != null ? prices : new LatestPrices(priceUrl), source, ledger,
                    decryptor != null ? decryptor : PayloadDecryptor.of(drandDecryptor()),
                    scorer != null ? scorer : ProtocolScoring.scorer(config, ledgerFile), config, dryRun)
                    .clock(chain).pacing(pacing).listener(listener).owning(ledger);
            if (collector != null) {
                v.owning(collector);
            }
            if (head) {
                EmaState ema = EmaState.open(ledger);
                v.emaState(ema).owning(ema);
            }
            if (metrics != null) {
                MantisValidatorMetrics.bind(v, metrics);
                if (collector != null) {
                    MantisValidatorMetrics.bind(collector, metrics);
                }
            }
            return v;
        } catch (RuntimeException e) {
            if (collector != null) {
                collector.close();
            }
            ledger.close();
            throw e;
        }
    }

    /** Signatures from the drand relays first, then the chain's stored pulses, each verified against the beacon key. */
    private Decryptor drandDecryptor() {
        Path cache = drandCache != null ? drandCache : ledgerFile.toAbsolutePath().getParent().resolve("drand-cache");
        DrandClient drand = new DrandClient(DrandClient.Config.defaults(cache).withRelays(drandRelays).withChain(drandChain));
        PayloadOpener.SignatureSource signatures = ChainPulseSignatures.firstVerified(drandChain, List.of(
                PayloadOpener.SignatureSource.from(drand), ChainPulseSignatures.from(subtensor, drandChain)));
        Set<String> stored = new HashSet<>(); // a 2e9bc5b ledger's tickers; a protocol's ledger stores every challenge
        for (MantisChallenge c : config.legacyChallenges()) {
            stored.add(c.ticker());
        }
        return new Decryptor(new PayloadOpener(ownerPublicKey), signatures, 300, 2000,
                new SubmissionValidator(config.protocol()), stored);
    }
}
