package io.tao4j.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.storage.StorageCodec;
import io.tao4j.chain.tx.ExtrinsicEncoder;
import io.tao4j.chain.tx.SignedExtrinsic;
import io.tao4j.chain.tx.TransactionExtension;
import io.tao4j.chain.tx.TransactionExtensions;
import io.tao4j.chain.tx.TxContext;
import io.tao4j.chain.tx.TxParams;
import io.tao4j.crypto.Signer;
import io.tao4j.scale.PortableType;
import io.tao4j.scale.TypeDef;
import io.tao4j.scale.TypeRegistry;
import io.tao4j.scale.metadata.CallEncoder;
import io.tao4j.scale.metadata.ExtrinsicInfo;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.SignedExtension;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client that needs no connection, like subxt's {@code OfflineClient}: given the runtime metadata, the
 * genesis hash and the runtime version it encodes calls and storage keys, decodes storage values, and builds and
 * signs extrinsics. {@link OnlineClient} adds an {@link io.tao4j.chain.rpc.RpcClient}.
 */
public class OfflineClient {
    private final Metadata metadata;
    private final byte[] genesisHash;
    private final RuntimeVersion runtimeVersion;
    private final StorageCodec storage;
    private final ExtrinsicEncoder encoder;

    public OfflineClient(Metadata metadata, byte[] genesisHash, RuntimeVersion runtimeVersion) {
        this(metadata, genesisHash, runtimeVersion, Map.of());
    }

    /**
     * @param extensionOverrides extensions to use instead of (or in addition to) the built-in ones, by identifier
     */
    public OfflineClient(Metadata metadata, byte[] genesisHash, RuntimeVersion runtimeVersion,
                         Map<String, TransactionExtension> extensionOverrides) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        if (genesisHash == null || genesisHash.length != 32) {
            throw new ChainException("genesis hash must be 32 bytes");
        }
        this.genesisHash = genesisHash.clone();
        this.runtimeVersion = Objects.requireNonNull(runtimeVersion, "runtimeVersion");
        this.storage = new StorageCodec(metadata);
        ExtrinsicInfo x = metadata.extrinsic();
        if (!x.versions().contains(4)) {
            throw new ChainException("metadata does not support extrinsic format 4 (has " + x.versions() + ")");
        }
        // V16 lists extensions per transaction-extension version; signed v4 extrinsics use version 0.
        List<SignedExtension> list = x.signedExtensions(0);
        List<TransactionExtension> exts = TransactionExtensions.resolve(list, metadata.types(), extensionOverrides);
        this.encoder = new ExtrinsicEncoder(exts, addressFormat(metadata), sr25519Tag(metadata));
    }

    public Metadata metadata() {
        return metadata;
    }

    public byte[] genesisHash() {
        return genesisHash.clone();
    }

    public RuntimeVersion runtimeVersion() {
        return runtimeVersion;
    }

    public StorageCodec storage() {
        return storage;
    }

    public ExtrinsicEncoder extrinsicEncoder() {
        return encoder;
    }

    /**
     * Encodes a call: {@code pallet index ‖ call index ‖ args} with the argument types from the metadata.
     * {@code args} is a map by argument name or a list in order.
     */
    public byte[] encodeCall(String pallet, String call, Object args) {
        try {
            return CallEncoder.callData(metadata, pallet, call, args);
        } catch (RuntimeException e) {
            throw new ChainException("cannot encode " + pallet + "." + call + ": " + e.getMessage(), e);
        }
    }

    /** True when the metadata has this call. */
    public boolean hasCall(String pallet, String call) {
        return metadata.findCall(pallet, call).isPresent();
    }

    /** Full storage key of one value. */
    public byte[] storageKey(String pallet, String item, List<?> keys) {
        return storage.key(pallet, item, keys);
    }

    /** Decodes a storage value (null = absent: default or JSON null). */
    public JsonNode decodeStorage(String pallet, String item, byte[] raw) {
        return storage.decodeValue(storage.entry(pallet, item), raw);
    }

    /** The context the extensions read for this transaction. */
    public TxContext txContext(TxParams params) {
        return new TxContext(genesisHash, runtimeVersion, params);
    }

    /** The signing payload (before the >256-byte hashing) of {@code call}. */
    public byte[] signingPayload(byte[] call, TxParams params) {
        return encoder.signingPayload(call, txContext(params));
    }

    /** Signs {@code call} and returns the complete extrinsic. */
    public SignedExtrinsic sign(byte[] call, Signer signer, TxParams params) {
        return encoder.sign(call, signer, txContext(params));
    }

    private static ExtrinsicEncoder.AddressFormat addressFormat(Metadata md) {
        Integer address = extrinsicParam(md, md.extrinsic().addressType(), "Address");
        if (address == null) {
            return ExtrinsicEncoder.AddressFormat.MULTI_ADDRESS_ID;
        }
        TypeDef d = md.types().def(address);
        return d instanceof TypeDef.VariantType ? ExtrinsicEncoder.AddressFormat.MULTI_ADDRESS_ID
                : ExtrinsicEncoder.AddressFormat.ACCOUNT_ID;
    }

    private static int sr25519Tag(Metadata md) {
        Integer sig = extrinsicParam(md, md.extrinsic().signatureType(), "Signature");
        if (sig == null) {
            return 1;
        }
        TypeDef d = md.types().def(sig);
        if (d instanceof TypeDef.VariantType vt) {
            TypeDef.Variant v = vt.byName("Sr25519");
            if (v == null) {
                throw new ChainException("the runtime's signature type has no Sr25519 variant: " + vt);
            }
            return v.index();
        }
        return -1;
    }

    /** V15+: the declared type; V14: the generic parameter of the UncheckedExtrinsic type. */
    private static Integer extrinsicParam(Metadata md, Integer declared, String param) {
        if (declared != null) {
            return declared;
        }
        Integer xt = md.extrinsic().extrinsicType();
        if (xt == null) {
            return null;
        }
        TypeRegistry types = md.types();
        PortableType t = types.get(xt);
        for (PortableType.TypeParam p : t.params()) {
            if (p.name().equals(param) && p.type() != null) {
                return p.type();
            }
        }
        return null;
    }
}
