package io.tao4j.drand;

import io.tao4j.crypto.Hex;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A drand beacon whose signature has been verified against the chain's public key. */
public record Beacon(long round, byte[] signature) {
    public Beacon {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public String signatureHex() {
        return Hex.encode(signature);
    }

    /** The v1 "randomness" value: SHA-256 of the signature. */
    public byte[] randomness() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(signature);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Beacon b && b.round == round && java.util.Arrays.equals(b.signature, signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(round) * 31 + java.util.Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "Beacon[" + round + ", " + signatureHex() + "]";
    }
}
