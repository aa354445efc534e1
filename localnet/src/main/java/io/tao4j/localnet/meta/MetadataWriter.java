package io.tao4j.localnet.meta;

import io.tao4j.scale.PortableType;
import io.tao4j.scale.ScaleWriter;
import io.tao4j.scale.TypeDef;
import io.tao4j.scale.TypeRegistry;
import io.tao4j.scale.metadata.Constant;
import io.tao4j.scale.metadata.ExtrinsicInfo;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.Pallet;
import io.tao4j.scale.metadata.RuntimeApi;
import io.tao4j.scale.metadata.SignedExtension;
import io.tao4j.scale.metadata.StorageEntry;
import io.tao4j.scale.metadata.StorageHasher;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Writes a decoded metadata model as {@code RuntimeMetadataPrefixed} V14 or V15 (the {@code meta}
 * magic, the version, the portable registry, pallets, extrinsic info, the runtime type and — for V15 —
 * pallet docs, runtime APIs, outer enums and custom values), the layouts of paritytech/frame-metadata
 * {@code v14.rs} and {@code v15.rs}. The local node uses it to describe itself with real Subtensor's
 * types and indices, optionally keeping only the storage items it maintains.
 */
public final class MetadataWriter {
    private static final byte[] MAGIC = {'m', 'e', 't', 'a'};

    private MetadataWriter() {
    }

    /** All of {@code m} as V14. */
    public static byte[] write(Metadata m) {
        return write(m, (pallet, item) -> true);
    }

    /**
     * {@code m} as V14, keeping the storage items for which {@code keepStorage(pallet, item)} holds
     * (a pallet left with none has no storage section).
     */
    public static byte[] write(Metadata m, BiPredicate<String, String> keepStorage) {
        return write(m, keepStorage, 14);
    }

    /** {@code m} as V15, keeping the storage items for which {@code keepStorage(pallet, item)} holds. */
    public static byte[] writeV15(Metadata m, BiPredicate<String, String> keepStorage) {
        return write(m, keepStorage, 15);
    }

    private static byte[] write(Metadata m, BiPredicate<String, String> keepStorage, int version) {
        ScaleWriter w = new ScaleWriter(1 << 20);
        w.writeBytes(MAGIC);
        w.writeU8(version);
        writeRegistry(w, m.types());
        w.writeCompact(m.pallets().size());
        for (Pallet p : m.pallets()) {
            writePallet(w, p, keepStorage, version);
        }
        if (version == 14) {
            writeExtrinsic(w, m);
            w.writeCompact(runtimeType(m));
            return w.toByteArray();
        }
        writeExtrinsicV15(w, m);
        w.writeCompact(runtimeType(m));
        w.writeCompact(m.runtimeApis().size());
        for (RuntimeApi api : m.runtimeApis()) {
            w.writeString(api.name());
            w.writeCompact(api.methods().size());
            for (RuntimeApi.Method method : api.methods()) {
                w.writeString(method.name());
                w.writeCompact(method.inputs().size());
                for (RuntimeApi.Param param : method.inputs()) {
                    w.writeString(param.name());
                    w.writeCompact(param.type());
                }
                w.writeCompact(method.output());
                writeStrings(w, method.docs());
            }
            writeStrings(w, api.docs());
        }
        w.writeCompact(require(m.callEnumType(), "outer call enum"));
        w.writeCompact(require(m.eventEnumType(), "outer event enum"));
        w.writeCompact(require(m.errorEnumType(), "outer error enum"));
        w.writeCompact(m.custom().size());
        for (Constant c : m.custom().values()) {
            w.writeString(c.name());
            w.writeCompact(c.type());
            w.writeByteVec(c.value());
        }
        return w.toByteArray();
    }

    private static int require(Integer v, String what) {
        if (v == null) {
            throw new IllegalArgumentException("metadata has no " + what + " type, which V15 needs");
        }
        return v;
    }

