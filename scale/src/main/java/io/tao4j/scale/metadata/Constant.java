package io.tao4j.scale.metadata;

import java.util.List;

/** A pallet constant: raw SCALE value of type {@code type}. Decode with {@link Metadata#constantValue}. */
public record Constant(String pallet, String name, int type, byte[] value, List<String> docs) {
    public byte[] value() {
        return value.clone();
    }
}
