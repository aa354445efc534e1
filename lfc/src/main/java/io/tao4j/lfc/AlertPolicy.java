package io.tao4j.lfc;

import java.time.Clock;

/**
 * When a failed weight setting deserves a Slack alert, with the reference's rules: any failure after 2 h without
 * success; otherwise at most one alert per 10 min, except critical failures and failures after 1 h without success;
 * critical failures at once; benign failures never (unless prolonged); unknown failures after 2 consecutive
 * failures. A success after a critical failure asks for a recovery message. Thread-safe; the clock is injectable.
 */
public final class AlertPolicy {
    public static final long ABSOLUTE_TIMEOUT_S = 7200;
    public static final long PROLONGED_S = 3600;
    public static final long RATE_LIMIT_S = 600;

    /** The outcome of recording a failure. */
    public record Decision(boolean alert, FailureType type, int consecutiveFailures, double secondsSinceSuccess) {
    }

    private final Clock clock;
    private int consecutiveFailures;
    private double lastSuccess;
    private double lastAlert;
    private boolean hadCritical;

    public AlertPolicy(Clock clock) {
        this.clock = clock;
        this.lastSuccess = now();
        this.lastAlert = 0;
    }

    private double now() {
        return clock.millis() / 1000.0;
    }

    /** The pure rule (the reference's {@code _should_alert_weight_failure}). */
    public static boolean shouldAlert(FailureType type, int consecutive, double sinceSuccess, double sinceLastAlert) {
        if (sinceSuccess > ABSOLUTE_TIMEOUT_S) {
            return true;
        }
        if (type != FailureType.CRITICAL && sinceSuccess <= PROLONGED_S && sinceLastAlert < RATE_LIMIT_S) {
            return false;
        }
        if (type == FailureType.CRITICAL) {
            return true;
        }
        if (sinceSuccess > PROLONGED_S) {
            return true;
        }
        if (type == FailureType.BENIGN) {
            return false;
        }
        return consecutive >= 2;
    }

    /** Records a failure of the given type and says whether to alert (and remembers the alert time if so). */
    public synchronized Decision recordFailure(FailureType type) {
        consecutiveFailures++;
        if (type == FailureType.CRITICAL) {
            hadCritical = true;
        }
        double t = now();
        double sinceSuccess = t - lastSuccess;
        boolean alert = shouldAlert(type, consecutiveFailures, sinceSuccess, t - lastAlert);
        if (alert) {
            lastAlert = t;
        }
        return new Decision(alert, type, consecutiveFailures, sinceSuccess);
    }

    /** Records a success; true when a recovery message is due (failures since the last success included a critical one). */
    public synchronized boolean recordSuccess() {
        boolean recovery = consecutiveFailures > 0 && hadCritical;
        consecutiveFailures = 0;
        lastSuccess = now();
        hadCritical = false;
        return recovery;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }
}
