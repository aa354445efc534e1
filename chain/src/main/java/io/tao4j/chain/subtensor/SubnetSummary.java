package io.tao4j.chain.subtensor;

import io.tao4j.chain.Balance;

/**
 * One subnet as {@code tao4j subnets list/show} print it, read from storage at one block: owner coldkey and hotkey,
 * registered and maximum UIDs, tempo, blocks since the last step, the burn cost of registration (TAO), whether
 * commit-reveal is on and registration block.
 */
public record SubnetSummary(int netuid, String ownerColdkey, String ownerHotkey, int n, int maxN, int tempo,
                            long blocksSinceLastStep, Balance burn, boolean commitReveal, long registeredAt) {
}
