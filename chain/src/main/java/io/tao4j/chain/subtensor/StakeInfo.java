package io.tao4j.chain.subtensor;

/**
 * Stake of (coldkey, hotkey, netuid) in alpha rao (9 decimals). {@code source} is "StakeInfoRuntimeApi" or
 * "storage" (share pool computation on runtimes without the runtime API).
 */
public record StakeInfo(String hotkey, String coldkey, int netuid, long stake, String source) {
    /** The stake as alpha (rao / 10^9). */
    public double alpha() {
        return stake / 1e9;
    }
}
