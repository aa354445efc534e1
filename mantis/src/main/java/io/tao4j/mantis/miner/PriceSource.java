package io.tao4j.mantis.miner;

import io.tao4j.mantis.model.PriceHistory;

import java.io.IOException;

/** Where a miner cycle gets its recent prices. */
@FunctionalInterface
public interface PriceSource {
    /** The current history. @throws IOException when the source cannot be read */
    PriceHistory history() throws IOException;
}
