package io.tao4j.chain.tx;

import io.tao4j.crypto.Hashes;
import io.tao4j.crypto.Hex;

/**
 * A signed extrinsic (format v4) ready for {@code author_submitExtrinsic}: the full bytes including the
 * Compact length prefix, the call it carries and the payload that was signed (before any blake2 hashing).
 */
public record SignedExtrinsic(byte[] bytes, byte[] call, byte[] signingPayload, byte[] signer, TxParams params) {
    public SignedExtrinsic {
        bytes = bytes.clone();
        call = call.clone();
        signingPayload = signingPayload.clone();
        signer = signer.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public byte[] call() {
        return call.clone();
    }

    @Override
    public byte[] signingPayload() {
        return signingPayload.clone();
    }

    @Override
    public byte[] signer() {
        return signer.clone();
    }

    /** "0x" hex of {@link #bytes()}, the RPC parameter. */
    public String hex() {
        return Hex.encode0x(bytes);
    }

    /** blake2b-256 of the full bytes including the length prefix: what the node returns and blocks index by. */
    public byte[] hash() {
        return Hashes.blake2b256(bytes);
    }

    @Override
    public String toString() {
        return "SignedExtrinsic[" + bytes.length + " bytes, hash " + Hex.encode0x(hash()) + ", nonce " + params.nonce() + "]";
    }
}
