package io.tao4j.scale;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The shape of a type in the portable registry (scale-info {@code TypeDef}). */
public sealed interface TypeDef {

    /** A named or unnamed field of a composite or variant. {@code name} and {@code typeName} may be null. */
    record Field(String name, int type, String typeName, List<String> docs) {
        /** {@code snake_case} → {@code snakeCase}, the spelling polkadot-js gives a field; null for an unnamed field. */
        public String camelName() {
            if (name == null) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            boolean up = false;
            for (char c : name.toCharArray()) {
                if (c == '_') {
                    up = true;
                } else {
                    sb.append(up ? Character.toUpperCase(c) : c);
                    up = false;
                }
            }
            return sb.toString();
        }
    }

    /** One enum variant. {@code index} is the encoded tag byte. */
    record Variant(String name, List<Field> fields, int index, List<String> docs) {
    }

    /** Struct (named fields) or tuple struct (unnamed fields). */
    record Composite(List<Field> fields) implements TypeDef {
        /** True when the fields are named (a struct), false for tuple structs and unit structs. */
        public boolean named() {
            return !fields.isEmpty() && fields.get(0).name() != null;
        }
    }

    /** Enum with O(1) lookups by index and by name. */
    final class VariantType implements TypeDef {
        private final List<Variant> variants;
        private final Variant[] byIndex = new Variant[256];
        private final Map<String, Variant> byName;

        public VariantType(List<Variant> variants) {
            this.variants = List.copyOf(variants);
            Map<String, Variant> names = new HashMap<>();
            for (Variant v : variants) {
                byIndex[v.index()] = v;
                names.put(v.name(), v);
            }
            this.byName = Collections.unmodifiableMap(names);
        }

        public List<Variant> variants() {
            return variants;
        }

        /** The variant with this tag, or null. */
        public Variant byIndex(int index) {
            return index >= 0 && index < 256 ? byIndex[index] : null;
        }

        /** The variant with this name, or null. */
        public Variant byName(String name) {
            return byName.get(name);
        }

        public Map<String, Variant> namesMap() {
            return byName;
        }

        @Override
        public String toString() {
            return "Variant" + variants.stream().map(Variant::name).toList();
        }
    }

    /** Vec&lt;T&gt;: compact length then the elements. */
    record Sequence(int elementType) implements TypeDef {
    }

    /** [T; len]: exactly len elements, no length prefix. */
    record Array(int length, int elementType) implements TypeDef {
    }

    /** (A, B, ...): the elements in order; the empty tuple encodes nothing. */
    record Tuple(List<Integer> elementTypes) implements TypeDef {
    }

    /** A primitive. */
    record PrimitiveDef(Primitive primitive) implements TypeDef {
    }

    /** Compact&lt;T&gt;. */
    record Compact(int innerType) implements TypeDef {
    }

    /** bitvec::BitVec&lt;Store, Order&gt;. */
    record BitSequence(int storeType, int orderType) implements TypeDef {
    }
}
