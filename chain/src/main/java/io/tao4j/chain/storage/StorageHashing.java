package io.tao4j.chain.storage;

import io.tao4j.crypto.Hashes;
import io.tao4j.scale.metadata.StorageHasher;

import java.nio.charset.StandardCharsets;

/** Applies the metadata's storage hashers ({@code frame_support::StorageHasher}) to SCALE-encoded key parts. */
public final class StorageHashing {
    private StorageHashing() {
    }

    /** The bytes a key part contributes to a storage key: the hash, followed by the input for *Concat/Identity. */
    public static byte[] hash(StorageHasher hasher, byte[] encodedKey) {
        return switch (hasher) {
            case Identity -> encodedKey.clone();
            case Blake2_128 -> Hashes.blake2b128(encodedKey);
            case Blake2_256 -> Hashes.blake2b256(encodedKey);
            case Blake2_128Concat -> concat(Hashes.blake2b128(encodedKey), encodedKey);
            case Twox128 -> Hashes.twox128(encodedKey);
            case Twox256 -> Hashes.twox256(encodedKey);
            case Twox64Concat -> concat(Hashes.twox64(encodedKey), encodedKey);
        };
    }

    /** {@code twox128(pallet prefix) ‖ twox128(item name)}: the key of a plain item and the prefix of a map. */
    public static byte[] itemPrefix(String palletPrefix, String itemName) {
        return concat(Hashes.twox128(palletPrefix.getBytes(StandardCharsets.UTF_8)),
                Hashes.twox128(itemName.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
