package io.tao4j.chain.subtensor;

import java.util.List;

/**
 * A subnet's neurons at one block. {@code source} says where the data came from: "NeuronInfoRuntimeApi" (what
 * the SDK's lite metagraph sync uses) or "storage" (older runtimes without runtime APIs in the metadata).
 */
public record Metagraph(int netuid, long block, String blockHash, List<Neuron> neurons, String source) {

    public int n() {
        return neurons.size();
    }

    public List<Integer> uids() {
        return neurons.stream().map(Neuron::uid).toList();
    }

    public List<String> hotkeys() {
        return neurons.stream().map(Neuron::hotkey).toList();
    }

    public List<String> coldkeys() {
        return neurons.stream().map(Neuron::coldkey).toList();
    }

    /** The neuron with this uid, or null. */
    public Neuron neuron(int uid) {
        return neurons.stream().filter(n -> n.uid() == uid).findFirst().orElse(null);
    }
}
