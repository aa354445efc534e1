package io.tao4j.chain.storage;

import io.tao4j.scale.TypeDef;
import io.tao4j.scale.TypeRegistry;

/** Encoded size of fixed-size types, to split concatenated storage keys back into their parts. */
final class TypeSizes {
    private TypeSizes() {
    }

    /** The encoded size in bytes, or -1 when the type has no fixed size. */
    static int fixedSize(TypeRegistry types, int typeId) {
        return fixedSize(types, typeId, 0);
    }

    private static int fixedSize(TypeRegistry types, int typeId, int depth) {
        if (depth > 64) {
            return -1;
        }
        TypeDef d = types.def(typeId);
        if (d instanceof TypeDef.PrimitiveDef p) {
            return switch (p.primitive()) {
                case BOOL, U8, I8 -> 1;
                case U16, I16 -> 2;
                case U32, I32, CHAR -> 4;
                case U64, I64 -> 8;
                case U128, I128 -> 16;
                case U256, I256 -> 32;
                default -> -1;
            };
        }
        if (d instanceof TypeDef.Array a) {
            int e = fixedSize(types, a.elementType(), depth + 1);
            return e < 0 ? -1 : e * a.length();
        }
        if (d instanceof TypeDef.Composite c) {
            int sum = 0;
            for (TypeDef.Field f : c.fields()) {
                int s = fixedSize(types, f.type(), depth + 1);
                if (s < 0) {
                    return -1;
                }
                sum += s;
            }
            return sum;
        }
        if (d instanceof TypeDef.Tuple t) {
            int sum = 0;
            for (int e : t.elementTypes()) {
                int s = fixedSize(types, e, depth + 1);
                if (s < 0) {
                    return -1;
                }
                sum += s;
            }
            return sum;
        }
        return -1;
    }
}
