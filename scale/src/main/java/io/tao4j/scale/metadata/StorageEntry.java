package io.tao4j.scale.metadata;

import java.util.List;

/**
 * A storage item. For plain values {@code hashers} and {@code keyTypes} are empty and {@code keyType} is null.
 * For maps {@code keyType} is the metadata key type (a tuple when there are several hashers) and
 * {@code keyTypes} has one type id per hasher. {@code defaultValue} is the SCALE default (used when the
 * modifier is DEFAULT and the key is absent).
 */
public record StorageEntry(String pallet, String prefix, String name, Modifier modifier, List<StorageHasher> hashers,
                           Integer keyType, List<Integer> keyTypes, int valueType, byte[] defaultValue,
                           List<String> docs) {

    /** OPTIONAL: absent key means None. DEFAULT: absent key means {@code defaultValue}. */
    public enum Modifier { OPTIONAL, DEFAULT }

    public boolean isMap() {
        return keyType != null;
    }

    public byte[] defaultValue() {
        return defaultValue.clone();
    }
}
