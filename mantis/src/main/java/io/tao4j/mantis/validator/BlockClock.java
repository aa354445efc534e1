package io.tao4j.mantis.validator;

/** The validator's clock: the chain's current (best) block number. */
@FunctionalInterface
public interface BlockClock {
    long currentBlock();
}
