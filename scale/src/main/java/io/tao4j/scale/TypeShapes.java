package io.tao4j.scale;

/** Questions about a registry type that both halves of the dynamic codec ask. */
final class TypeShapes {
    private TypeShapes() {
    }

    static boolean isU8(TypeRegistry reg, int id) {
        return reg.def(id) instanceof TypeDef.PrimitiveDef p && p.primitive() == Primitive.U8;
    }

    static boolean isUnit(TypeRegistry reg, int id) {
        TypeDef d = reg.def(id);
        return (d instanceof TypeDef.Tuple t && t.elementTypes().isEmpty())
                || (d instanceof TypeDef.Composite c && c.fields().isEmpty());
    }

    static int bitStoreSize(TypeRegistry reg, TypeDef.BitSequence b) {
        Primitive p = reg.primitiveOf(b.storeType());
        if (p == null || !p.isInteger() || p.isSigned() || p.size() > 8) {
            throw new ScaleException("unsupported bit store type " + reg.describe(b.storeType()));
        }
        return p.size();
    }

    static boolean isMsb0(TypeRegistry reg, TypeDef.BitSequence b) {
        String name = reg.get(b.orderType()).simpleName();
        if ("Msb0".equals(name)) {
            return true;
        }
        if ("Lsb0".equals(name)) {
            return false;
        }
        throw new ScaleException("unsupported bit order type " + reg.describe(b.orderType()));
    }
}
