package io.tao4j.mantis.validator;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tao4j.mantis.collect.PayloadCollector;
import io.tao4j.mantis.collect.Rejection;

import java.util.Locale;

/**
 * A validator's {@link MantisValidator#stats()} as meters: {@code mantis_validator_steps},
 * {@code mantis_validator_payloads{outcome}}, {@code mantis_validator_decrypted{outcome}},
 * {@code mantis_validator_decrypt_pass_seconds}, {@code mantis_validator_pending_payloads},
 * {@code mantis_validator_last_weights_block}, {@code mantis_validator_salience_seconds},
 * {@code mantis_validator_weights_set}, {@code mantis_validator_burn_share}, {@code mantis_validator_ema_applied},
 * {@code mantis_validator_price_failures} (fetches or documents that gave zero
 * prices); and a {@link PayloadCollector}'s {@link PayloadCollector#stats()} as {@code mantis_collector_*} (counters
 * get Prometheus's {@code _total}).
 */
public final class MantisValidatorMetrics {
    private MantisValidatorMetrics() {
    }

    public static void bind(MantisValidator v, MeterRegistry registry) {
        FunctionCounter.builder("mantis_validator_steps", v, l -> l.stats().steps()).register(registry);
        FunctionCounter.builder("mantis_validator_payloads", v, l -> l.stats().collected()).tag("outcome", "collected")
                .register(registry);
        for (Rejection r : Rejection.values()) {
            FunctionCounter.builder("mantis_validator_payloads", v, l -> l.stats().rejected().get(r))
                    .tag("outcome", r.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        FunctionCounter.builder("mantis_validator_decrypted", v, l -> l.stats().opened()).tag("outcome", "opened").register(registry);
        FunctionCounter.builder("mantis_validator_decrypted", v, l -> l.stats().decryptRejected()).tag("outcome", "rejected")
                .register(registry);
        Gauge.builder("mantis_validator_decrypt_pass_seconds", v, l -> l.stats().lastDecryptMillis() / 1000.0).register(registry);
        Gauge.builder("mantis_validator_pending_payloads", v, l -> l.stats().pending()).register(registry);
        Gauge.builder("mantis_validator_last_weights_block", v, l -> l.stats().lastWeightsBlock()).register(registry);
        Gauge.builder("mantis_validator_salience_seconds", v, l -> l.stats().lastSalienceSeconds()).register(registry);
        FunctionCounter.builder("mantis_validator_weights_set", v, l -> l.stats().weightsSet()).register(registry);
        Gauge.builder("mantis_validator_burn_share", v, MantisValidator::lastBurnShare)
                .description("UID 0's share of the last saved weights (HEAD's burn)").register(registry);
        Gauge.builder("mantis_validator_ema_applied", v, l -> l.lastEmaApplied() ? 1 : 0)
                .description("1 when the last saved weights blended in the previous vector (EMA)").register(registry);
        FunctionCounter.builder("mantis_validator_price_failures", v, l -> l.stats().priceFailures())
                .description("price fetches or documents that gave the step zero prices").register(registry);
    }

    /**
     * The collector's counts: {@code mantis_collector_downloads{outcome=started|collected|aborted_on_timeout|
     * too_large|error}}, {@code mantis_collector_memory_waits}, and the gauges
     * {@code mantis_collector_in_flight_bytes} and {@code mantis_collector_peak_in_flight_bytes}.
     */
    public static void bind(PayloadCollector c, MeterRegistry registry) {
        FunctionCounter.builder("mantis_collector_downloads", c, x -> x.stats().started()).tag("outcome", "started")
                .register(registry);
        FunctionCounter.builder("mantis_collector_downloads", c, x -> x.stats().collected()).tag("outcome", "collected")
                .register(registry);
        FunctionCounter.builder("mantis_collector_downloads", c, x -> x.stats().abortedOnTimeout())
                .tag("outcome", "aborted_on_timeout").register(registry);
        FunctionCounter.builder("mantis_collector_downloads", c, x -> x.stats().tooLarge()).tag("outcome", "too_large")
                .register(registry);
        FunctionCounter.builder("mantis_collector_downloads", c, x -> x.stats().errors()).tag("outcome", "error")
                .register(registry);
        FunctionCounter.builder("mantis_collector_memory_waits", c, x -> x.stats().memoryWaits()).register(registry);
        Gauge.builder("mantis_collector_in_flight_bytes", c, x -> x.stats().inFlightBytes()).baseUnit("bytes")
                .register(registry);
        Gauge.builder("mantis_collector_peak_in_flight_bytes", c, x -> x.stats().peakInFlightBytes()).baseUnit("bytes")
                .register(registry);
    }
}
