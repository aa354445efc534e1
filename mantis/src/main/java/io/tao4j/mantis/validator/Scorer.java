package io.tao4j.mantis.validator;

import io.tao4j.mantis.salience.SalienceResult;

import java.util.Set;

/** Port 5 of the validator: salience per hotkey over the ledger's data up to a block (inclusive). */
@FunctionalInterface
public interface Scorer {
    SalienceResult salience(long uptoBlock);

    /**
     * The same restricted to the {@code active} hotkeys (the metagraph's; HEAD's {@code active_hotkeys}). The
     * default ignores the set: the 2e9bc5b scorer reads a ledger from which departed hotkeys were pruned.
     */
    default SalienceResult salience(long uptoBlock, Set<String> active) {
        return salience(uptoBlock);
    }
}
