package io.tao4j.mantis.salience;

import java.util.Map;

/**
 * Output of {@link SalienceEngine#multiSalience}.
 *
 * @param total        hotkey -> salience, summing to 1 (empty when no challenge produced a score)
 * @param perChallenge ticker -> (hotkey -> salience within that challenge), the reference's breakdown
 * @param seconds      wall-clock seconds per scorer run (keys like {@code ETHLBFGS/p}) and {@code total}
 */
public record SalienceResult(Map<String, Double> total, Map<String, Map<String, Double>> perChallenge,
                             Map<String, Double> seconds) {
    public SalienceResult {
        total = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(total));
        perChallenge = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perChallenge));
        seconds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(seconds));
    }
}
