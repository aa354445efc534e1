package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.ChallengeSeries;

import java.util.Objects;

/**
 * LBFGS / HITFIRST training rows ({@code _build_lbfgs_from_db}): the series (embeddings, price per row) and the
 * sample index of every row, which the bcff57b scorers use to pair rows by block distance.
 */
public record PricedSeries(ChallengeSeries series, long[] sidx, int blocksAhead) {
    public PricedSeries {
        Objects.requireNonNull(series, "series");
        if (sidx.length != series.rows()) {
            throw new IllegalArgumentException("sidx has " + sidx.length + " rows, series " + series.rows());
        }
    }
}
