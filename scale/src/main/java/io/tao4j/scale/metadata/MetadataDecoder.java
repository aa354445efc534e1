package io.tao4j.scale.metadata;

import io.tao4j.scale.PortableType;
import io.tao4j.scale.ScaleException;
import io.tao4j.scale.ScaleReader;
import io.tao4j.scale.TypeDef;
import io.tao4j.scale.TypeRegistry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code RuntimeMetadataPrefixed} ("meta" magic, version byte, body) for versions 14, 15 and 16
 * (layout: paritytech/frame-metadata v14.rs, v15.rs, v16.rs). The whole input must be consumed.
 */
public final class MetadataDecoder {
    /** "meta" little-endian as u32. */
    public static final byte[] MAGIC = {0x6d, 0x65, 0x74, 0x61};

    private MetadataDecoder() {
    }

    /** Decodes magic + version + metadata; fails if bytes are left over. */
    public static Metadata decode(byte[] bytes) {
        ScaleReader r = new ScaleReader(bytes);
        if (bytes.length < 5 || bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1] || bytes[2] != MAGIC[2]
                || bytes[3] != MAGIC[3]) {
            throw new ScaleException("not runtime metadata: missing 'meta' magic", 0);
        }
        r.skip(4, "magic");
        int version = r.readU8();
        if (version < 14 || version > 16) {
            throw new ScaleException("unsupported metadata version " + version + " (supported: 14, 15, 16)", 4);
        }
        Metadata m = decodeBody(r, version);
        r.expectEnd("metadata V" + version);
        return m;
    }

    /** Decodes a metadata body of the given version (after magic and version byte). */
    public static Metadata decodeBody(ScaleReader r, int version) {
        TypeRegistry types = TypeRegistry.decode(r);
        int np = r.readLength("pallets", 1);
        List<Pallet> pallets = new ArrayList<>(np);
        for (int i = 0; i < np; i++) {
            pallets.add(readPallet(r, types, version));
        }
        ExtrinsicInfo ext = readExtrinsic(r, version);
        Integer runtimeType = null;
        if (version < 16) {
            runtimeType = r.readCompactInt("runtime type");
        }
        List<RuntimeApi> apis = List.of();
        Integer callEnum = null;
        Integer eventEnum = null;
        Integer errorEnum = null;
        Map<String, Constant> custom = new LinkedHashMap<>();
        if (version >= 15) {
            apis = readApis(r, version);
            callEnum = r.readCompactInt("outer call enum");
            eventEnum = r.readCompactInt("outer event enum");
            errorEnum = r.readCompactInt("outer error enum");
            int nc = r.readLength("custom values", 1);
            for (int i = 0; i < nc; i++) {
                String name = r.readString();
                int ty = r.readCompactInt("type id");
                byte[] value = r.readByteVec();
                custom.put(name, new Constant("", name, ty, value, List.of()));
            }
        } else if (ext.extrinsicType() != null) {
            // V14: UncheckedExtrinsic<Address, Call, Signature, Extra> names these types as its parameters
            Integer address = null;
            Integer signature = null;
            Integer extra = null;
            for (PortableType.TypeParam p : types.get(ext.extrinsicType()).params()) {
                switch (p.name()) {
                    case "Call" -> callEnum = p.type();
                    case "Address" -> address = p.type();
                    case "Signature" -> signature = p.type();
                    case "Extra" -> extra = p.type();
                    default -> {
                    }
                }
            }
            ext = new ExtrinsicInfo(ext.versions(), ext.extrinsicType(), address, callEnum, signature, extra,
                    ext.signedExtensions(), ext.extensionsByVersion());
        }
        if (eventEnum == null) {
            eventEnum = eventEnumFromSystemEvents(types, pallets);
        }
        Metadata m = new Metadata(version, types, pallets, ext, runtimeType, apis, callEnum, eventEnum, errorEnum,
                custom);
        checkTypes(m);
        return m;
    }

    /** V14 has no outer-enum list: take RuntimeEvent from System.Events (Vec of EventRecord{phase, event, topics}). */
    private static Integer eventEnumFromSystemEvents(TypeRegistry types, List<Pallet> pallets) {
        for (Pallet p : pallets) {
            StorageEntry e = p.name().equals("System") ? p.storage().get("Events") : null;
            if (e != null && types.contains(e.valueType()) && types.def(e.valueType()) instanceof TypeDef.Sequence s
                    && types.contains(s.elementType()) && types.def(s.elementType()) instanceof TypeDef.Composite c) {
                for (TypeDef.Field f : c.fields()) {
                    if ("event".equals(f.name())) {
                        return f.type();
                    }
                }
            }
        }
        return null;
    }

    private static Pallet readPallet(ScaleReader r, TypeRegistry types, int version) {
        String name = r.readString();
        String prefix = null;
        Map<String, StorageEntry> storage = new LinkedHashMap<>();
        if (r.readOptionTag("pallet storage")) {
            prefix = r.readString();
            int n = r.readLength("storage entries", 1);
            for (int i = 0; i < n; i++) {
                StorageEntry e = readStorageEntry(r, types, name, prefix, version);
                storage.put(e.name(), e);
            }
        }
        Integer calls = readOptionalTypeWithDeprecation(r, version, "pallet calls");
        Integer event = readOptionalTypeWithDeprecation(r, version, "pallet event");
        int nc = r.readLength("constants", 1);
        Map<String, Constant> constants = new LinkedHashMap<>();
        for (int i = 0; i < nc; i++) {
            String cname = r.readString();
            int ty = r.readCompactInt("type id");
            byte[] value = r.readByteVec();
            List<String> docs = readStrings(r);
            if (version >= 16) {
                skipItemDeprecation(r);
            }
            constants.put(cname, new Constant(name, cname, ty, value, docs));
        }
        Integer error = readOptionalTypeWithDeprecation(r, version, "pallet error");
        if (version >= 16) {
            int na = r.readLength("associated types", 1);
            for (int i = 0; i < na; i++) {
                r.readString();
                r.readCompactInt("type id");
                readStrings(r);
            }
            int nv = r.readLength("view functions", 1);
            for (int i = 0; i < nv; i++) {
                r.skip(32, "view function id");
                r.readString();
                readParams(r, "view function");
                r.readCompactInt("type id");
                readStrings(r);
                skipItemDeprecation(r);
            }
        }
        int index = r.readU8();
        List<String> docs = version >= 15 ? readStrings(r) : List.of();
        if (version >= 16) {
            skipItemDeprecation(r);
        }
        return new Pallet(name, index, prefix, Collections.unmodifiableMap(storage), calls, event, error,
                Collections.unmodifiableMap(constants), docs);
    }

    private static StorageEntry readStorageEntry(ScaleReader r, TypeRegistry types, String pallet, String prefix,
                                                 int version) {
        String name = r.readString();
        int at = r.position();
        int mod = r.readU8();
        if (mod > 1) {
            throw new ScaleException("storage " + pallet + "." + name + ": bad modifier " + mod, at);
        }
        at = r.position();
        int kind = r.readU8();
        List<StorageHasher> hashers = new ArrayList<>();
        Integer key = null;
        List<Integer> keyTypes = new ArrayList<>();
        int value;
        if (kind == 0) {
            value = r.readCompactInt("type id");
        } else if (kind == 1) {
            int nh = r.readLength("hashers", 1);
            for (int i = 0; i < nh; i++) {
                int hp = r.position();
                int h = r.readU8();
                if (h >= StorageHasher.values().length) {
                    throw new ScaleException("storage " + pallet + "." + name + ": unknown hasher " + h, hp);
                }
                hashers.add(StorageHasher.values()[h]);
            }
            key = r.readCompactInt("type id");
            value = r.readCompactInt("type id");
            if (nh == 1) {
                keyTypes.add(key);
            } else if (types.contains(key) && types.def(key) instanceof TypeDef.Tuple t
                    && t.elementTypes().size() == nh) {
                keyTypes.addAll(t.elementTypes());
            } else {
                throw new ScaleException("storage " + pallet + "." + name + ": " + nh
                        + " hashers but key type " + key + " is not a tuple of that size");
            }
        } else {
            throw new ScaleException("storage " + pallet + "." + name + ": bad entry type " + kind, at);
        }
        byte[] def = r.readByteVec();
        List<String> docs = readStrings(r);
        if (version >= 16) {
            skipItemDeprecation(r);
        }
        return new StorageEntry(pallet, prefix, name,
                mod == 0 ? StorageEntry.Modifier.OPTIONAL : StorageEntry.Modifier.DEFAULT,
                List.copyOf(hashers), key, List.copyOf(keyTypes), value, def, docs);
    }

    private static Integer readOptionalTypeWithDeprecation(ScaleReader r, int version, String what) {
        if (!r.readOptionTag(what)) {
            return null;
        }
        int ty = r.readCompactInt("type id");
        if (version >= 16) {
            skipEnumDeprecation(r);
        }
        return ty;
    }

    private static ExtrinsicInfo readExtrinsic(ScaleReader r, int version) {
        Integer extrinsicType = null;
        Integer address = null;
        Integer call = null;
        Integer signature = null;
        Integer extra = null;
        List<Integer> versions = new ArrayList<>();
        if (version == 14) {
            extrinsicType = r.readCompactInt("extrinsic type");
            versions.add(r.readU8());
        } else if (version == 15) {
            versions.add(r.readU8());
            address = r.readCompactInt("address type");
            call = r.readCompactInt("call type");
            signature = r.readCompactInt("signature type");
            extra = r.readCompactInt("extra type");
        } else {
            byte[] vs = r.readByteVec();
            for (byte b : vs) {
                versions.add(b & 0xff);
            }
            address = r.readCompactInt("address type");
            call = r.readCompactInt("call type");
            signature = r.readCompactInt("signature type");
        }
        Map<Integer, List<Integer>> byVersion = new LinkedHashMap<>();
        if (version >= 16) {
            int n = r.readLength("extensions by version", 2);
            for (int i = 0; i < n; i++) {
                int v = r.readU8();
                int k = r.readLength("extension indices", 1);
                List<Integer> idx = new ArrayList<>(k);
                for (int j = 0; j < k; j++) {
                    idx.add(r.readCompactInt("extension index"));
                }
                byVersion.put(v, List.copyOf(idx));
            }
        }
        int n = r.readLength("signed extensions", 3);
        List<SignedExtension> exts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = r.readString();
            int ty = r.readCompactInt("type id");
            int add = r.readCompactInt("type id");
            exts.add(new SignedExtension(id, ty, add));
        }
        for (Map.Entry<Integer, List<Integer>> e : byVersion.entrySet()) {
            for (int idx : e.getValue()) {
                if (idx < 0 || idx >= exts.size()) {
                    throw new ScaleException("transaction extension version " + e.getKey() + " refers to index "
                            + idx + " of " + exts.size());
                }
            }
        }
        return new ExtrinsicInfo(List.copyOf(versions), extrinsicType, address, call, signature, extra,
                List.copyOf(exts), Collections.unmodifiableMap(byVersion));
    }

    private static List<RuntimeApi> readApis(ScaleReader r, int version) {
        int n = r.readLength("runtime APIs", 1);
        List<RuntimeApi> apis = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = r.readString();
            int nm = r.readLength("runtime API methods", 1);
            List<RuntimeApi.Method> methods = new ArrayList<>(nm);
            for (int j = 0; j < nm; j++) {
                String mname = r.readString();
                List<RuntimeApi.Param> inputs = readParams(r, "runtime API method");
                int out = r.readCompactInt("type id");
                List<String> docs = readStrings(r);
                if (version >= 16) {
                    skipItemDeprecation(r);
                }
                methods.add(new RuntimeApi.Method(name, mname, inputs, out, docs));
            }
            List<String> docs = readStrings(r);
            Long apiVersion = null;
            if (version >= 16) {
                apiVersion = r.readCompactLong("runtime API version");
                skipItemDeprecation(r);
            }
            apis.add(new RuntimeApi(name, List.copyOf(methods), docs, apiVersion));
        }
        return apis;
    }

    private static List<RuntimeApi.Param> readParams(ScaleReader r, String what) {
        int n = r.readLength(what + " inputs", 2);
        List<RuntimeApi.Param> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new RuntimeApi.Param(r.readString(), r.readCompactInt("type id")));
        }
        return List.copyOf(out);
    }

    private static List<String> readStrings(ScaleReader r) {
        int n = r.readLength("docs", 1);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.readString());
        }
        return List.copyOf(out);
    }

    /** V16 ItemDeprecationInfo: 0 NotDeprecated, 1 DeprecatedWithoutNote, 2 Deprecated{note, since: Option}. */
    private static void skipItemDeprecation(ScaleReader r) {
        int at = r.position();
        int tag = r.readU8();
        switch (tag) {
            case 0, 1 -> {
            }
            case 2 -> {
                r.readString();
                if (r.readOptionTag("deprecation since")) {
                    r.readString();
                }
            }
            default -> throw new ScaleException("bad deprecation info tag " + tag, at);
        }
    }

    /** V16 EnumDeprecationInfo: BTreeMap&lt;u8, VariantDeprecationInfo (1 without note, 2 with note)&gt;. */
    private static void skipEnumDeprecation(ScaleReader r) {
        int n = r.readLength("enum deprecation", 2);
        for (int i = 0; i < n; i++) {
            r.readU8();
            int at = r.position();
            int tag = r.readU8();
            if (tag == 2) {
                r.readString();
                if (r.readOptionTag("deprecation since")) {
                    r.readString();
                }
            } else if (tag != 1) {
                throw new ScaleException("bad variant deprecation tag " + tag, at);
            }
        }
    }

    /** Every type id used by the pallets, extrinsic and APIs must exist in the registry. */
    private static void checkTypes(Metadata m) {
        TypeRegistry t = m.types();
        List<Integer> ids = new ArrayList<>();
        for (Pallet p : m.pallets()) {
            for (StorageEntry e : p.storage().values()) {
                if (e.keyType() != null) {
                    ids.add(e.keyType());
                }
                ids.add(e.valueType());
            }
            for (Constant c : p.constants().values()) {
                ids.add(c.type());
            }
            if (p.callType() != null) {
                ids.add(p.callType());
            }
            if (p.eventType() != null) {
                ids.add(p.eventType());
            }
            if (p.errorType() != null) {
                ids.add(p.errorType());
            }
        }
        ExtrinsicInfo x = m.extrinsic();
        for (Integer i : new Integer[] {x.extrinsicType(), x.addressType(), x.callType(), x.signatureType(),
                x.extraType(), m.runtimeType(), m.callEnumType(), m.eventEnumType(), m.errorEnumType()}) {
            if (i != null) {
                ids.add(i);
            }
        }
        for (SignedExtension s : x.signedExtensions()) {
            ids.add(s.extraType());
            ids.add(s.additionalSignedType());
        }
        for (RuntimeApi a : m.runtimeApis()) {
            for (RuntimeApi.Method me : a.methods()) {
                ids.add(me.output());
                me.inputs().forEach(pp -> ids.add(pp.type()));
            }
        }
        for (Constant c : m.custom().values()) {
            ids.add(c.type());
        }
        for (int id : ids) {
            t.get(id);
        }
    }
}
