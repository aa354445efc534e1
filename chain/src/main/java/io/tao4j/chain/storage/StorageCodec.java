package io.tao4j.chain.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tao4j.chain.ChainException;
import io.tao4j.chain.Values;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.StorageEntry;
import io.tao4j.scale.metadata.StorageHasher;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Storage keys and values driven by the metadata entry: {@code twox128(prefix) ‖ twox128(item) ‖
 * hasher_i(SCALE(key_i))...} for plain values, maps, double maps and n-maps with any hasher; values decoded with
 * the entry's default when the key is absent and the modifier is Default; keys decoded back for the
 * {@code *Concat} and {@code Identity} hashers.
 */
public final class StorageCodec {
    private final Metadata metadata;

    public StorageCodec(Metadata metadata) {
        this.metadata = metadata;
    }

    public Metadata metadata() {
        return metadata;
    }

    /** The metadata entry, or a {@link ChainException} naming the pallet/item and close matches. */
    public StorageEntry entry(String pallet, String item) {
        try {
            return metadata.storage(pallet, item);
        } catch (RuntimeException e) {
            throw new ChainException("no storage item " + pallet + "." + item + " in this metadata: " + e.getMessage(), e);
        }
    }

    /** The full key of one value: all key parts must be given (none for a plain item). */
    public byte[] key(String pallet, String item, List<?> keys) {
        StorageEntry e = entry(pallet, item);
        if (keys.size() != e.hashers().size()) {
            throw new ChainException(pallet + "." + item + " takes " + e.hashers().size() + " key(s)"
                    + describeKeys(e) + ", got " + keys.size());
        }
        return build(e, keys);
    }

    /**
     * The full key for an entry description that need not come from this metadata (e.g. an item a newer runtime
     * adds with the layout of an existing one, such as AlphaV2 with Alpha's hashers).
     */
    public byte[] key(StorageEntry e, List<?> keys) {
        if (keys.size() != e.hashers().size()) {
            throw new ChainException(e.prefix() + "." + e.name() + " takes " + e.hashers().size() + " key(s), got " + keys.size());
        }
        return build(e, keys);
    }

    /** A key prefix for iteration: the first {@code partialKeys.size()} key parts (fewer than the entry has). */
    public byte[] prefix(String pallet, String item, List<?> partialKeys) {
        StorageEntry e = entry(pallet, item);
        if (partialKeys.size() > e.hashers().size()) {
            throw new ChainException(pallet + "." + item + " has " + e.hashers().size() + " key(s), got "
                    + partialKeys.size());
        }
        return build(e, partialKeys);
    }

    private byte[] build(StorageEntry e, List<?> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(StorageHashing.itemPrefix(e.prefix(), e.name()));
        for (int i = 0; i < keys.size(); i++) {
            int type = e.keyTypes().get(i);
            byte[] encoded;
            try {
                encoded = Values.encode(metadata.types(), type, keys.get(i), e.name() + " key " + i);
            } catch (ChainException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw new ChainException(e.prefix() + "." + e.name() + " key " + i + " (" + typeName(type) + "): "
                        + ex.getMessage(), ex);
            }
            out.writeBytes(StorageHashing.hash(e.hashers().get(i), encoded));
        }
        return out.toByteArray();
    }

    private String describeKeys(StorageEntry e) {
        if (e.keyTypes().isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (int t : e.keyTypes()) {
            names.add(typeName(t));
        }
        return " " + names;
    }

    private String typeName(int type) {
        var t = metadata.types().get(type);
        return t.path().isEmpty() ? t.def().toString() : t.simpleName();
    }

    /**
     * Decodes a raw value read from the node. {@code raw == null} means absent: the default value for a Default
     * item, JSON null for an Optional one.
     */
    public JsonNode decodeValue(StorageEntry e, byte[] raw) {
        if (raw == null) {
            if (e.modifier() == StorageEntry.Modifier.OPTIONAL) {
                return NullNode.getInstance();
            }
            raw = e.defaultValue();
        }
        return Values.decode(metadata.types(), e.valueType(), raw, e.prefix() + "." + e.name());
    }

    /**
     * The key parts encoded in a full storage key. A part behind a hasher that does not keep its input
     * (Blake2_128, Blake2_256, Twox128, Twox256) cannot be recovered and is JSON null.
     */
    public List<JsonNode> decodeKey(StorageEntry e, byte[] fullKey) {
        byte[] prefix = StorageHashing.itemPrefix(e.prefix(), e.name());
        if (fullKey.length < prefix.length || !Arrays.equals(Arrays.copyOf(fullKey, prefix.length), prefix)) {
            throw new ChainException("key does not belong to " + e.prefix() + "." + e.name());
        }
        int pos = prefix.length;
        List<JsonNode> parts = new ArrayList<>();
        for (int i = 0; i < e.hashers().size(); i++) {
            StorageHasher h = e.hashers().get(i);
            int type = e.keyTypes().get(i);
            pos += h.hashSize();
            if (pos > fullKey.length) {
                throw new ChainException("storage key of " + e.name() + " too short for key part " + i);
            }
            boolean last = i == e.hashers().size() - 1;
            int size = TypeSizes.fixedSize(metadata.types(), type);
            if (!h.isConcat()) {
                if (size < 0 && !last) {
                    throw new ChainException("cannot split the key of " + e.name() + ": part " + i
                            + " is hashed without its input and has no fixed size");
                }
                parts.add(NullNode.getInstance());
                continue;
            }
            if (size < 0) {
                if (!last) {
                    throw new ChainException("cannot split the key of " + e.name() + ": part " + i + " has no fixed size");
                }
                size = fullKey.length - pos;
            }
            if (pos + size > fullKey.length) {
                throw new ChainException("storage key of " + e.name() + " too short for key part " + i);
            }
            byte[] part = Arrays.copyOfRange(fullKey, pos, pos + size);
            parts.add(Values.decode(metadata.types(), type, part, e.name() + " key " + i));
            pos += size;
        }
        if (pos != fullKey.length) {
            throw new ChainException("storage key of " + e.name() + " has " + (fullKey.length - pos) + " unexpected trailing bytes");
        }
        return parts;
    }
}
