package io.tao4j.chain.tx;

import io.tao4j.chain.RuntimeVersion;

/**
 * Everything the signed extensions read: the chain's genesis hash and runtime version, and the
 * transaction's own parameters.
 */
public record TxContext(byte[] genesisHash, RuntimeVersion runtimeVersion, TxParams params) {
    public TxContext {
        if (genesisHash == null || genesisHash.length != 32) {
            throw new IllegalArgumentException("genesis hash must be 32 bytes");
        }
        genesisHash = genesisHash.clone();
    }

    @Override
    public byte[] genesisHash() {
        return genesisHash.clone();
    }

    /** The block hash the mortality check commits to: the birth block for a mortal era, genesis otherwise. */
    public byte[] mortalityCheckpoint() {
        return params.era().isImmortal() ? genesisHash.clone() : params.eraBlockHash();
    }
}
