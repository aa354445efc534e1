package io.tao4j.scale.metadata;

import java.util.List;
import java.util.Map;

/**
 * A pallet: name, index, storage (prefix + entries by name), call/event/error enum type ids (null when
 * the pallet has none), constants and docs. Calls, events and errors are looked up through {@link Metadata}.
 */
public record Pallet(String name, int index, String storagePrefix, Map<String, StorageEntry> storage,
                     Integer callType, Integer eventType, Integer errorType, Map<String, Constant> constants,
                     List<String> docs) {
}
