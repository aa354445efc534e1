package io.tao4j.mantis.validator;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.subtensor.Metagraph;
import io.tao4j.chain.subtensor.SetWeightsResult;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Signer;

import java.util.Map;

/**
 * {@link SubnetView}, {@link WeightSetter} and {@link BlockClock} over a live node: the metagraph and all commitments at the best block,
 * and {@link Subtensor#setWeights} (which takes the timelocked commit path on commit-reveal
 * subnets) with the subnet's weights version key, waiting for inclusion.
 */
public final class SubtensorValidatorChain implements MantisValidator.Chain, BlockClock {
    private final Subtensor subtensor;
    private final Signer hotkey;
    private final int netuid;

    public SubtensorValidatorChain(Subtensor subtensor, Signer hotkey, int netuid) {
        this.subtensor = subtensor;
        this.hotkey = hotkey;
        this.netuid = netuid;
    }

    @Override
    public Neurons metagraph(long block) {
        Metagraph mg = subtensor.metagraph(netuid, null); // the best block, as the reference's mg.sync()
        return new Neurons(block, mg.uids(), mg.hotkeys());
    }

    @Override
    public long currentBlock() {
        return subtensor.currentBlock();
    }

    @Override
    public Map<String, String> commitments() {
        return subtensor.allCommitments(netuid, null);
    }

    /** @throws IllegalStateException with the chain's reason when the weights were not accepted */
    @Override
    public String setWeights(int[] uids, double[] weights) {
        long version = subtensor.weightsVersionKey(netuid, null);
        SetWeightsResult r = subtensor.setWeights(hotkey, netuid, uids, weights, version, OnlineClient.WaitFor.IN_BLOCK);
        if (!r.success()) {
            throw new IllegalStateException(r.status() + ": " + r.message());
        }
        return r.status() + (r.message() == null || r.message().isBlank() ? "" : " (" + r.message() + ")");
    }
}
