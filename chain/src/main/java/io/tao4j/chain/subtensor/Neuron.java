package io.tao4j.chain.subtensor;

/**
 * One neuron of a metagraph (the fields of the runtime's {@code NeuronInfoLite} the neurons use). u16 proportions
 * (incentive, dividends, …) are kept raw; divide by 65535 for the SDK's floats. {@code stake} is the sum of the
 * per-coldkey stake list in rao (alpha on dTAO subnets); {@code axonIp}/{@code axonPort} are from axon_info.
 */
public record Neuron(int uid, String hotkey, String coldkey, boolean active, long stake, int rank, long emission,
                     int incentive, int consensus, int trust, int validatorTrust, int dividends, long lastUpdate,
                     boolean validatorPermit, String axonIp, int axonPort) {
}
