package io.tao4j.chain.tx;

import io.tao4j.chain.ChainException;
import io.tao4j.scale.ScaleWriter;
import io.tao4j.scale.TypeDef;
import io.tao4j.scale.TypeRegistry;
import io.tao4j.scale.metadata.SignedExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signed extensions this client knows, keyed by metadata identifier, and the resolution of a metadata
 * extension list into {@link TransactionExtension} objects in metadata order.
 *
 * <p>Known extensions with data: CheckSpecVersion, CheckTxVersion, CheckGenesis, CheckMortality (and its older
 * name CheckEra), CheckNonce, ChargeTransactionPayment, CheckMetadataHash (always mode 0 = Disabled, as the
 * Python SDK's async-substrate-interface sends it). Known extensions without data: CheckNonZeroSender,
 * CheckWeight and Subtensor's own SubtensorSignedExtension, CommitmentsSignedExtension,
 * SubtensorTransactionExtension, SudoTransactionExtension, CheckShieldedTxValidity, DrandPriority. Any other
 * identifier is accepted only when both of its metadata types encode to nothing; otherwise resolution fails
 * with a {@link ChainException} naming it (signing without its data would produce an invalid transaction).
 */
public final class TransactionExtensions {

    private static final Map<String, TransactionExtension> KNOWN = new LinkedHashMap<>();
    /** Known extensions whose extra and additional are both empty; their metadata types are still checked. */
    private static final Set<String> KNOWN_EMPTY = Set.of("CheckNonZeroSender", "CheckWeight",
            "SubtensorSignedExtension", "CommitmentsSignedExtension", "SubtensorTransactionExtension",
            "SudoTransactionExtension", "CheckShieldedTxValidity", "DrandPriority");

    static {
        register(simple("CheckSpecVersion", (c, w) -> { }, (c, w) -> w.writeU32(c.runtimeVersion().specVersion())));
        register(simple("CheckTxVersion", (c, w) -> { },
                (c, w) -> w.writeU32(c.runtimeVersion().transactionVersion())));
        register(simple("CheckGenesis", (c, w) -> { }, (c, w) -> w.writeBytes(c.genesisHash())));
        Encoder eraExtra = (c, w) -> w.writeBytes(c.params().era().encode());
        Encoder eraAdditional = (c, w) -> w.writeBytes(c.mortalityCheckpoint());
        register(simple("CheckMortality", eraExtra, eraAdditional));
        register(simple("CheckEra", eraExtra, eraAdditional));
        register(simple("CheckNonce", (c, w) -> w.writeCompact(c.params().nonce()), (c, w) -> { }));
        register(simple("ChargeTransactionPayment", (c, w) -> w.writeCompact(c.params().tip()), (c, w) -> { }));
        // Mode::Disabled and Option<[u8;32]>::None (frame-metadata-hash-extension; RFC-0078 hash not used).
        register(simple("CheckMetadataHash", (c, w) -> w.writeU8(0), (c, w) -> w.writeU8(0)));
        for (String id : KNOWN_EMPTY) {
            register(simple(id, (c, w) -> { }, (c, w) -> { }));
        }
    }

    private TransactionExtensions() {
    }

    @FunctionalInterface
    private interface Encoder {
        void encode(TxContext ctx, ScaleWriter out);
    }

    private static void register(TransactionExtension e) {
        KNOWN.put(e.identifier(), e);
    }

    private static TransactionExtension simple(String id, Encoder extra, Encoder additional) {
        return new TransactionExtension() {
            @Override
            public String identifier() {
                return id;
            }

            @Override
            public void encodeExtra(TxContext ctx, ScaleWriter out) {
                extra.encode(ctx, out);
            }

            @Override
            public void encodeAdditional(TxContext ctx, ScaleWriter out) {
                additional.encode(ctx, out);
            }

            @Override
            public String toString() {
                return id;
            }
        };
    }

    /** The identifiers this client can encode. */
    public static Set<String> knownIdentifiers() {
        return KNOWN.keySet();
    }

    /**
     * Resolves the metadata's extension list (in order). {@code overrides} may replace or add extensions by
     * identifier (e.g. a custom one with data); pass an empty map normally.
     */
    public static List<TransactionExtension> resolve(List<SignedExtension> fromMetadata, TypeRegistry types,
                                                     Map<String, TransactionExtension> overrides) {
        List<TransactionExtension> out = new ArrayList<>(fromMetadata.size());
        for (SignedExtension se : fromMetadata) {
            TransactionExtension ext = overrides.get(se.identifier());
            if (ext == null) {
                ext = KNOWN.get(se.identifier());
                boolean mustBeEmpty = ext == null || KNOWN_EMPTY.contains(se.identifier());
                if (mustBeEmpty) {
                    boolean empty = isEmpty(types, se.extraType(), new HashSet<>())
                            && isEmpty(types, se.additionalSignedType(), new HashSet<>());
                    if (!empty) {
                        throw new ChainException("signed extension " + se.identifier() + " carries data (extra type "
                                + describe(types, se.extraType()) + ", additional type "
                                + describe(types, se.additionalSignedType())
                                + ") and this client does not know how to fill it in");
                    }
                    if (ext == null) {
                        ext = simple(se.identifier(), (c, w) -> { }, (c, w) -> { });
                    }
                }
            }
            out.add(ext);
        }
        return List.copyOf(out);
    }

    /** True when every value of the type encodes to zero bytes (unit, empty tuples/composites, [T; 0]). */
    static boolean isEmpty(TypeRegistry types, int typeId, Set<Integer> seen) {
        if (!seen.add(typeId)) {
            return false;
        }
        TypeDef d = types.def(typeId);
        if (d instanceof TypeDef.Composite c) {
            for (TypeDef.Field f : c.fields()) {
                if (!isEmpty(types, f.type(), seen)) {
                    return false;
                }
            }
            return true;
        }
        if (d instanceof TypeDef.Tuple t) {
            for (int e : t.elementTypes()) {
                if (!isEmpty(types, e, seen)) {
                    return false;
                }
            }
            return true;
        }
        if (d instanceof TypeDef.Array a) {
            return a.length() == 0 || isEmpty(types, a.elementType(), seen);
        }
        return false;
    }

    private static String describe(TypeRegistry types, int id) {
        var t = types.get(id);
        String name = t.path().isEmpty() ? t.def().toString() : t.pathString();
        return "#" + id + " " + name;
    }
}
