package io.tao4j.mantis.validator;

import io.tao4j.mantis.salience.SalienceResult;

/** Port 5 of the validator: salience per hotkey over the ledger's data up to a block (inclusive). */
@FunctionalInterface
public interface Scorer {
    SalienceResult salience(long uptoBlock);
}
