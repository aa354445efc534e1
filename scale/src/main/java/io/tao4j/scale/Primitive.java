package io.tao4j.scale;

/** scale-info primitive types, in their metadata enum order. */
public enum Primitive {
    BOOL("bool", 1, false),
    CHAR("char", 4, false),
    STR("str", -1, false),
    U8("u8", 1, false),
    U16("u16", 2, false),
    U32("u32", 4, false),
    U64("u64", 8, false),
    U128("u128", 16, false),
    U256("u256", 32, false),
    I8("i8", 1, true),
    I16("i16", 2, true),
    I32("i32", 4, true),
    I64("i64", 8, true),
    I128("i128", 16, true),
    I256("i256", 32, true);

    private final String rustName;
    private final int size;
    private final boolean signed;

    Primitive(String rustName, int size, boolean signed) {
        this.rustName = rustName;
        this.size = size;
        this.signed = signed;
    }

    /** Rust name, e.g. "u16". */
    public String rustName() {
        return rustName;
    }

    /** Encoded size in bytes, -1 for str. */
    public int size() {
        return size;
    }

    public boolean isSigned() {
        return signed;
    }

    /** True for u8..u256 and i8..i256. */
    public boolean isInteger() {
        return ordinal() >= U8.ordinal();
    }

    @Override
    public String toString() {
        return rustName;
    }
}