    /** V15 extrinsic: version, address/call/signature/extra types, extensions. */
    private static void writeExtrinsicV15(ScaleWriter w, Metadata m) {
        ExtrinsicInfo x = m.extrinsic();
        w.writeU8(4);
        Map<String, Integer> params = extrinsicParams(m);
        w.writeCompact(x.addressType() != null ? x.addressType() : params.get("Address"));
        w.writeCompact(x.callType() != null ? x.callType() : params.get("Call"));
        w.writeCompact(x.signatureType() != null ? x.signatureType() : params.get("Signature"));
        w.writeCompact(x.extraType() != null ? x.extraType() : params.get("Extra"));
        writeSignedExtensions(w, x);
    }

    /** The type parameters of the UncheckedExtrinsic type by name (Address, Call, Signature, Extra). */
    private static Map<String, Integer> extrinsicParams(Metadata m) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (PortableType.TypeParam p : m.types().get(extrinsicType(m)).params()) {
            out.put(p.name(), p.type());
        }
        return out;
    }

    private static void writeRegistry(ScaleWriter w, TypeRegistry reg) {
        List<PortableType> types = reg.types();
        w.writeCompact(types.size());
        for (PortableType t : types) {
            w.writeCompact(t.id());
            writeStrings(w, t.path());
            w.writeCompact(t.params().size());
            for (PortableType.TypeParam p : t.params()) {
                w.writeString(p.name());
                writeOptionalCompact(w, p.type());
            }
            writeDef(w, t.def());
            writeStrings(w, t.docs());
        }
    }

    private static void writeDef(ScaleWriter w, TypeDef def) {
        if (def instanceof TypeDef.Composite c) {
            w.writeU8(0);
            writeFields(w, c.fields());
        } else if (def instanceof TypeDef.VariantType v) {
            w.writeU8(1);
            w.writeCompact(v.variants().size());
            for (TypeDef.Variant var : v.variants()) {
                w.writeString(var.name());
                writeFields(w, var.fields());
                w.writeU8(var.index());
                writeStrings(w, var.docs());
            }
        } else if (def instanceof TypeDef.Sequence s) {
            w.writeU8(2);
            w.writeCompact(s.elementType());
        } else if (def instanceof TypeDef.Array a) {
            w.writeU8(3);
            w.writeU32(a.length());
            w.writeCompact(a.elementType());
        } else if (def instanceof TypeDef.Tuple t) {
            w.writeU8(4);
            w.writeCompact(t.elementTypes().size());
            for (int e : t.elementTypes()) {
                w.writeCompact(e);
            }
        } else if (def instanceof TypeDef.PrimitiveDef p) {
            w.writeU8(5);
            w.writeU8(p.primitive().ordinal());
        } else if (def instanceof TypeDef.Compact c) {
            w.writeU8(6);
            w.writeCompact(c.innerType());
        } else if (def instanceof TypeDef.BitSequence b) {
            w.writeU8(7);
            w.writeCompact(b.storeType());
            w.writeCompact(b.orderType());
        } else {
            throw new IllegalArgumentException("unknown type definition " + def);
        }
    }

    private static void writeFields(ScaleWriter w, List<TypeDef.Field> fields) {
        w.writeCompact(fields.size());
        for (TypeDef.Field f : fields) {
            writeOptionalString(w, f.name());
            w.writeCompact(f.type());
            writeOptionalString(w, f.typeName());
            writeStrings(w, f.docs());
        }
    }

    private static void writePallet(ScaleWriter w, Pallet p, BiPredicate<String, String> keepStorage, int version) {
        w.writeString(p.name());
        List<StorageEntry> kept = p.storage().values().stream().filter(e -> keepStorage.test(p.name(), e.name())).toList();
        if (p.storagePrefix() == null || kept.isEmpty()) {
            w.writeU8(0);
        } else {
            w.writeU8(1);
            w.writeString(p.storagePrefix());
            w.writeCompact(kept.size());
            for (StorageEntry e : kept) {
                writeStorageEntry(w, e);
            }
        }
        writeOptionalType(w, p.callType());
        writeOptionalType(w, p.eventType());
        w.writeCompact(p.constants().size());
        for (Constant c : p.constants().values()) {
            w.writeString(c.name());
            w.writeCompact(c.type());
            w.writeByteVec(c.value());
            writeStrings(w, c.docs());
        }
        writeOptionalType(w, p.errorType());
        w.writeU8(p.index());
        if (version >= 15) {
            writeStrings(w, p.docs());
        }
    }

    private static void writeStorageEntry(ScaleWriter w, StorageEntry e) {
        w.writeString(e.name());
        w.writeU8(e.modifier() == StorageEntry.Modifier.OPTIONAL ? 0 : 1);
        if (!e.isMap()) {
            w.writeU8(0);
            w.writeCompact(e.valueType());
        } else {
            w.writeU8(1);
            w.writeCompact(e.hashers().size());
            for (StorageHasher h : e.hashers()) {
                w.writeU8(h.ordinal());
            }
            w.writeCompact(e.keyType());
            w.writeCompact(e.valueType());
        }
        w.writeByteVec(e.defaultValue());
        writeStrings(w, e.docs());
    }

    private static void writeExtrinsic(ScaleWriter w, Metadata m) {
        ExtrinsicInfo x = m.extrinsic();
        w.writeCompact(extrinsicType(m));
        w.writeU8(4); // V14 carries one version byte: transaction format 4
        writeSignedExtensions(w, x);
    }

    /** The signed extensions of transaction version 4 (the only version V14 and V15 can say). */
    private static void writeSignedExtensions(ScaleWriter w, ExtrinsicInfo x) {
        List<SignedExtension> exts = x.extensionsByVersion().isEmpty() ? x.signedExtensions() : x.signedExtensions(0);
        w.writeCompact(exts.size());
        for (SignedExtension e : exts) {
            w.writeString(e.identifier());
            w.writeCompact(e.extraType());
            w.writeCompact(e.additionalSignedType());
        }
    }

    /** The UncheckedExtrinsic type: given by V14 metadata, found by path in V15/V16 registries. */
    static int extrinsicType(Metadata m) {
        if (m.extrinsic().extrinsicType() != null) {
            return m.extrinsic().extrinsicType();
        }
        Integer generic = null;
        for (PortableType t : m.types().types()) {
            String path = t.pathString();
            Set<String> params = new java.util.HashSet<>();
            t.params().forEach(p -> params.add(p.name()));
            if (path.endsWith("UncheckedExtrinsic") && params.containsAll(Set.of("Address", "Call", "Signature", "Extra"))) {
                if (path.startsWith("fp_self_contained")) {
                    return t.id(); // Subtensor's outer extrinsic type
                }
                generic = t.id();
            }
        }
        if (generic == null) {
            throw new IllegalArgumentException("metadata has no UncheckedExtrinsic type to describe the extrinsic format");
        }
        return generic;
    }

    /** The runtime type: given by V14/V15 metadata, found by path in V16. */
    static int runtimeType(Metadata m) {
        if (m.runtimeType() != null) {
            return m.runtimeType();
        }
        for (PortableType t : m.types().types()) {
            if (t.path().size() >= 2 && t.simpleName().equals("Runtime") && t.def() instanceof TypeDef.Composite c
                    && c.fields().isEmpty()) {
                return t.id();
            }
        }
        throw new IllegalArgumentException("metadata has no Runtime type");
    }

    private static void writeOptionalType(ScaleWriter w, Integer type) {
        if (type == null) {
            w.writeU8(0);
        } else {
            w.writeU8(1);
            w.writeCompact(type);
        }
    }

    private static void writeOptionalCompact(ScaleWriter w, Integer v) {
        writeOptionalType(w, v);
    }

    private static void writeOptionalString(ScaleWriter w, String s) {
        if (s == null) {
            w.writeU8(0);
        } else {
            w.writeU8(1);
            w.writeString(s);
        }
    }

    private static void writeStrings(ScaleWriter w, List<String> strings) {
        w.writeCompact(strings.size());
        for (String s : strings) {
            w.writeString(s);
        }
    }

}
