package io.tao4j.mantis.salience;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Training series per challenge ticker (the {@code training_data} dict of MANTIS's validator). */
public final class TrainingData {
    private final Map<String, ChallengeSeries> byTicker;

    public TrainingData(Map<String, ChallengeSeries> byTicker) {
        this.byTicker = new LinkedHashMap<>(byTicker);
    }

    public Optional<ChallengeSeries> series(String ticker) {
        return Optional.ofNullable(byTicker.get(ticker));
    }

    public Map<String, ChallengeSeries> asMap() {
        return java.util.Collections.unmodifiableMap(byTicker);
    }
}
