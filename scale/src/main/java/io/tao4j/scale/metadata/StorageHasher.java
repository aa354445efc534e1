package io.tao4j.scale.metadata;

/** Storage key hashers in metadata enum order. {@link #hashSize()} is the hash length before any concatenated key. */
public enum StorageHasher {
    Blake2_128(16, false),
    Blake2_256(32, false),
    Blake2_128Concat(16, true),
    Twox128(16, false),
    Twox256(32, false),
    Twox64Concat(8, true),
    Identity(0, true);

    private final int hashSize;
    private final boolean concat;

    StorageHasher(int hashSize, boolean concat) {
        this.hashSize = hashSize;
        this.concat = concat;
    }

    /** Bytes of hash output placed before the (optional) raw key. */
    public int hashSize() {
        return hashSize;
    }

    /** True when the SCALE key itself follows the hash (so the key can be read back from a storage key). */
    public boolean isConcat() {
        return concat;
    }
}
