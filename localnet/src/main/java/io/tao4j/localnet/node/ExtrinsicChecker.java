package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.tx.Era;
import io.tao4j.crypto.Hashes;
import io.tao4j.crypto.Sr25519;
import io.tao4j.localnet.runtime.AccountId;
import io.tao4j.scale.DynamicCodec;
import io.tao4j.scale.ScaleException;
import io.tao4j.scale.ScaleReader;
import io.tao4j.scale.ScaleWriter;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.SignedExtension;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Decodes a signed v4 extrinsic and checks it the way a Substrate node's pool does: format, every
 * transaction extension of the metadata by identifier (unknown ones only if their additional data
 * is empty), the era against the current block, and the sr25519 signature over the signing payload
 * (call ‖ extra ‖ additional, blake2-256 when longer than 256 bytes). A mismatch in spec version,
 * transaction version, genesis or era birth block shows up as a bad signature, as on a real node.
 */
public final class ExtrinsicChecker {
    private final Metadata metadata;
    private final List<SignedExtension> extensions;
    private final int callType;
    private final long specVersion;
    private final long txVersion;
    private final byte[] genesisHash;

    public ExtrinsicChecker(Metadata metadata, byte[] genesisHash) {
        this.metadata = metadata;
        this.extensions = metadata.extrinsic().extensionsByVersion().isEmpty()
                ? metadata.extrinsic().signedExtensions() : metadata.extrinsic().signedExtensions(0);
        this.callType = metadata.callEnumType();
        this.specVersion = metadata.specVersion();
        this.txVersion = metadata.transactionVersion();
        this.genesisHash = genesisHash.clone();
        for (SignedExtension e : extensions) {
            if (!KNOWN.contains(e.identifier()) && !isEmpty(e.additionalSignedType())) {
                throw new IllegalStateException("transaction extension " + e.identifier() + " has additional data the node cannot supply");
            }
        }
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of("CheckSpecVersion", "CheckTxVersion",
            "CheckGenesis", "CheckMortality", "CheckEra", "CheckMetadataHash");

    /**
     * Decodes and verifies {@code bytes}. {@code currentBlock} is the best block number and
     * {@code blockHash} gives the hash of a past block by number (null if unknown).
     */
    public DecodedExtrinsic check(byte[] bytes, long currentBlock, LongFunction<byte[]> blockHash) {
        ScaleReader r = new ScaleReader(bytes);
        byte[] body;
        try {
            int len = r.readCompactInt("extrinsic length");
            body = r.readBytes(len, "extrinsic body");
            r.expectEnd("extrinsic");
        } catch (ScaleException e) {
            throw TxRejection.badFormat("the length prefix does not match the bytes: " + e.getMessage());
        }
        ScaleReader b = new ScaleReader(body);
        try {
            int version = b.readU8();
            if (version == 0x04) {
                throw TxRejection.invalid(unsignedRefusal(b));
            }
            if (version != 0x84) {
                throw TxRejection.badFormat(version == 0x04 ? "unsigned extrinsics are not accepted by the local node"
                        : String.format("unsupported extrinsic version byte 0x%02x (only signed v4, 0x84)", version));
            }
            int addressTag = b.readU8();
            if (addressTag != 0) {
                throw TxRejection.badFormat("the sender address must be MultiAddress::Id");
            }
            AccountId signer = new AccountId(b.readBytes(32, "sender"));
            int sigTag = b.readU8();
            if (sigTag != 1) {
                throw TxRejection.invalid("Transaction has a bad signature");
            }
            byte[] signature = b.readBytes(64, "signature");
            int extraStart = b.position();
            Era era = Era.immortal();
            long nonce = 0;
            BigInteger tip = BigInteger.ZERO;
            int metadataHashMode = 0;
            for (SignedExtension e : extensions) {
                int start = b.position();
                JsonNode v = DynamicCodec.decode(metadata.types(), e.extraType(), b);
                byte[] raw = Arrays.copyOfRange(body, start, b.position());
                switch (e.identifier()) {
                    case "CheckMortality", "CheckEra" -> era = Era.decode(raw);
                    case "CheckNonce" -> nonce = new ScaleReader(raw).readCompactLong("nonce");
                    case "ChargeTransactionPayment" -> tip = firstNumber(v);
                    case "CheckMetadataHash" -> metadataHashMode = raw.length > 0 ? raw[0] : 0;
                    default -> {
                    }
                }
            }
            byte[] extra = Arrays.copyOfRange(body, extraStart, b.position());
            int callStart = b.position();
            JsonNode call = DynamicCodec.decode(metadata.types(), callType, b);
            b.expectEnd("call");
            checkBounds(call);
            byte[] callBytes = Arrays.copyOfRange(body, callStart, body.length);

            if (metadataHashMode != 0) {
                throw TxRejection.invalid("Transaction has a bad signature"); // mode 1 needs a metadata hash the node does not compute
            }
            if (!era.isImmortal() && currentBlock >= era.death(currentBlock)) {
                throw TxRejection.invalid("Transaction is outdated");
            }
            long birth = era.isImmortal() ? 0 : era.birth(currentBlock);
            byte[] birthHash = era.isImmortal() ? genesisHash : blockHash.apply(birth);
            if (birthHash == null) {
                throw TxRejection.invalid("Transaction has an ancient birth block");
            }
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.writeBytes(callBytes);
            payload.writeBytes(extra);
            for (SignedExtension e : extensions) {
                payload.writeBytes(additional(e, birthHash));
            }
            byte[] signed = payload.toByteArray();
            if (signed.length > 256) {
                signed = Hashes.blake2b256(signed);
            }
            if (!Sr25519.verify(signer.bytes(), signed, signature)) {
                throw TxRejection.invalid("Transaction has a bad signature");
            }
            Iterator<Map.Entry<String, JsonNode>> outer = call.fields();
            Map.Entry<String, JsonNode> pallet = outer.next();
            String callName = pallet.getValue().isTextual() ? pallet.getValue().asText() : pallet.getValue().fieldNames().next();
            return new DecodedExtrinsic(signer, nonce, tip, era, call, pallet.getKey(), callName, bytes.clone(),
                    Hashes.blake2b256(bytes));
        } catch (ScaleException e) {
            throw TxRejection.badFormat("cannot decode the extrinsic: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw TxRejection.badFormat("cannot decode the extrinsic: " + e.getMessage());
        }
    }

    /**
     * The call of a signed extrinsic as "Pallet.call", without checking the signature, era or nonce (fee queries get
     * extrinsics signed with a fake signature, as polkadot-js's {@code paymentInfo} sends); empty when it does not decode.
     */
    public java.util.Optional<String> callName(byte[] bytes) {
        try {
            ScaleReader r = new ScaleReader(bytes);
            ScaleReader b = new ScaleReader(r.readBytes(r.readCompactInt("extrinsic length"), "extrinsic body"));
            if (b.readU8() != 0x84 || b.readU8() != 0) {
                return java.util.Optional.empty();
            }
            b.readBytes(32, "sender");
            int sigTag = b.readU8();
            b.readBytes(sigTag == 2 ? 65 : 64, "signature");
            for (SignedExtension e : extensions) {
                DynamicCodec.decode(metadata.types(), e.extraType(), b);
            }
            Map.Entry<String, JsonNode> pallet = DynamicCodec.decode(metadata.types(), callType, b).fields().next();
            return java.util.Optional.of(pallet.getKey() + "." + (pallet.getValue().isTextual() ? pallet.getValue().asText()
                    : pallet.getValue().fieldNames().next()));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Why a bare extrinsic from a client is refused, naming its call when it decodes. */
    private String unsignedRefusal(ScaleReader b) {
        String name;
        try {
            JsonNode call = DynamicCodec.decode(metadata.types(), callType, b);
            Map.Entry<String, JsonNode> pallet = call.fields().next();
            name = pallet.getKey() + "." + (pallet.getValue().isTextual() ? pallet.getValue().asText()
                    : pallet.getValue().fieldNames().next());
        } catch (RuntimeException e) {
            return "unsigned extrinsics are not accepted by the local node";
        }
        if (name.equals("Drand.write_pulse")) {
            return "Drand.write_pulse is not accepted from clients: the local block producer writes the pulses of its own "
                    + "drand beacon into each block";
        }
        return "unsigned " + name + " is not accepted by the local node (only signed extrinsics)";
    }

    /**
     * Bounds of {@code BoundedVec} arguments that the generic decoder reads as plain vectors: a longer
     * value does not decode on chain, so the extrinsic is refused as malformed.
     */
    private static void checkBounds(JsonNode call) {
        JsonNode st = call.get("SubtensorModule");
        if (st == null || !st.isObject()) {
            return;
        }
        for (String name : List.of("commit_timelocked_weights", "commit_timelocked_mechanism_weights")) {
            JsonNode args = st.get(name);
            if (args != null && args.get("commit") != null) {
                int len = (args.get("commit").asText().length() - 2) / 2;
                if (len > io.tao4j.localnet.runtime.SubtensorRuntime.MAX_TIMELOCKED_COMMIT_BYTES) {
                    throw TxRejection.badFormat("SubtensorModule." + name + ": the commit is " + len + " bytes, more than the "
                            + io.tao4j.localnet.runtime.SubtensorRuntime.MAX_TIMELOCKED_COMMIT_BYTES
                            + " of its BoundedVec (MAX_CRV3_COMMIT_SIZE_BYTES); it cannot be decoded");
                }
            }
        }
    }

    private byte[] additional(SignedExtension e, byte[] birthHash) {
        return switch (e.identifier()) {
            case "CheckSpecVersion" -> new ScaleWriter().writeU32(specVersion).toByteArray();
            case "CheckTxVersion" -> new ScaleWriter().writeU32(txVersion).toByteArray();
            case "CheckGenesis" -> genesisHash.clone();
            case "CheckMortality", "CheckEra" -> birthHash.clone();
            case "CheckMetadataHash" -> new byte[]{0}; // None: mode 0
            default -> new byte[0];
        };
    }

    private boolean isEmpty(int typeId) {
        try {
            return DynamicCodec.encode(metadata.types(), typeId, null, "additional").length == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static BigInteger firstNumber(JsonNode v) {
        if (v == null || v.isNull()) {
            return BigInteger.ZERO;
        }
        if (v.isNumber()) {
            return v.bigIntegerValue();
        }
        if (v.isTextual()) {
            try {
                return new BigInteger(v.asText());
            } catch (NumberFormatException e) {
                return BigInteger.ZERO;
            }
        }
        for (JsonNode c : v) {
            return firstNumber(c);
        }
        return BigInteger.ZERO;
    }
}
