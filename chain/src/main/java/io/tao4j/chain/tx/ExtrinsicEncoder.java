package io.tao4j.chain.tx;

import io.tao4j.chain.ChainException;
import io.tao4j.crypto.Hashes;
import io.tao4j.crypto.Signer;
import io.tao4j.scale.ScaleWriter;

import java.util.List;

/**
 * Builds and signs extrinsics of format version 4:
 * {@code Compact(len) ‖ 0x84 ‖ address ‖ signature ‖ extra ‖ call}, where the signature is over
 * {@code call ‖ extra ‖ additional}, replaced by its blake2b-256 hash when longer than 256 bytes
 * ({@code sp_runtime::generic::SignedPayload::using_encoded}).
 */
public final class ExtrinsicEncoder {
    /** Signed bit | version 4. */
    public static final int SIGNED_V4 = 0x84;
    /** Unsigned ("bare") version 4. */
    public static final int BARE_V4 = 0x04;

    private final List<TransactionExtension> extensions;
    private final AddressFormat addressFormat;
    private final int sr25519SignatureTag;

    /**
     * @param extensions          resolved extensions in metadata order
     * @param addressFormat       how the signer's account is written
     * @param sr25519SignatureTag variant index of {@code Sr25519} in the signature enum ({@code MultiSignature}: 1),
     *                            or -1 when the signature type is the bare 64 bytes
     */
    public ExtrinsicEncoder(List<TransactionExtension> extensions, AddressFormat addressFormat, int sr25519SignatureTag) {
        this.extensions = List.copyOf(extensions);
        this.addressFormat = addressFormat;
        this.sr25519SignatureTag = sr25519SignatureTag;
    }

    /** How the signer appears in the extrinsic. */
    public enum AddressFormat {
        /** {@code MultiAddress::Id(AccountId32)}: 0x00 ‖ 32 bytes (Subtensor). */
        MULTI_ADDRESS_ID,
        /** A bare AccountId32. */
        ACCOUNT_ID
    }

    public List<TransactionExtension> extensions() {
        return extensions;
    }

    /** The concatenated extra data of all extensions. */
    public byte[] extra(TxContext ctx) {
        ScaleWriter w = new ScaleWriter(16);
        for (TransactionExtension e : extensions) {
            e.encodeExtra(ctx, w);
        }
        return w.toByteArray();
    }

    /** The concatenated additional-signed data of all extensions. */
    public byte[] additional(TxContext ctx) {
        ScaleWriter w = new ScaleWriter(128);
        for (TransactionExtension e : extensions) {
            e.encodeAdditional(ctx, w);
        }
        return w.toByteArray();
    }

    /** {@code call ‖ extra ‖ additional}, unhashed. */
    public byte[] signingPayload(byte[] call, TxContext ctx) {
        ScaleWriter w = new ScaleWriter(call.length + 160);
        w.writeBytes(call).writeBytes(extra(ctx)).writeBytes(additional(ctx));
        return w.toByteArray();
    }

    /** The bytes the signer signs: the payload, or its blake2b-256 when it is longer than 256 bytes. */
    public static byte[] messageToSign(byte[] payload) {
        return payload.length > 256 ? Hashes.blake2b256(payload) : payload;
    }

    /** Signs {@code call} with {@code signer} (sr25519) and assembles the extrinsic. */
    public SignedExtrinsic sign(byte[] call, Signer signer, TxContext ctx) {
        byte[] payload = signingPayload(call, ctx);
        byte[] signature = signer.sign(messageToSign(payload));
        if (signature == null || signature.length != 64) {
            throw new ChainException("signer returned a signature of " + (signature == null ? "no" : signature.length)
                    + " bytes, expected 64 (sr25519)");
        }
        return assemble(call, signer.publicKey(), signature, ctx, payload);
    }

    /** Assembles an extrinsic from an externally produced signature over {@link #signingPayload}. */
    public SignedExtrinsic assemble(byte[] call, byte[] publicKey, byte[] signature, TxContext ctx, byte[] payload) {
        if (publicKey == null || publicKey.length != 32) {
            throw new ChainException("signer public key must be 32 bytes");
        }
        ScaleWriter body = new ScaleWriter(call.length + 120);
        body.writeU8(SIGNED_V4);
        if (addressFormat == AddressFormat.MULTI_ADDRESS_ID) {
            body.writeU8(0);
        }
        body.writeBytes(publicKey);
        if (sr25519SignatureTag >= 0) {
            body.writeU8(sr25519SignatureTag);
        }
        body.writeBytes(signature);
        body.writeBytes(extra(ctx));
        body.writeBytes(call);
        byte[] b = body.toByteArray();
        ScaleWriter full = new ScaleWriter(b.length + 5);
        full.writeCompact(b.length).writeBytes(b);
        return new SignedExtrinsic(full.toByteArray(), call, payload, publicKey, ctx.params());
    }

    /** An unsigned (bare) v4 extrinsic carrying {@code call}, e.g. for inherents or tests. */
    public static byte[] unsigned(byte[] call) {
        ScaleWriter full = new ScaleWriter(call.length + 5);
        full.writeCompact(call.length + 1L).writeU8(BARE_V4).writeBytes(call);
        return full.toByteArray();
    }
}
