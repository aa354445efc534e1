package io.tao4j.mantis.miner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/** The miner's one-time setup on chain: registered hotkey, and the payload URL as its commitment. */
public final class Commitment {
    private static final Logger log = LoggerFactory.getLogger(Commitment.class);

    /** What {@link #ensure} did. */
    public enum Outcome { ALREADY_COMMITTED, COMMITTED }

    private Commitment() {
    }

    /**
     * Checks the hotkey is registered; if its commitment is not {@code url}, commits {@code url} and polls
     * until it reads back (within {@code readBack}).
     *
     * @throws IllegalStateException naming the problem: not registered, the commit refused, or the
     *     commitment not reading back as {@code url}
     */
    public static Outcome ensure(MinerChain chain, String hotkeySs58, int netuid, String url, Duration readBack)
            throws InterruptedException {
        if (url.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 128) {
            throw new IllegalStateException("payload URL " + url + " is longer than the 128 bytes a commitment holds");
        }
        if (!chain.isRegistered()) {
            throw new IllegalStateException("hotkey " + hotkeySs58 + " is not registered on subnet " + netuid
                    + "; register it first (btcli subnets register)");
        }
        Optional<String> now = chain.commitment();
        if (now.isPresent() && now.get().equals(url)) {
            log.info("commitment of {} on subnet {} is already {}", hotkeySs58, netuid, url);
            return Outcome.ALREADY_COMMITTED;
        }
        log.info("committing {} for {} on subnet {} (was {})", url, hotkeySs58, netuid, now.orElse("nothing"));
        chain.commit(url);
        long deadline = System.nanoTime() + readBack.toNanos();
        Optional<String> back = chain.commitment();
        while (!(back.isPresent() && back.get().equals(url)) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            back = chain.commitment();
        }
        if (!(back.isPresent() && back.get().equals(url))) {
            throw new IllegalStateException("commitment of " + hotkeySs58 + " reads back as " + back.orElse("nothing")
                    + ", not " + url);
        }
        log.info("commitment verified: {}", url);
        return Outcome.COMMITTED;
    }
}
