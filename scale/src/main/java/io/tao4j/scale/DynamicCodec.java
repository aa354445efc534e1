package io.tao4j.scale;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Ss58;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Metadata-driven encoding and decoding of values for any type id of a {@link TypeRegistry}.
 *
 * <p>Input values (for {@code encode}) may be Jackson {@link JsonNode}s or plain Java objects:
 * <ul>
 * <li>integers: any {@link Number} without a fraction, or a decimal string; range-checked for the type;</li>
 * <li>bool: Boolean (or "true"/"false"); str: String;</li>
 * <li>Vec&lt;u8&gt; and [u8; N]: {@code byte[]}, a {@code 0x} hex string, a list of numbers, or (Vec only) a
 *     plain string taken as UTF-8;</li>
 * <li>AccountId32 ({@code sp_core::crypto::AccountId32}): SS58 string, 0x hex of 32 bytes or byte[32];</li>
 * <li>structs: a map by field name (snake_case or camelCase); single-field structs (newtypes) and
 *     single-element tuples also accept the inner value directly; tuples and tuple structs: a list;</li>
 * <li>enums: {@code {"Variant": value}} or a bare string for a unit variant; Option: null for None, any
 *     other value for Some (or explicit {@code {"Some": v}}/{@code {"None": null}});
 *     {@code MultiAddress}: an SS58 string/32-byte value means {@code Id}; commitments
 *     {@code Data}: {@code {"Raw": "text or 0x.."}} picks {@code Raw<len>};</li>
 * <li>bit sequences: a list of booleans or a string of 0/1.</li>
 * </ul>
 *
 * <p>Decoding produces the same shapes as JSON: integers that fit in a signed 64-bit long as numbers,
 * larger ones as decimal strings; byte vectors/arrays as 0x hex; AccountId32 as SS58 (prefix 42);
 * unit variants as strings; Option as null or the inner value; single-field structs as their inner value.
 * Errors are {@link ValueException}s naming the path, e.g. {@code set_weights.dests[3]: expected u16, got -1}.
 */
public final class DynamicCodec {
    private static final int MAX_DEPTH = 200;

    /** Type path of AccountId32. */
    public static final String ACCOUNT_ID32 = "sp_core::crypto::AccountId32";
    /** Type path of MultiAddress. */
    public static final String MULTI_ADDRESS = "sp_runtime::multiaddress::MultiAddress";

    private final TypeRegistry reg;
    private final int ss58Prefix;

