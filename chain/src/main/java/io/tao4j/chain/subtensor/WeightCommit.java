package io.tao4j.chain.subtensor;

/**
 * One pending hash commit of {@code commit_weights} ({@code WeightCommits(netuid, hotkey)} entry): the blake2-256
 * commit hash, the block it was committed in, and the first and last block of its reveal window as the chain stores
 * them.
 */
public record WeightCommit(String hash, long commitBlock, long firstRevealBlock, long lastRevealBlock) {
}
