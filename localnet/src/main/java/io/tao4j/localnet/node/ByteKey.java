package io.tao4j.localnet.node;

import io.tao4j.crypto.Hex;

import java.util.Arrays;

/** A storage key ordered as Substrate orders keys: unsigned lexicographic bytes. */
public record ByteKey(byte[] bytes) implements Comparable<ByteKey> {
    public ByteKey {
        bytes = bytes.clone();
    }

    public static ByteKey ofHex(String hex) {
        return new ByteKey(Hex.decode(hex));
    }

    public boolean startsWith(byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    public String hex() {
        return "0x" + Hex.encode(bytes);
    }

    @Override
    public int compareTo(ByteKey o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
