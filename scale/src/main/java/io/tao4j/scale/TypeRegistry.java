package io.tao4j.scale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The portable type registry of runtime metadata (scale-info {@code PortableRegistry}): types by id,
 * O(1) lookup. {@link #decode(ScaleReader)} checks that every type id referenced anywhere resolves.
 */
public final class TypeRegistry {
    private final PortableType[] byId;
    private final List<PortableType> types;
    private final Map<String, List<PortableType>> byPath;

    public TypeRegistry(List<PortableType> types) {
        int max = -1;
        for (PortableType t : types) {
            max = Math.max(max, t.id());
        }
        byId = new PortableType[max + 1];
        Map<String, List<PortableType>> paths = new HashMap<>();
        for (PortableType t : types) {
            if (byId[t.id()] != null) {
                throw new ScaleException("type registry has type id " + t.id() + " twice");
            }
            byId[t.id()] = t;
            if (!t.path().isEmpty()) {
                paths.computeIfAbsent(t.pathString(), k -> new ArrayList<>()).add(t);
            }
        }
        this.types = List.copyOf(types);
        this.byPath = Collections.unmodifiableMap(paths);
    }

    /** Decodes a {@code PortableRegistry} (Vec of (Compact id, Type)). */
    public static TypeRegistry decode(ScaleReader r) {
        int n = r.readLength("type registry", 1);
        List<PortableType> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = r.readCompactInt("type id");
            List<String> path = readStrings(r, "type path");
            int np = r.readLength("type params", 1);
            List<PortableType.TypeParam> params = new ArrayList<>(np);
            for (int p = 0; p < np; p++) {
                String name = r.readString();
                Integer ty = r.readOptionTag("type param") ? r.readCompactInt("type id") : null;
                params.add(new PortableType.TypeParam(name, ty));
            }
            TypeDef def = readDef(r, id);
            List<String> docs = readStrings(r, "type docs");
            list.add(new PortableType(id, List.copyOf(path), List.copyOf(params), def, docs));
        }
        TypeRegistry reg = new TypeRegistry(list);
        reg.checkReferences();
        return reg;
    }

    static List<String> readStrings(ScaleReader r, String what) {
        int n = r.readLength(what, 1);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.readString());
        }
        return List.copyOf(out);
    }

    static List<TypeDef.Field> readFields(ScaleReader r) {
        int n = r.readLength("fields", 2);
        List<TypeDef.Field> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = r.readOptionTag("field name") ? r.readString() : null;
            int ty = r.readCompactInt("type id");
            String typeName = r.readOptionTag("field type name") ? r.readString() : null;
            List<String> docs = readStrings(r, "field docs");
            out.add(new TypeDef.Field(name, ty, typeName, docs));
        }
        return List.copyOf(out);
    }

    private static TypeDef readDef(ScaleReader r, int id) {
        int at = r.position();
        int tag = r.readU8();
        switch (tag) {
            case 0:
                return new TypeDef.Composite(readFields(r));
            case 1: {
                int n = r.readLength("variants", 4);
                List<TypeDef.Variant> vs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String name = r.readString();
                    List<TypeDef.Field> fields = readFields(r);
                    int index = r.readU8();
                    List<String> docs = readStrings(r, "variant docs");
                    vs.add(new TypeDef.Variant(name, fields, index, docs));
                }
                return new TypeDef.VariantType(vs);
            }
            case 2:
                return new TypeDef.Sequence(r.readCompactInt("type id"));
            case 3: {
                long len = r.readU32();
                if (len > Integer.MAX_VALUE) {
                    throw new ScaleException("array length " + len + " too large in type " + id, at);
                }
                return new TypeDef.Array((int) len, r.readCompactInt("type id"));
            }
            case 4: {
                int n = r.readLength("tuple", 1);
                List<Integer> el = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    el.add(r.readCompactInt("type id"));
                }
                return new TypeDef.Tuple(List.copyOf(el));
            }
            case 5: {
                int p = r.readU8();
                if (p >= Primitive.values().length) {
                    throw new ScaleException("unknown primitive tag " + p + " in type " + id, at + 1);
                }
                return new TypeDef.PrimitiveDef(Primitive.values()[p]);
            }
            case 6:
                return new TypeDef.Compact(r.readCompactInt("type id"));
            case 7:
                return new TypeDef.BitSequence(r.readCompactInt("type id"), r.readCompactInt("type id"));
            default:
                throw new ScaleException("unknown TypeDef tag " + tag + " in type " + id, at);
        }
    }

    private void checkReferences() {
        for (PortableType t : types) {
            for (PortableType.TypeParam p : t.params()) {
                if (p.type() != null) {
                    check(p.type(), t);
                }
            }
            TypeDef d = t.def();
            if (d instanceof TypeDef.Composite c) {
                c.fields().forEach(f -> check(f.type(), t));
            } else if (d instanceof TypeDef.VariantType v) {
                v.variants().forEach(vv -> vv.fields().forEach(f -> check(f.type(), t)));
            } else if (d instanceof TypeDef.Sequence s) {
                check(s.elementType(), t);
            } else if (d instanceof TypeDef.Array a) {
                check(a.elementType(), t);
            } else if (d instanceof TypeDef.Tuple tu) {
                tu.elementTypes().forEach(e -> check(e, t));
            } else if (d instanceof TypeDef.Compact c) {
                check(c.innerType(), t);
            } else if (d instanceof TypeDef.BitSequence b) {
                check(b.storeType(), t);
                check(b.orderType(), t);
            }
        }
    }

    private void check(int ref, PortableType from) {
        if (ref < 0 || ref >= byId.length || byId[ref] == null) {
            throw new ScaleException("type " + from.id() + " (" + from.pathString() + ") refers to unknown type id " + ref);
        }
    }

    /** The type with this id; throws {@link ScaleException} if there is none. */
    public PortableType get(int id) {
        if (id < 0 || id >= byId.length || byId[id] == null) {
            throw new ScaleException("unknown type id " + id);
        }
        return byId[id];
    }

    public boolean contains(int id) {
        return id >= 0 && id < byId.length && byId[id] != null;
    }

    public TypeDef def(int id) {
        return get(id).def();
    }

    public List<PortableType> types() {
        return types;
    }

    public int size() {
        return types.size();
    }

    /** Types whose path joined with "::" equals {@code path} (generic types can appear several times). */
    public List<PortableType> byPath(String path) {
        return byPath.getOrDefault(path, List.of());
    }

    /** Follows single-field composites (newtypes such as NetUid or Compact wrappers) down to the inner type id. */
    public int unwrapNewtype(int id) {
        for (int guard = 0; guard < 64; guard++) {
            TypeDef d = def(id);
            if (d instanceof TypeDef.Composite c && c.fields().size() == 1) {
                id = c.fields().get(0).type();
            } else if (d instanceof TypeDef.Tuple t && t.elementTypes().size() == 1) {
                id = t.elementTypes().get(0);
            } else {
                return id;
            }
        }
        return id;
    }

    /**
     * True when every value of this type encodes to zero bytes: (), unit structs, composites and tuples
     * of such types, and zero-length arrays (e.g. most signed-extension extra/additional types).
     */
    public boolean encodesToNothing(int id) {
        return encodesToNothing(id, 0);
    }

    private boolean encodesToNothing(int id, int depth) {
        if (depth > 32) {
            return false;
        }
        TypeDef d = def(id);
        if (d instanceof TypeDef.Composite c) {
            return c.fields().stream().allMatch(f -> encodesToNothing(f.type(), depth + 1));
        }
        if (d instanceof TypeDef.Tuple t) {
            return t.elementTypes().stream().allMatch(e -> encodesToNothing(e, depth + 1));
        }
        if (d instanceof TypeDef.Array a) {
            return a.length() == 0 || encodesToNothing(a.elementType(), depth + 1);
        }
        return false;
    }

    /** The primitive this type is or wraps (through newtypes), or null. */
    public Primitive primitiveOf(int id) {
        return def(unwrapNewtype(id)) instanceof TypeDef.PrimitiveDef p ? p.primitive() : null;
    }

    /**
     * A short Rust-like description of a type for messages, e.g. "u16", "Vec<u16>", "AccountId32",
     * "NetUid(u16)" (newtypes show their inner type), "Option<u64>".
     */
    public String describe(int id) {
        return describe(id, 0);
    }

    private String describe(int id, int depth) {
        if (!contains(id)) {
            return "#" + id;
        }
        PortableType t = get(id);
        if (depth > 4) {
            return t.path().isEmpty() ? "#" + id : t.simpleName();
        }
        TypeDef d = t.def();
        if (d instanceof TypeDef.PrimitiveDef p) {
            return p.primitive().rustName();
        }
        if (d instanceof TypeDef.Sequence s) {
            return "Vec<" + describe(s.elementType(), depth + 1) + ">";
        }
        if (d instanceof TypeDef.Array a) {
            return "[" + describe(a.elementType(), depth + 1) + "; " + a.length() + "]";
        }
        if (d instanceof TypeDef.Compact c) {
            return "Compact<" + describe(c.innerType(), depth + 1) + ">";
        }
        if (d instanceof TypeDef.Tuple tu) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < tu.elementTypes().size(); i++) {
                sb.append(i > 0 ? ", " : "").append(describe(tu.elementTypes().get(i), depth + 1));
            }
            return sb.append(')').toString();
        }
        if (d instanceof TypeDef.BitSequence) {
            return "BitVec";
        }
        if (!t.path().isEmpty()) {
            String name = t.simpleName();
            if (name.equals("Option") || name.equals("Result") || !t.params().isEmpty()) {
                StringBuilder sb = new StringBuilder(name);
                boolean any = false;
                for (PortableType.TypeParam p : t.params()) {
                    if (p.type() != null) {
                        sb.append(any ? ", " : "<").append(describe(p.type(), depth + 1));
                        any = true;
                    }
                }
                return any ? sb.append('>').toString() : name;
            }
            if (d instanceof TypeDef.Composite c && c.fields().size() == 1 && c.fields().get(0).name() == null
                    && !name.equals("AccountId32")) {
                return name + "(" + describe(c.fields().get(0).type(), depth + 1) + ")";
            }
            return name;
        }
        return "#" + id;
    }
}
