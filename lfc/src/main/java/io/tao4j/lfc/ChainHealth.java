package io.tao4j.lfc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a neuron can still read the chain. The neuron reports every chain read ({@link #success()},
 * {@link #failure(Throwable)}); after {@code threshold} without a successful read (counted from the last success, or
 * from the start when there was none) one Slack alert goes out, and one recovery message when reads succeed again.
 * The time of the last success is exported as the gauge {@code lfc_last_success_timestamp_seconds{neuron}} (0 until
 * the first success). Thread-safe; the clock is injectable.
 */
public final class ChainHealth {
    private static final Logger log = LoggerFactory.getLogger(ChainHealth.class);
    /** The default outage time before alerting: 10 minutes. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofMinutes(10);

    private final String neuron;
    private final Duration threshold;
    private final Clock clock;
    private final SlackNotifier slack;
    private final AtomicLong lastSuccessSeconds = new AtomicLong();
    private Instant reference;
    private boolean hadSuccess;
    private boolean alerted;
    private String lastError;

    /**
     * @param neuron    "validator" or "sweeper" (the gauge's label and the messages' subject)
     * @param threshold time without a successful read before alerting (positive)
     * @param slack     where alerts go (null: logged only)
     * @param metrics   where the gauge is registered (null: none)
     */
    public ChainHealth(String neuron, Duration threshold, Clock clock, SlackNotifier slack, LfcMetrics metrics) {
        if (threshold == null || threshold.isNegative() || threshold.isZero()) {
            throw new LfcException("--alert.chain-outage-minutes must be a positive number of minutes, got " + threshold);
        }
        this.neuron = neuron;
        this.threshold = threshold;
        this.clock = clock;
        this.slack = slack;
        this.reference = clock.instant();
        if (metrics != null) {
            metrics.lastSuccessGauge(neuron, lastSuccessSeconds);
        }
    }

    public Duration threshold() {
        return threshold;
    }

    /** Seconds since the epoch of the last successful chain read, 0 before the first. */
    public long lastSuccessEpochSeconds() {
        return lastSuccessSeconds.get();
    }

    /** True while an outage alert has gone out and no read has succeeded since. */
    public synchronized boolean inOutage() {
        return alerted;
    }

    /** A chain read succeeded: sends the recovery message when an outage was alerted. */
    public void success() {
        Instant now = clock.instant();
        String recovery = null;
        synchronized (this) {
            if (alerted) {
                recovery = "✅ Chain reachable again: the " + neuron + " read the chain after " + minutes(Duration.between(reference, now))
                        + " without a successful read.";
                alerted = false;
            }
            reference = now;
            hadSuccess = true;
            lastError = null;
            lastSuccessSeconds.set(now.getEpochSecond());
        }
        if (recovery != null) {
            log.info(recovery);
            if (slack != null) {
                slack.send(recovery, SlackNotifier.Level.SUCCESS);
            }
        }
    }

    /** A chain read failed: alerts once when the outage has lasted the threshold. */
    public void failure(Throwable error) {
        failure(error == null ? "unknown error" : error.toString());
    }

    /** Same with the error's text. */
    public void failure(String error) {
        Instant now = clock.instant();
        String alert = null;
        synchronized (this) {
            lastError = error;
            Duration down = Duration.between(reference, now);
            if (!alerted && down.compareTo(threshold) >= 0) {
                alerted = true;
                alert = "🚨 Chain unreachable: the " + neuron + " has had no successful chain read for " + minutes(down)
                        + (hadSuccess ? "" : " (none since it started)") + " (alert threshold " + minutes(threshold) + ")."
                        + "\nLast error: " + error;
            }
        }
        if (alert != null) {
            log.error(alert);
            if (slack != null) {
                slack.send(alert, SlackNotifier.Level.ERROR);
            }
        }
    }

    public synchronized String lastError() {
        return lastError;
    }

    static String minutes(Duration d) {
        return d.toMillis() < 60_000 ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)
                : String.format(Locale.ROOT, "%.1f min", d.toMillis() / 60000.0);
    }
}
