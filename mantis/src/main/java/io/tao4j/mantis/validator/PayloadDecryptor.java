package io.tao4j.mantis.validator;

import io.tao4j.mantis.ledger.Ledger;

/**
 * Port 4 of the validator: one pass over the ledger's pending payloads at {@code block}, opening those
 * old enough with their drand round's signature and storing their vectors in the ledger.
 */
@FunctionalInterface
public interface PayloadDecryptor {
    Decryptor.Report decrypt(Ledger ledger, long block);

    /** {@link Decryptor#process}. */
    static PayloadDecryptor of(Decryptor decryptor) {
        return decryptor::process;
    }
}
