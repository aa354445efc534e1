package io.tao4j.mantis.miner;

import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Signer;
import io.tao4j.crypto.Ss58;
import io.tao4j.drand.ChainInfo;
import io.tao4j.mantis.payload.MantisV2;
import io.tao4j.mantis.payload.PayloadSealer;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;
import io.tao4j.mantis.model.ModelSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The MANTIS miner as a runnable unit: {@link #builder()} assembles it on a {@link Subtensor} (one connection),
 * {@link #run} commits the payload URL ({@code <public base>/<hotkey>}) once and then runs a {@link MinerCycle}
 * every interval — embeddings from the models, sealed to the drand round {@code lockSeconds} ahead, uploaded
 * under the hotkey — and {@link #close()} releases the store client it built.
 * <pre>{@code
 * try (MantisMiner m = MantisMiner.builder().subtensor(st).signer(hotkey).publicUrlBase(base).store(target)
 *         .prices(prices).build()) {
 *     m.run(stop);
 * }}</pre>
 */
public final class MantisMiner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MantisMiner.class);

    private final MinerChain chain;
    private final String hotkey;
    private final int netuid;
    private final String url;
    private final MinerCycle cycle;
    private final AutoCloseable ownedStore;
    private final Duration interval;
    private final long maxCycles;
    private final Duration commitReadBack;
    private final Consumer<MinerCycle.Result> listener;

    private MantisMiner(Builder b, MinerChain chain, String hotkey, String url, MinerCycle cycle, AutoCloseable ownedStore) {
        this.chain = chain;
        this.hotkey = hotkey;
        this.netuid = b.netuid;
        this.url = url;
        this.cycle = cycle;
        this.ownedStore = ownedStore;
        this.interval = b.interval;
        this.maxCycles = b.maxCycles;
        this.commitReadBack = b.commitReadBack;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String hotkey() {
        return hotkey;
    }

    /** The committed payload URL. */
    public String url() {
        return url;
    }

    /**
     * Commits {@link #url()} unless it is already the hotkey's commitment, and waits for it to read back.
     *
     * @throws IllegalStateException naming the problem (not registered, refused, not reading back)
     */
    public Commitment.Outcome commit() throws InterruptedException {
        return Commitment.ensure(chain, hotkey, netuid, url, commitReadBack);
    }

    /** One cycle: embeddings, seal, upload. */
    public MinerCycle.Result cycle() throws IOException {
        return cycle.run();
    }

    /**
     * Commits, then runs a cycle every interval until {@code stop} says so, the thread is interrupted or the
     * configured number of cycles ran; a failed cycle is logged and the next one runs.
     *
     * @throws IllegalStateException when the commitment cannot be made
     */
    public MinerLoop.Stats run(BooleanSupplier stop) throws InterruptedException {
        commit();
        return loop(stop);
    }

    /** The cycles of {@link #run} without the commitment (already made). */
    public MinerLoop.Stats loop(BooleanSupplier stop) {
        MinerLoop loop = new MinerLoop(() -> {
            MinerCycle.Result r = cycle.run();
            listener.accept(r);
            return r;
        }, interval, d -> pause(d, stop));
        MinerLoop.Stats s = loop.run(maxCycles, stop);
        log.info("miner stopped after {} cycles ({} uploaded, {} failed)", s.cycles(), s.succeeded(), s.failed());
        return s;
    }

    private static void pause(Duration d, BooleanSupplier stop) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0 && !stop.getAsBoolean(); left = end - System.nanoTime()) {
            Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
        }
    }

    @Override
    public void close() {
        if (ownedStore != null) {
            try {
                ownedStore.close();
            } catch (Exception e) {
                log.debug("closing the payload store failed: {}", e.toString());
            }
        }
    }

    /** Assembles a {@link MantisMiner}; unset parts get MANTIS's defaults. */
    public static final class Builder {
        private Subtensor subtensor;
        private MinerChain chain;
        private Signer signer;
        private int netuid = 123;
        private String publicUrlBase;
        private S3Uploader.Target store;
        private PayloadUploader uploader;
        private PriceSource prices;
        private ModelSet models = ModelSet.baseline();
        private ChainInfo drand = ChainInfo.QUICKNET;
        private double lockSeconds = 30;
        private byte[] ownerPublicKey = MantisV2.ownerPublicKey();
        private TlockLayout layout = TlockLayout.CURRENT;
        private Duration interval = Duration.ofSeconds(60);
        private long maxCycles;
        private Duration commitReadBack = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Consumer<MinerCycle.Result> listener = r -> { };

        private Builder() {
        }

        /** The chain connection the commitment goes through (required unless {@link #chain} is given). */
        public Builder subtensor(Subtensor subtensor) {
            this.subtensor = subtensor;
            return this;
        }

        /** Replaces the chain port (tests). */
        public Builder chain(MinerChain chain) {
            this.chain = chain;
            return this;
        }

        /** The miner hotkey (required). */
        public Builder signer(Signer hotkey) {
            this.signer = hotkey;
            return this;
        }

        public Builder netuid(int netuid) {
            this.netuid = netuid;
            return this;
        }

        /** Public base URL of the bucket (required); the committed URL is {@code <base>/<hotkey>}. */
        public Builder publicUrlBase(String base) {
            this.publicUrlBase = base;
            return this;
        }

        /** The S3-API store (R2) payloads are uploaded to; the miner builds and closes the client. */
        public Builder store(S3Uploader.Target target) {
            this.store = target;
            return this;
        }

        /** Or an uploader the caller owns. */
        public Builder uploader(PayloadUploader uploader) {
            this.uploader = uploader;
            return this;
        }

        /** Where the models' price history comes from (required). */
        public Builder prices(PriceSource prices) {
            this.prices = prices;
            return this;
        }

        public Builder models(ModelSet models) {
            this.models = Objects.requireNonNull(models);
            return this;
        }

        /** The drand beacon payloads are timelocked to (default quicknet). */
        public Builder drand(ChainInfo drand) {
            this.drand = Objects.requireNonNull(drand);
            return this;
        }

        /** Seal each payload to the drand round this far ahead (default 30 s). */
        public Builder lockSeconds(double seconds) {
            this.lockSeconds = seconds;
            return this;
        }

        public Builder ownerPublicKey(byte[] key) {
            this.ownerPublicKey = key.clone();
            return this;
        }

        public Builder layout(TlockLayout layout) {
            this.layout = Objects.requireNonNull(layout);
            return this;
        }

        /** Time between cycle starts (default 60 s). */
        public Builder interval(Duration interval) {
            this.interval = Objects.requireNonNull(interval);
            return this;
        }

        /** Stop after this many cycles (0, the default: until stopped). */
        public Builder maxCycles(long n) {
            this.maxCycles = n;
            return this;
        }

        /** How long a new commitment may take to read back (default 60 s). */
        public Builder commitReadBack(Duration d) {
            this.commitReadBack = Objects.requireNonNull(d);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Told of every successful cycle (on the miner's thread). */
        public Builder listener(Consumer<MinerCycle.Result> listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** @throws IllegalStateException naming what is missing */
        public MantisMiner build() {
            if (signer == null || publicUrlBase == null || prices == null || (subtensor == null && chain == null)
                    || (store == null && uploader == null)) {
                throw new IllegalStateException("a MANTIS miner needs subtensor(..), signer(..), publicUrlBase(..), prices(..) "
                        + "and store(..) or uploader(..)");
            }
            String hotkey = Ss58.encode(signer.publicKey());
            String base = publicUrlBase.strip();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            PayloadSealer sealer = new PayloadSealer(new Tlock(drand.publicKeyPoint()), ownerPublicKey, layout, new SecureRandom());
            S3Uploader owned = uploader == null ? new S3Uploader(store) : null;
            PayloadUploader up = owned != null ? owned : uploader;
            try {
                MinerCycle cycle = new MinerCycle(hotkey, clock, prices, models, drand, lockSeconds, sealer::seal, up);
                MinerChain c = chain != null ? chain : new SubtensorMinerChain(subtensor, signer, hotkey, netuid);
                return new MantisMiner(this, c, hotkey, base + "/" + hotkey, cycle, owned);
            } catch (RuntimeException e) {
                if (owned != null) {
                    owned.close();
                }
                throw e;
            }
        }
    }
}
