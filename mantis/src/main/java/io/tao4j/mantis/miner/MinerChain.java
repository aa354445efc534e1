package io.tao4j.mantis.miner;

import java.util.Optional;

/** The chain operations a miner needs, for one hotkey on one subnet. */
public interface MinerChain {
    /** Whether the miner's hotkey has a UID on the subnet. */
    boolean isRegistered();

    /** The hotkey's current commitment text on the subnet, if any. */
    Optional<String> commitment();

    /**
     * Sets the hotkey's commitment ({@code Commitments.set_commitment}) and returns once the chain has
     * accepted it. @throws RuntimeException with the chain's reason when it is refused
     */
    void commit(String data);
}
