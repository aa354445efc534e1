package io.tao4j.scale.metadata;

import io.tao4j.scale.PortableType;
import io.tao4j.scale.TypeDef;
import io.tao4j.scale.TypeRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders type ids the way @polkadot/types prints them in subtensor_metadata_summary.json (the subset
 * of its naming rules those types need), so the summary can be compared field by field.
 */
final class PjsTypeNames {
    private final TypeRegistry reg;

    PjsTypeNames(TypeRegistry reg) {
        this.reg = reg;
    }

    /** Top-level rendering: structs and enums are spelled out, newtypes collapse to their inner type. */
    String top(int id) {
        PortableType t = reg.get(id);
        String spelled = known(t) == null ? spelledOut(t) : null;
        return spelled != null ? spelled : nested(id);
    }

    /** A struct or enum spelled out, or a newtype's inner type; null for anything else (rendered as nested). */
    private String spelledOut(PortableType t) {
        TypeDef d = t.def();
        if (d instanceof TypeDef.Composite c) {
            if (c.fields().isEmpty()) {
                return "Null";
            }
            if (c.named()) {
                return object(c.fields());
            }
            if (c.fields().size() == 1) {
                return nested(c.fields().get(0).type());
            }
        }
        if (d instanceof TypeDef.VariantType v && !isOption(t)) {
            StringBuilder sb = new StringBuilder("{\"_enum\":{");
            boolean first = true;
            for (TypeDef.Variant var : v.variants()) {
                sb.append(first ? "" : ",").append('"').append(var.name()).append("\":\"");
                if (var.fields().isEmpty()) {
                    sb.append("Null");
                } else if (var.fields().size() == 1) {
                    sb.append(nested(var.fields().get(0).type()));
                } else {
                    throw new IllegalStateException("not needed by the summary");
                }
                sb.append('"');
                first = false;
            }
            return sb.append("}}").toString();
        }
        return null;
    }

    private String object(List<TypeDef.Field> fields) {
        List<String> parts = new ArrayList<>();
        for (TypeDef.Field f : fields) {
            parts.add("\"" + f.camelName() + "\":\"" + nested(f.type()) + "\"");
        }
        return "{" + String.join(",", parts) + "}";
    }

    /** Nested rendering: named types by their joined path. */
    String nested(int id) {
        PortableType t = reg.get(id);
        TypeDef d = t.def();
        String known = known(t);
        if (known != null) {
            return known;
        }
        if (d instanceof TypeDef.PrimitiveDef p) {
            return p.primitive() == io.tao4j.scale.Primitive.STR ? "Text" : p.primitive().rustName();
        }
        if (d instanceof TypeDef.Sequence s) {
            TypeDef e = reg.def(s.elementType());
            if (e instanceof TypeDef.PrimitiveDef p && p.primitive() == io.tao4j.scale.Primitive.U8) {
                return "Bytes";
            }
            return "Vec<" + nested(s.elementType()) + ">";
        }
        if (d instanceof TypeDef.Array a) {
            return "[" + nested(a.elementType()) + ";" + a.length() + "]";
        }
        if (d instanceof TypeDef.Compact c) {
            return "Compact<" + nested(c.innerType()) + ">";
        }
        if (d instanceof TypeDef.Tuple tu) {
            if (tu.elementTypes().isEmpty()) {
                return "Null";
            }
            return "(" + String.join(",", tu.elementTypes().stream().map(this::nested).toList()) + ")";
        }
        if (isOption(t)) {
            return "Option<" + nested(((TypeDef.VariantType) d).byName("Some").fields().get(0).type()) + ">";
        }
        if (d instanceof TypeDef.Composite c && !c.named() && c.fields().size() == 1 && !t.path().isEmpty()
                && t.path().get(0).equals("bounded_collections")) {
            return nested(c.fields().get(0).type());
        }
        StringBuilder sb = new StringBuilder();
        for (String seg : t.path()) {
            if (seg.equals("types")) {
                continue;
            }
            for (String part : seg.split("_")) {
                if (!part.isEmpty()) {
                    sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
        }
        return sb.toString();
    }

    private static boolean isOption(PortableType t) {
        return t.path().size() == 1 && t.path().get(0).equals("Option");
    }

    private static String known(PortableType t) {
        return switch (t.pathString()) {
            case "sp_core::crypto::AccountId32" -> "AccountId32";
            case "primitive_types::H256" -> "H256";
            case "sp_runtime::generic::era::Era" -> "Era";
            default -> null;
        };
    }
}
