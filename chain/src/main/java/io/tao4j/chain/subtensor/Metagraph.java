package io.tao4j.chain.subtensor;

import java.util.List;
import java.util.Map;

/**
 * A subnet's neurons at one block. {@code source} says where the data came from: "NeuronInfoRuntimeApi" (what
 * the SDK's lite metagraph sync uses) or "storage" (older runtimes without runtime APIs in the metadata).
 *
 * <p>{@code weights} and {@code bonds} are the matrices of the full metagraph (the SDK's {@code lite=False}): row uid →
 * (column uid → u16 value), only the non-zero entries the chain stores ({@code Weights(netuid, uid)},
 * {@code Bonds(netuid, uid)}), read at the same block. A lite metagraph ({@link SubtensorReads#metagraph}) has empty
 * maps; {@link #full()} tells which.
 */
public record Metagraph(int netuid, long block, String blockHash, List<Neuron> neurons, String source,
                        Map<Integer, Map<Integer, Integer>> weights, Map<Integer, Map<Integer, Integer>> bonds,
                        boolean full) {

    public Metagraph {
        neurons = List.copyOf(neurons);
        weights = Map.copyOf(weights);
        bonds = Map.copyOf(bonds);
    }

    /** A lite metagraph (no weight or bond matrices). */
    public Metagraph(int netuid, long block, String blockHash, List<Neuron> neurons, String source) {
        this(netuid, block, blockHash, neurons, source, Map.of(), Map.of(), false);
    }

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

    /** The weight row of {@code uid} (column uid → u16), empty when it set none (or for a lite metagraph). */
    public Map<Integer, Integer> weightsOf(int uid) {
        return weights.getOrDefault(uid, Map.of());
    }

    /** The bond row of {@code uid} (column uid → u16), empty when it holds none (or for a lite metagraph). */
    public Map<Integer, Integer> bondsOf(int uid) {
        return bonds.getOrDefault(uid, Map.of());
    }
}
