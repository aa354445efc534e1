package io.tao4j.mantis.miner;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.chain.tx.TxOutcome;
import io.tao4j.crypto.Signer;

import java.util.Optional;

/** {@link MinerChain} over a live node: reads at the best block, commits and waits for finalization (as the SDK does). */
public final class SubtensorMinerChain implements MinerChain {
    private final Subtensor subtensor;
    private final Signer hotkey;
    private final String hotkeySs58;
    private final int netuid;

    public SubtensorMinerChain(Subtensor subtensor, Signer hotkey, String hotkeySs58, int netuid) {
        this.subtensor = subtensor;
        this.hotkey = hotkey;
        this.hotkeySs58 = hotkeySs58;
        this.netuid = netuid;
    }

    @Override
    public boolean isRegistered() {
        return subtensor.isHotkeyRegistered(hotkeySs58, netuid, null);
    }

    @Override
    public Optional<String> commitment() {
        return subtensor.commitment(netuid, hotkeySs58, null);
    }

    @Override
    public void commit(String data) {
        TxOutcome out = subtensor.setCommitment(hotkey, netuid, data, OnlineClient.WaitFor.FINALIZED);
        if (!out.isSuccess()) {
            throw new IllegalStateException("set_commitment on subnet " + netuid + " failed: " + out.message());
        }
    }
}
