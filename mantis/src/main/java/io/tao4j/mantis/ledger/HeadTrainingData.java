package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.TrainingData;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code DataLog.iter_challenge_training_data} yields at bcff57b, per ticker in challenge order: binary
 * series, LBFGS/HITFIRST series with their sample indices, multi-asset series, and the breakout samples.
 * Tickers without data are absent, as the reference yields nothing for them.
 */
public final class HeadTrainingData {
    private final Map<String, ChallengeSeries> binary = new LinkedHashMap<>();
    private final Map<String, PricedSeries> priced = new LinkedHashMap<>();
    private final Map<String, MultiAssetSeries> multi = new LinkedHashMap<>();
    private final Map<String, List<BreakoutSample>> breakouts = new LinkedHashMap<>();
    private final List<String> order = new java.util.ArrayList<>();

    void putBinary(String ticker, ChallengeSeries s) {
        binary.put(ticker, s);
        order.add(ticker);
    }

    void putPriced(String ticker, PricedSeries s) {
        priced.put(ticker, s);
        order.add(ticker);
    }

    void putMulti(String ticker, MultiAssetSeries s) {
        multi.put(ticker, s);
        order.add(ticker);
    }

    void putBreakouts(String ticker, List<BreakoutSample> s) {
        breakouts.put(ticker, List.copyOf(s));
        order.add(ticker);
    }

    /** The tickers that have data, in the order the reference yields them. */
    public List<String> tickers() {
        return Collections.unmodifiableList(order);
    }

    public Optional<ChallengeSeries> binary(String ticker) {
        return Optional.ofNullable(binary.get(ticker));
    }

    public Optional<PricedSeries> priced(String ticker) {
        return Optional.ofNullable(priced.get(ticker));
    }

    public Optional<MultiAssetSeries> multiAsset(String ticker) {
        return Optional.ofNullable(multi.get(ticker));
    }

    public Optional<List<BreakoutSample>> breakouts(String ticker) {
        return Optional.ofNullable(breakouts.get(ticker));
    }

    /** The binary and LBFGS/HITFIRST series as the scorers of the original 8 challenges take them. */
    public TrainingData singleAsset() {
        Map<String, ChallengeSeries> m = new LinkedHashMap<>();
        for (String t : order) {
            if (binary.containsKey(t)) {
                m.put(t, binary.get(t));
            } else if (priced.containsKey(t)) {
                m.put(t, priced.get(t).series());
            }
        }
        return new TrainingData(m);
    }
}
