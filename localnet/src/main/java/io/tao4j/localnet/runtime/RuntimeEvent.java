package io.tao4j.localnet.runtime;

import java.util.List;

/**
 * An event the runtime deposited: pallet and variant names as in Subtensor's metadata, and the
 * field values in declaration order ({@link AccountId}, {@link Integer} for u16, {@link Long} for
 * u64). The node encodes them with the metadata's event types.
 */
public record RuntimeEvent(String pallet, String variant, List<Object> fields) {
    public RuntimeEvent {
        fields = List.copyOf(fields);
    }

    public static RuntimeEvent of(String pallet, String variant, Object... fields) {
        return new RuntimeEvent(pallet, variant, List.of(fields));
    }
}
