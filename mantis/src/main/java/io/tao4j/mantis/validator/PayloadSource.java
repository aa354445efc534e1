package io.tao4j.mantis.validator;

import io.tao4j.mantis.collect.PayloadCollector;

import java.time.Duration;
import java.util.Map;

/**
 * Port 3 of the validator: downloads the payload behind each commitment (hotkey → committed URL, null
 * when none) and says, per hotkey, what it got or why not.
 */
@FunctionalInterface
public interface PayloadSource {
    Map<String, PayloadCollector.Result> collect(Map<String, String> commitments);

    /** {@link PayloadCollector#collect} with {@code budget} for the whole round of downloads. */
    static PayloadSource of(PayloadCollector collector, Duration budget) {
        return new PayloadSource() {
            @Override
            public Map<String, PayloadCollector.Result> collect(Map<String, String> commitments) {
                return collector.collect(commitments, budget);
            }

            @Override
            public String toString() {
                return "PayloadCollector (budget " + budget.toSeconds() + " s)";
            }
        };
    }
}
