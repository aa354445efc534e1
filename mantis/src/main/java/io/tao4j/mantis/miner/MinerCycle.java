package io.tao4j.mantis.miner;

import io.tao4j.drand.ChainInfo;
import io.tao4j.mantis.payload.PayloadSealer;
import io.tao4j.mantis.payload.V2Payload;
import io.tao4j.mantis.model.ModelSet;
import io.tao4j.mantis.model.PriceHistory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One miner cycle: read prices → embeddings for every challenge (range-checked) → plaintext as
 * {@code _prepare_v2_plaintext} builds it → seal a v2 payload to the drand round {@code lockSeconds}
 * ahead (MANTIS's {@code _target_round}) → upload it under the hotkey, replacing the previous object.
 * Every collaborator is injected, so the cycle is tested without a network.
 */
public final class MinerCycle {

    /** Seals a plaintext for a round ({@link PayloadSealer#seal} in production). */
    @FunctionalInterface
    public interface Sealer {
        V2Payload seal(String hotkey, long round, byte[] plaintext);
    }

    /** What one cycle did. */
    public record Result(long round, Instant sealedAt, int bytes, long uploadMillis, long totalMillis,
                         Map<String, double[]> embeddings, String payloadJson) {
    }

    private final String hotkey;
    private final Clock clock;
    private final PriceSource prices;
    private final ModelSet models;
    private final ChainInfo drand;
    private final double lockSeconds;
    private final Sealer sealer;
    private final PayloadUploader uploader;

    public MinerCycle(String hotkey, Clock clock, PriceSource prices, ModelSet models, ChainInfo drand, double lockSeconds,
                      Sealer sealer, PayloadUploader uploader) {
        this.hotkey = Objects.requireNonNull(hotkey, "hotkey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.models = Objects.requireNonNull(models, "models");
        this.drand = Objects.requireNonNull(drand, "drand");
        if (!(lockSeconds >= 0) || Double.isInfinite(lockSeconds)) {
            throw new IllegalArgumentException("lock seconds must be a non-negative number, got " + lockSeconds);
        }
        this.lockSeconds = lockSeconds;
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.uploader = Objects.requireNonNull(uploader, "uploader");
    }

    public String hotkey() {
        return hotkey;
    }

    /**
     * Runs the cycle once.
     *
     * @throws IOException when prices cannot be read or the upload fails
     * @throws IllegalArgumentException when a model returns an out-of-range embedding
     */
    public Result run() throws IOException {
        long t0 = System.nanoTime();
        PriceHistory history = prices.history();
        Map<String, double[]> emb = models.embed(history);
        byte[] plaintext = PayloadSealer.preparePlaintext(hotkey, models.json(emb));
        Instant now = clock.instant();
        long round = drand.mantisTargetRound(now, lockSeconds);
        if (round < 1) {
            throw new IllegalStateException("drand round " + round + " at " + now + " is before the chain's genesis");
        }
        String json = sealer.seal(hotkey, round, plaintext).toJson();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        long u0 = System.nanoTime();
        uploader.put(hotkey, body);
        long u1 = System.nanoTime();
        return new Result(round, now, body.length, (u1 - u0) / 1_000_000, (u1 - t0) / 1_000_000, emb, json);
    }
}
