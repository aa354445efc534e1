package io.tao4j.chain.subtensor;

import io.tao4j.crypto.Hex;

/**
 * A drand pulse as Subtensor's Drand pallet stores it ({@code Drand.Pulses(round)}: {@code Pulse{round u64,
 * randomness BoundedVec<u8, 32>, signature BoundedVec<u8, 144>}}). The chain verified it against its beacon
 * configuration when it was written; a reader that depends on it should verify it again against the drand chain
 * it trusts (the signature is a 48-byte compressed G1 point for quicknet-scheme beacons).
 */
public record DrandPulse(long round, byte[] randomness, byte[] signature) {
    public DrandPulse {
        randomness = randomness.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] randomness() {
        return randomness.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public String toString() {
        return "DrandPulse{round=" + round + ", signature=0x" + Hex.encode(signature) + "}";
    }
}