    /**
     * A value that is already SCALE-encoded for the type at its position; {@code encode} copies the bytes
     * as they are (e.g. a mortal era or a pre-encoded call inside a larger value).
     */
    public record Encoded(byte[] bytes) {
        public Encoded {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    private DynamicCodec(TypeRegistry reg, int ss58Prefix) {
        this.reg = reg;
        this.ss58Prefix = ss58Prefix;
    }

    // ------------------------------------------------------------------ public API

    /** Encodes {@code value} as type {@code typeId}; {@code path} names the value in errors (e.g. "set_weights"). */
    public static byte[] encode(TypeRegistry reg, int typeId, Object value, String path) {
        ScaleWriter w = new ScaleWriter();
        encode(reg, typeId, value, path, w);
        return w.toByteArray();
    }

    /** Encodes {@code value} as type {@code typeId} into {@code w}. */
    public static void encode(TypeRegistry reg, int typeId, Object value, String path, ScaleWriter w) {
        new DynamicCodec(reg, Ss58.BITTENSOR_PREFIX).enc(typeId, normalize(value), path, w, 0);
    }

    /** Decodes exactly all of {@code bytes} as type {@code typeId}; {@code what} names the value in errors. */
    public static JsonNode decode(TypeRegistry reg, int typeId, byte[] bytes, String what) {
        ScaleReader r = new ScaleReader(bytes);
        JsonNode n = decode(reg, typeId, r);
        if (r.hasRemaining()) {
            r.expectEnd(what + " (" + reg.describe(typeId) + ")");
        }
        return n;
    }

    /** Decodes one value of type {@code typeId} from the reader (AccountId32 as SS58 with prefix 42). */
    public static JsonNode decode(TypeRegistry reg, int typeId, ScaleReader r) {
        return new DynamicDecoder(reg, Ss58.BITTENSOR_PREFIX).dec(typeId, r, 0);
    }

    /** Decodes one value with AccountId32 rendered in the given SS58 prefix. */
    public static JsonNode decode(TypeRegistry reg, int typeId, ScaleReader r, int ss58Prefix) {
        return new DynamicDecoder(reg, ss58Prefix).dec(typeId, r, 0);
    }

    /** Skips one value of type {@code typeId} (used to walk keys and events without keeping them). */
    public static void skip(TypeRegistry reg, int typeId, ScaleReader r) {
        decode(reg, typeId, r);
    }

    /**
     * Converts a JsonNode tree (or a plain value) into plain Java values: Map, List, String, BigInteger,
     * BigDecimal, Boolean, byte[] or null. Plain Java values pass through (collections are copied).
     */
    public static Object normalize(Object v) {
        if (v instanceof JsonNode n) {
            return fromJson(n);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), normalize(e.getValue()));
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(normalize(o));
            }
            return out;
        }
        if (v instanceof Object[] a) {
            return normalize(Arrays.asList(a));
        }
        if (v instanceof Encoded || v instanceof byte[]) {
            return v;
        }
        if (v instanceof int[] a) {
            return Arrays.stream(a).boxed().map(x -> (Object) x).toList();
        }
        if (v instanceof long[] a) {
            return Arrays.stream(a).boxed().map(x -> (Object) x).toList();
        }
        return v;
    }

    private static Object fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), fromJson(e.getValue()));
            }
            return out;
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>(n.size());
            n.forEach(x -> out.add(fromJson(x)));
            return out;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        if (n.isBinary()) {
            try {
                return n.binaryValue();
            } catch (java.io.IOException e) {
                throw new ScaleException("unreadable binary JSON node", e);
            }
        }
        return n.asText();
    }

    // ------------------------------------------------------------------ encoding

    private void enc(int id, Object v, String path, ScaleWriter w, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ValueException(path, "value nested too deeply");
        }
        PortableType t = reg.get(id);
        TypeDef d = t.def();
        if (v instanceof Encoded e) {
            w.writeBytes(e.bytes);
            return;
        }
        if (d instanceof TypeDef.PrimitiveDef p) {
            encPrimitive(p.primitive(), v, path, w);
        } else if (d instanceof TypeDef.Composite c) {
            if (t.pathString().equals(ACCOUNT_ID32)) {
                w.writeBytes(accountId(v, path));
                return;
            }
            encFields(c.fields(), v, path, w, depth, () -> "struct " + describe(id));
        } else if (d instanceof TypeDef.VariantType vt) {
            encVariant(t, vt, v, path, w, depth);
        } else if (d instanceof TypeDef.Sequence s) {
            if (TypeShapes.isU8(reg, s.elementType())) {
                w.writeByteVec(bytes(v, path, -1, true));
                return;
            }
            List<?> list = list(v, path, () -> "Vec<" + describe(s.elementType()) + ">");
            w.writeCompact(list.size());
            for (int i = 0; i < list.size(); i++) {
                enc(s.elementType(), list.get(i), path + "[" + i + "]", w, depth + 1);
            }
        } else if (d instanceof TypeDef.Array a) {
            if (TypeShapes.isU8(reg, a.elementType())) {
                w.writeBytes(bytes(v, path, a.length(), false));
                return;
            }
            List<?> list = list(v, path, () -> describe(id));
            if (list.size() != a.length()) {
                throw new ValueException(path, "expected " + a.length() + " elements for " + describe(id) + ", got "
                        + list.size());
            }
            for (int i = 0; i < list.size(); i++) {
                enc(a.elementType(), list.get(i), path + "[" + i + "]", w, depth + 1);
            }
        } else if (d instanceof TypeDef.Tuple tu) {
            List<Integer> el = tu.elementTypes();
            if (el.isEmpty()) {
                if (!(v == null || (v instanceof List<?> l && l.isEmpty()) || (v instanceof Map<?, ?> m && m.isEmpty()))) {
                    throw new ValueException(path, "expected nothing (), got " + show(v));
                }
                return;
            }
            if (el.size() == 1) {
                enc(el.get(0), v, path, w, depth + 1);
                return;
            }
            List<?> list = list(v, path, () -> describe(id));
            if (list.size() != el.size()) {
                throw new ValueException(path, "expected " + el.size() + " elements for " + describe(id) + ", got "
                        + list.size());
            }
            for (int i = 0; i < el.size(); i++) {
                enc(el.get(i), list.get(i), path + "[" + i + "]", w, depth + 1);
            }
        } else if (d instanceof TypeDef.Compact c) {
            int inner = reg.unwrapNewtype(c.innerType());
            TypeDef id2 = reg.def(inner);
            if (id2 instanceof TypeDef.PrimitiveDef p && p.primitive().isInteger() && !p.primitive().isSigned()) {
                BigInteger n = integer(v, path, "Compact<" + p.primitive() + ">");
                checkRange(n, p.primitive(), path, v, "Compact<" + p.primitive() + ">");
                w.writeCompact(n);
            } else if (TypeShapes.isUnit(reg, inner)) {
                if (v != null && !(v instanceof List<?> l && l.isEmpty())) {
                    throw new ValueException(path, "expected nothing for Compact<()>, got " + show(v));
                }
            } else {
                throw new ValueException(path, "unsupported compact inner type " + describe(c.innerType()));
            }
        } else if (d instanceof TypeDef.BitSequence b) {
            encBits(b, v, path, w);
        }
    }

    private void encPrimitive(Primitive p, Object v, String path, ScaleWriter w) {
        switch (p) {
            case BOOL -> {
                if (v instanceof Boolean b) {
                    w.writeBool(b);
                } else if ("true".equals(v) || "false".equals(v)) {
                    w.writeBool("true".equals(v));
                } else {
                    throw new ValueException(path, "expected bool, got " + show(v));
                }
            }
            case STR -> {
                if (!(v instanceof String s)) {
                    throw new ValueException(path, "expected str, got " + show(v));
                }
                w.writeString(s);
            }
            case CHAR -> {
                if (!(v instanceof String s) || s.codePointCount(0, s.length()) != 1) {
                    throw new ValueException(path, "expected char (one character), got " + show(v));
                }
                w.writeU32(s.codePointAt(0));
            }
            default -> {
                BigInteger n = integer(v, path, p.rustName());
                checkRange(n, p, path, v, p.rustName());
                if (p.isSigned()) {
                    w.writeSigned(n, p.size());
                } else {
                    w.writeUnsigned(n, p.size());
                }
            }
        }
    }

    private static void checkRange(BigInteger n, Primitive p, String path, Object raw, String expected) {
        int bits = p.size() * 8;
        boolean ok = p.isSigned()
                ? n.bitLength() <= bits - 1
                : n.signum() >= 0 && n.bitLength() <= bits;
        if (!ok) {
            throw new ValueException(path, "expected " + expected + ", got " + show(raw));
        }
    }

    private static BigInteger integer(Object v, String path, String expected) {
        try {
            if (v instanceof BigInteger b) {
                return b;
            }
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return BigInteger.valueOf(((Number) v).longValue());
            }
            if (v instanceof BigDecimal bd) {
                return bd.toBigIntegerExact();
            }
            if (v instanceof Double || v instanceof Float) {
                double dv = ((Number) v).doubleValue();
                return new BigDecimal(dv).toBigIntegerExact();
            }
            if (v instanceof String s) {
                String t = s.strip().replace("_", "");
                if (t.matches("[+-]?[0-9]+")) {
                    return new BigInteger(t.startsWith("+") ? t.substring(1) : t);
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // fall through to the error below
        }
        throw new ValueException(path, "expected " + expected + ", got " + show(v));
    }

    private void encFields(List<TypeDef.Field> fields, Object v, String path, ScaleWriter w, int depth,
                           Supplier<String> whatSupplier) {
        if (fields.isEmpty()) {
            if (!(v == null || (v instanceof List<?> l && l.isEmpty()) || (v instanceof Map<?, ?> m && m.isEmpty()))) {
                throw new ValueException(path, "expected no value for " + whatSupplier.get() + ", got " + show(v));
            }
            return;
        }
        boolean named = fields.get(0).name() != null;
        if (named && v instanceof Map<?, ?> m && fields.size() == 1 && !m.containsKey(fields.get(0).name())
                && !m.containsKey(fields.get(0).camelName())) {
            // a one-field struct given its inner value (itself an object)
            enc(fields.get(0).type(), v, path, w, depth + 1);
            return;
        }
        if (named && v instanceof Map<?, ?> m) {
            int used = 0;
            for (TypeDef.Field f : fields) {
                String key = f.name();
                if (!m.containsKey(key)) {
                    String camel = f.camelName();
                    if (m.containsKey(camel)) {
                        key = camel;
                    } else {
                        throw new ValueException(path + "." + f.name(), "missing (" + whatSupplier.get() + " needs "
                                + String.join(", ", fields.stream().map(TypeDef.Field::name).toList()) + ")");
                    }
                }
                used++;
                enc(f.type(), m.get(key), path + "." + f.name(), w, depth + 1);
            }
            if (used != m.size()) {
                List<String> known = new ArrayList<>();
                for (TypeDef.Field f : fields) {
                    known.add(f.name());
                    known.add(f.camelName());
                }
                for (Object k : m.keySet()) {
                    if (!known.contains(String.valueOf(k))) {
                        throw new ValueException(path, "unknown field '" + k + "' (" + whatSupplier.get() + " has "
                                + String.join(", ", fields.stream().map(TypeDef.Field::name).toList()) + ")");
                    }
                }
                throw new ValueException(path, "field given twice (snake_case and camelCase)");
            }
            return;
        }
        if (fields.size() == 1) {
            TypeDef.Field f = fields.get(0);
            enc(f.type(), v, path, w, depth + 1);
            return;
        }
        if (v instanceof List<?> list) {
            if (list.size() != fields.size()) {
                throw new ValueException(path, "expected " + fields.size() + " values for " + whatSupplier.get() + ", got "
                        + list.size());
            }
            for (int i = 0; i < fields.size(); i++) {
                TypeDef.Field f = fields.get(i);
                enc(f.type(), list.get(i), path + (f.name() != null ? "." + f.name() : "[" + i + "]"), w, depth + 1);
            }
            return;
        }
        throw new ValueException(path, "expected " + (named ? "an object with fields "
                + String.join(", ", fields.stream().map(TypeDef.Field::name).toList()) : "a list of " + fields.size()
                + " values") + " for " + whatSupplier.get() + ", got " + show(v));
    }

    private void encVariant(PortableType t, TypeDef.VariantType vt, Object v, String path, ScaleWriter w, int depth) {
        boolean isOption = t.path().size() == 1 && t.path().get(0).equals("Option")
                && vt.byName("None") != null && vt.byName("Some") != null;
        if (isOption) {
            boolean explicit = v instanceof Map<?, ?> m && m.size() == 1
                    && (m.containsKey("Some") || m.containsKey("None"));
            if (!explicit) {
                if (v == null) {
                    w.writeU8(vt.byName("None").index());
                } else {
                    TypeDef.Variant some = vt.byName("Some");
                    w.writeU8(some.index());
                    encFields(some.fields(), v, path, w, depth, () -> "Option");
                }
                return;
            }
        }
        if (t.pathString().equals(MULTI_ADDRESS) && !(v instanceof Map)) {
            TypeDef.Variant id = vt.byName("Id");
            if (id != null) {
                w.writeU8(id.index());
                w.writeBytes(accountId(v, path));
                return;
            }
        }
        String name;
        Object inner;
        if (v instanceof String s) {
            name = s;
            inner = null;
        } else if (v instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            name = String.valueOf(e.getKey());
            inner = e.getValue();
        } else {
            throw new ValueException(path, "expected a variant of " + describe(t.id()) + " ({\"Name\": value} or \"Name\"; one of "
                    + names(vt) + "), got " + show(v));
        }
        TypeDef.Variant var = vt.byName(name);
        if (var == null && name.equals("Raw") && vt.byName("Raw0") != null) {
            byte[] data = bytes(inner, path + ".Raw", -1, true);
            var = vt.byName("Raw" + data.length);
            if (var == null) {
                throw new ValueException(path + ".Raw", data.length + " bytes is too long for " + describe(t.id()));
            }
            inner = data;
        }
        if (var == null) {
            List<String> close = io.tao4j.scale.metadata.LookupException.suggest(name, vt.namesMap().keySet());
            throw new ValueException(path, "unknown variant '" + name + "' of " + describe(t.id())
                    + (close.isEmpty() ? " (one of " + names(vt) + ")" : "; did you mean: " + String.join(", ", close)));
        }
        if (v instanceof String && !var.fields().isEmpty()) {
            throw new ValueException(path, "variant " + name + " needs a value: {\"" + name + "\": ...}");
        }
        w.writeU8(var.index());
        encFields(var.fields(), inner, path + "." + name, w, depth, () -> "variant " + name);
    }

    private static String names(TypeDef.VariantType vt) {
        List<String> n = vt.variants().stream().map(TypeDef.Variant::name).toList();
        return n.size() > 12 ? String.join(", ", n.subList(0, 12)) + ", ..." : String.join(", ", n);
    }

    private void encBits(TypeDef.BitSequence b, Object v, String path, ScaleWriter w) {
        boolean[] bits;
        if (v instanceof String s && s.matches("[01]*")) {
            bits = new boolean[s.length()];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = s.charAt(i) == '1';
            }
        } else if (v instanceof List<?> l) {
            bits = new boolean[l.size()];
            for (int i = 0; i < bits.length; i++) {
                Object o = l.get(i);
                if (o instanceof Boolean bo) {
                    bits[i] = bo;
                } else {
                    BigInteger n = integer(o, path + "[" + i + "]", "bit");
                    if (n.signum() < 0 || n.compareTo(BigInteger.ONE) > 0) {
                        throw new ValueException(path + "[" + i + "]", "expected bit (true/false/0/1), got " + show(o));
                    }
                    bits[i] = n.signum() == 1;
                }
            }
        } else {
            throw new ValueException(path, "expected a bit sequence (list of booleans or 0/1 string), got " + show(v));
        }
        int storeBits = TypeShapes.bitStoreSize(reg, b) * 8;
        boolean msb = TypeShapes.isMsb0(reg, b);
        int words = (bits.length + storeBits - 1) / storeBits;
        byte[] out = new byte[words * storeBits / 8];
        for (int i = 0; i < bits.length; i++) {
            if (bits[i]) {
                int word = i / storeBits;
                int bit = msb ? storeBits - 1 - (i % storeBits) : i % storeBits;
                out[word * storeBits / 8 + bit / 8] |= (byte) (1 << (bit % 8));
            }
        }
        w.writeCompact(bits.length);
        w.writeBytes(out);
    }

    private byte[] accountId(Object v, String path) {
        if (v instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Id")) {
            v = m.get("Id");
        }
        if (v instanceof String s && !s.startsWith("0x")) {
            try {
                return Ss58.decode(s.strip());
            } catch (IllegalArgumentException e) {
                throw new ValueException(path, "expected an SS58 address or 0x hex of 32 bytes for AccountId32, got "
                        + show(v) + " (" + e.getMessage() + ")");
            }
        }
        return bytes(v, path, 32, false);
    }

    private static byte[] bytes(Object v, String path, int length, boolean utf8Strings) {
        byte[] b;
        if (v instanceof byte[] raw) {
            b = raw.clone();
        } else if (v instanceof String s) {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                if (!HexCodec.isHex(s)) {
                    throw new ValueException(path, "invalid hex string " + show(v));
                }
                b = HexCodec.decode(s);
            } else if (utf8Strings) {
                b = s.getBytes(StandardCharsets.UTF_8);
            } else {
                throw new ValueException(path, "expected 0x hex of " + length + " bytes, got " + show(v));
            }
        } else if (v instanceof List<?> l) {
            b = new byte[l.size()];
            for (int i = 0; i < b.length; i++) {
                BigInteger n = integer(l.get(i), path + "[" + i + "]", "u8");
                checkRange(n, Primitive.U8, path + "[" + i + "]", l.get(i), "u8");
                b[i] = (byte) n.intValue();
            }
        } else {
            throw new ValueException(path, "expected bytes (0x hex" + (utf8Strings ? ", text" : "")
                    + " or list of u8), got " + show(v));
        }
        if (length >= 0 && b.length != length) {
            throw new ValueException(path, "expected " + length + " bytes, got " + b.length);
        }
        return b;
    }

    private static List<?> list(Object v, String path, Supplier<String> what) {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new ValueException(path, "expected a list for " + what.get() + ", got " + show(v));
    }

    private String describe(int id) {
        return reg.describe(id);
    }

    /** Short rendering of an input value for error messages. */
    static String show(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List<?> l) {
            return "a list of " + l.size();
        }
        if (v instanceof byte[] b) {
            return b.length + " bytes";
        }
        if (v instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        return String.valueOf(v);
    }
}
