package io.tao4j.localnet.node;

import io.tao4j.localnet.runtime.AccountId;
import io.tao4j.localnet.runtime.DispatchException;
import io.tao4j.localnet.runtime.RuntimeEvent;
import io.tao4j.scale.DynamicCodec;
import io.tao4j.scale.TypeDef;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.VariantInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a block's events as {@code System.Events} ({@code Vec<EventRecord>}) with the metadata's
 * RuntimeEvent type, including {@code System.ExtrinsicSuccess} / {@code ExtrinsicFailed} with a
 * {@code DispatchError::Module} whose indices come from the metadata — so clients resolve
 * {@code SubtensorModule.SettingWeightsTooFast} exactly as on finney.
 */
public final class EventEncoder {
    /** When an event happened: during block initialisation, or while applying extrinsic {@code index}. */
    public record Phase(Integer extrinsicIndex) {
        public static final Phase INITIALIZATION = new Phase(null);

        public static Phase apply(int index) {
            return new Phase(index);
        }

        Object value() {
            return extrinsicIndex == null ? "Initialization" : Map.of("ApplyExtrinsic", extrinsicIndex);
        }
    }

    /** One event record. */
    public record Record(Phase phase, Object event) {
    }

    private final Metadata metadata;
    private final int eventsType;

    public EventEncoder(Metadata metadata) {
        this.metadata = metadata;
        this.eventsType = metadata.storage("System", "Events").valueType();
    }

    /** A runtime event as the RuntimeEvent enum value: {@code {Pallet: {Variant: fields}}}. */
    public Object runtimeEvent(RuntimeEvent e) {
        VariantInfo v = metadata.event(e.pallet(), e.variant())
                .orElseThrow(() -> new IllegalArgumentException("no event " + e.pallet() + "." + e.variant() + " in the metadata"));
        List<Object> fields = new ArrayList<>();
        for (Object f : e.fields()) {
            fields.add(f instanceof AccountId a ? a.bytes() : f);
        }
        Object inner = v.fields().isEmpty() ? v.name() : fieldValue(v.fields(), fields);
        return Map.of(e.pallet(), inner instanceof String s ? s : Map.of(v.name(), inner));
    }

    private static Object fieldValue(List<TypeDef.Field> declared, List<Object> values) {
        if (declared.size() != values.size()) {
            throw new IllegalArgumentException("event has " + declared.size() + " fields, got " + values.size());
        }
        if (declared.get(0).name() == null) {
            return values.size() == 1 ? values.get(0) : values;
        }
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < declared.size(); i++) {
            named.put(declared.get(i).name(), values.get(i));
        }
        return named;
    }

    /** {@code System.ExtrinsicSuccess}. */
    public Object extrinsicSuccess(boolean paysFee) {
        return Map.of("System", Map.of("ExtrinsicSuccess", Map.of("dispatch_info", dispatchInfo(paysFee))));
    }

    /** {@code System.ExtrinsicFailed} with the module error's indices from the metadata. */
    public Object extrinsicFailed(DispatchException error, boolean paysFee) {
        if (error.isBadOrigin()) {
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("dispatch_error", "BadOrigin");
            failed.put("dispatch_info", dispatchInfo(paysFee));
            return Map.of("System", Map.of("ExtrinsicFailed", failed));
        }
        int palletIndex = metadata.pallet(error.pallet()).index();
        VariantInfo v = metadata.error(error.pallet(), error.error())
                .orElseThrow(() -> new IllegalArgumentException("no error " + error.getMessage() + " in the metadata"));
        Map<String, Object> module = new LinkedHashMap<>();
        module.put("index", palletIndex);
        module.put("error", new byte[]{(byte) v.index(), 0, 0, 0});
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("dispatch_error", Map.of("Module", module));
        failed.put("dispatch_info", dispatchInfo(paysFee));
        return Map.of("System", Map.of("ExtrinsicFailed", failed));
    }

    /** {@code System.NewAccount}. */
    public Object newAccount(AccountId who) {
        return Map.of("System", Map.of("NewAccount", Map.of("account", who.bytes())));
    }

    private static Map<String, Object> dispatchInfo(boolean paysFee) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("weight", Map.of("ref_time", 100_000_000L, "proof_size", 4_000L));
        info.put("class", "Normal");
        info.put("pays_fee", paysFee ? "Yes" : "No");
        return info;
    }

    /** The SCALE bytes of {@code System.Events} for these records. */
    public byte[] encode(List<Record> records) {
        List<Object> value = new ArrayList<>();
        for (Record r : records) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("phase", r.phase().value());
            rec.put("event", r.event());
            rec.put("topics", List.of());
            value.add(rec);
        }
        return DynamicCodec.encode(metadata.types(), eventsType, value, "System.Events");
    }
}
