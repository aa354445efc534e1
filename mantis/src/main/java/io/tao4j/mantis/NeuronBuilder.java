package io.tao4j.mantis;

import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Signer;
import io.tao4j.mantis.payload.MantisV2;

/**
 * What the MANTIS miner and validator builders share: the chain connection, the hotkey, the subnet (default 123)
 * and the owner X25519 public key payloads are sealed to (default: MANTIS config's).
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class NeuronBuilder<B extends NeuronBuilder<B>> {
    protected Subtensor subtensor;
    protected Signer signer;
    protected int netuid = 123;
    protected byte[] ownerPublicKey = MantisV2.ownerPublicKey();

    protected NeuronBuilder() {
    }

    /** This builder, as its concrete type. */
    protected abstract B self();

    /** The chain connection every chain read and write goes through (required). */
    public B subtensor(Subtensor subtensor) {
        this.subtensor = subtensor;
        return self();
    }

    /** The hotkey: it signs the miner's commitment or the validator's weights (required). */
    public B signer(Signer hotkey) {
        this.signer = hotkey;
        return self();
    }

    public B netuid(int netuid) {
        this.netuid = netuid;
        return self();
    }

    /** The owner X25519 public key payloads are sealed to and must carry (default: MANTIS config's). */
    public B ownerPublicKey(byte[] key) {
        this.ownerPublicKey = key.clone();
        return self();
    }
}
