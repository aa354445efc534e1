package io.tao4j.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.crypto.Ss58;

import java.math.BigInteger;
import java.util.List;

/**
 * The decoding half of {@link DynamicCodec}: SCALE bytes of a registry type to a Jackson tree (integers as numbers
 * when they fit a long, else decimal strings; byte vectors and arrays as 0x hex; AccountId32 as SS58; enums as
 * {@code "Variant"} or {@code {"Variant": value}}; Option as null or the value).
 */
final class DynamicDecoder {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 200;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final TypeRegistry reg;
    private final int ss58Prefix;

    DynamicDecoder(TypeRegistry reg, int ss58Prefix) {
        this.reg = reg;
        this.ss58Prefix = ss58Prefix;
    }

    private String describe(int id) {
        return reg.describe(id);
    }

    JsonNode dec(int id, ScaleReader r, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ScaleException("value nested too deeply", r.position());
        }
        PortableType t = reg.get(id);
        TypeDef d = t.def();
        if (d instanceof TypeDef.PrimitiveDef p) {
            return decPrimitive(p.primitive(), r);
        }
        if (d instanceof TypeDef.Composite c) {
            if (t.pathString().equals(DynamicCodec.ACCOUNT_ID32)) {
                return F.textNode(Ss58.encode(r.readBytes(32, "AccountId32"), ss58Prefix));
            }
            return decFields(c.fields(), r, depth);
        }
        if (d instanceof TypeDef.VariantType vt) {
            int at = r.position();
            int tag = r.readU8();
            TypeDef.Variant v = vt.byIndex(tag);
            if (v == null) {
                throw new ScaleException("invalid variant index " + tag + " for " + describe(id), at);
            }
            boolean isOption = t.path().size() == 1 && t.path().get(0).equals("Option");
            if (isOption) {
                if (v.fields().isEmpty()) {
                    return F.nullNode();
                }
                JsonNode inner = decFields(v.fields(), r, depth);
                if (inner.isNull()) {
                    // Some(()) or Some(None): keep it distinguishable from None
                    ObjectNode some = F.objectNode();
                    some.set(v.name(), inner);
                    return some;
                }
                return inner;
            }
            if (v.fields().isEmpty()) {
                return F.textNode(v.name());
            }
            ObjectNode o = F.objectNode();
            o.set(v.name(), decFields(v.fields(), r, depth));
            return o;
        }
        if (d instanceof TypeDef.Sequence s) {
            if (TypeShapes.isU8(reg, s.elementType())) {
                return F.textNode(HexCodec.encode0x(r.readByteVec()));
            }
            int n = r.readLength("Vec", minSize(s.elementType()));
            ArrayNode a = F.arrayNode(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                a.add(dec(s.elementType(), r, depth + 1));
            }
            return a;
        }
        if (d instanceof TypeDef.Array a) {
            if (TypeShapes.isU8(reg, a.elementType())) {
                return F.textNode(HexCodec.encode0x(r.readBytes(a.length(), "byte array")));
            }
            ArrayNode out = F.arrayNode();
            for (int i = 0; i < a.length(); i++) {
                out.add(dec(a.elementType(), r, depth + 1));
            }
            return out;
        }
        if (d instanceof TypeDef.Tuple tu) {
            List<Integer> el = tu.elementTypes();
            if (el.isEmpty()) {
                return F.nullNode();
            }
            if (el.size() == 1) {
                return dec(el.get(0), r, depth + 1);
            }
            ArrayNode out = F.arrayNode();
            for (int e : el) {
                out.add(dec(e, r, depth + 1));
            }
            return out;
        }
        if (d instanceof TypeDef.Compact c) {
            int inner = reg.unwrapNewtype(c.innerType());
            if (TypeShapes.isUnit(reg, inner)) {
                return F.nullNode();
            }
            int at = r.position();
            BigInteger n = r.readCompact();
            Primitive p = reg.primitiveOf(inner);
            if (p != null && p.isInteger() && n.bitLength() > p.size() * 8) {
                throw new ScaleException("compact value " + n + " too large for " + p, at);
            }
            return number(n);
        }
        if (d instanceof TypeDef.BitSequence b) {
            int storeBits = TypeShapes.bitStoreSize(reg, b) * 8;
            boolean msb = TypeShapes.isMsb0(reg, b);
            int n = r.readLength("bit sequence", 0);
            int words = (int) (((long) n + storeBits - 1) / storeBits);
            byte[] raw = r.readBytes(words * storeBits / 8, "bit sequence");
            ArrayNode out = F.arrayNode();
            for (int i = 0; i < n; i++) {
                int word = i / storeBits;
                int bit = msb ? storeBits - 1 - (i % storeBits) : i % storeBits;
                out.add((raw[word * storeBits / 8 + bit / 8] >> (bit % 8) & 1) == 1);
            }
            return out;
        }
        throw new ScaleException("unsupported type " + describe(id));
    }

    /** Lower bound on the encoded size of a type (for sanity-checking lengths against the input). */
    private int minSize(int id) {
        TypeDef d = reg.def(id);
        if (d instanceof TypeDef.PrimitiveDef p) {
            return Math.max(p.primitive().size(), 1);
        }
        return (d instanceof TypeDef.Tuple t && t.elementTypes().isEmpty())
                || (d instanceof TypeDef.Composite c && c.fields().isEmpty()) ? 0 : 1;
    }

    private JsonNode decFields(List<TypeDef.Field> fields, ScaleReader r, int depth) {
        if (fields.isEmpty()) {
            return F.nullNode();
        }
        if (fields.get(0).name() != null) {
            ObjectNode o = F.objectNode();
            if (fields.size() == 1) {
                // single named field: keep the name only when it is not a plain newtype wrapper
                TypeDef.Field f = fields.get(0);
                o.set(f.name(), dec(f.type(), r, depth + 1));
                return o;
            }
            for (TypeDef.Field f : fields) {
                o.set(f.name(), dec(f.type(), r, depth + 1));
            }
            return o;
        }
        if (fields.size() == 1) {
            return dec(fields.get(0).type(), r, depth + 1);
        }
        ArrayNode a = F.arrayNode();
        for (TypeDef.Field f : fields) {
            a.add(dec(f.type(), r, depth + 1));
        }
        return a;
    }

    private static JsonNode decPrimitive(Primitive p, ScaleReader r) {
        return switch (p) {
            case BOOL -> F.booleanNode(r.readBool());
            case STR -> F.textNode(r.readString());
            case CHAR -> {
                int at = r.position();
                long cp = r.readU32();
                if (cp > Character.MAX_CODE_POINT || (cp >= 0xd800 && cp <= 0xdfff)) {
                    throw new ScaleException("invalid char code point " + cp, at);
                }
                yield F.textNode(new String(Character.toChars((int) cp)));
            }
            case U8 -> F.numberNode(r.readU8());
            case U16 -> F.numberNode(r.readU16());
            case U32 -> F.numberNode(r.readU32());
            case I8 -> F.numberNode(r.readI8());
            case I16 -> F.numberNode(r.readI16());
            case I32 -> F.numberNode(r.readI32());
            case I64 -> F.numberNode(r.readI64());
            case U64 -> {
                long v = r.readU64();
                yield v >= 0 ? F.numberNode(v) : F.textNode(Long.toUnsignedString(v));
            }
            default -> number(p.isSigned() ? r.readSigned(p.size(), p.rustName())
                    : r.readUnsigned(p.size(), p.rustName()));
        };
    }

    /** A number node when the value fits in a signed long, else a decimal string node. */
    static JsonNode number(BigInteger n) {
        if (n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0) {
            return F.numberNode(n.longValue());
        }
        return F.textNode(n.toString());
    }
}
