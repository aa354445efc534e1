package io.tao4j.chain.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.ChainException;
import io.tao4j.chain.Values;
import io.tao4j.crypto.Hex;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.Pallet;
import io.tao4j.scale.metadata.StorageEntry;
import io.tao4j.scale.metadata.VariantInfo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes {@code System.Events} with the metadata's type registry (every record must be decoded in order: they
 * have no length prefix) and resolves dispatch errors to pallet error names.
 */
public final class Events {
    private Events() {
    }

    /** Decodes the raw {@code System.Events} value (null/absent = no events). */
    public static List<EventRecord> decode(Metadata md, byte[] raw) {
        if (raw == null) {
            return List.of();
        }
        StorageEntry e = md.storage("System", "Events");
        JsonNode list = Values.decode(md.types(), e.valueType(), raw, "System.Events");
        List<EventRecord> out = new ArrayList<>(list.size());
        for (JsonNode rec : list) {
            out.add(record(md, rec));
        }
        return out;
    }

    private static EventRecord record(Metadata md, JsonNode rec) {
        JsonNode phase = rec.get("phase");
        EventRecord.Phase p;
        Integer index = null;
        if (phase != null && phase.isObject() && phase.has("ApplyExtrinsic")) {
            p = EventRecord.Phase.APPLY_EXTRINSIC;
            index = phase.get("ApplyExtrinsic").asInt();
        } else if (phase != null && "Finalization".equals(phase.asText())) {
            p = EventRecord.Phase.FINALIZATION;
        } else if (phase != null && "Initialization".equals(phase.asText())) {
            p = EventRecord.Phase.INITIALIZATION;
        } else {
            throw new ChainException("unexpected event phase " + phase);
        }
        JsonNode event = rec.get("event");
        if (event == null || !event.isObject() || event.size() != 1) {
            throw new ChainException("unexpected RuntimeEvent shape " + event);
        }
        String pallet = event.fieldNames().next();
        JsonNode inner = event.get(pallet);
        String name;
        JsonNode fields;
        if (inner.isTextual()) {
            name = inner.asText();
            fields = Values.JSON.nullNode();
        } else if (inner.isObject() && inner.size() == 1) {
            name = inner.fieldNames().next();
            fields = inner.get(name);
        } else {
            throw new ChainException("unexpected " + pallet + " event shape " + inner);
        }
        Pallet pm = md.pallet(pallet);
        int variantIndex = md.event(pallet, name).map(VariantInfo::index).orElse(-1);
        return new EventRecord(p, index, pallet, pm.index(), name, variantIndex, fields);
    }

    /** The events emitted by the extrinsic at {@code index} of the block, in order. */
    public static List<EventRecord> forExtrinsic(List<EventRecord> all, int index) {
        return all.stream().filter(r -> r.phase() == EventRecord.Phase.APPLY_EXTRINSIC
                && r.extrinsicIndex() != null && r.extrinsicIndex() == index).toList();
    }

    /**
     * Resolves a decoded {@code DispatchError} (JSON shape of the dynamic codec): {@code {"Module": {"index": 7,
     * "error": "0x1c000000"}}} → pallet error name and docs; other variants keep their kind and detail.
     */
    public static DispatchErrorInfo dispatchError(Metadata md, JsonNode err) {
        if (err == null || err.isNull()) {
            throw new ChainException("missing dispatch error");
        }
        if (err.isTextual()) {
            return new DispatchErrorInfo(err.asText(), null, null, List.of(), null, null, null);
        }
        Iterator<Map.Entry<String, JsonNode>> it = err.fields();
        if (!it.hasNext()) {
            throw new ChainException("unexpected DispatchError shape " + err);
        }
        Map.Entry<String, JsonNode> v = it.next();
        if (!v.getKey().equals("Module")) {
            JsonNode d = v.getValue();
            String detail = d == null || d.isNull() ? null : d.isTextual() ? d.asText() : d.toString();
            return new DispatchErrorInfo(v.getKey(), null, null, List.of(), null, null, detail);
        }
        JsonNode m = v.getValue();
        int palletIndex = m.get("index").asInt();
        JsonNode e = m.get("error");
        int errorIndex = e.isTextual() ? Hex.decode(e.asText())[0] & 0xff : e.isArray() ? e.get(0).asInt() : e.asInt();
        return moduleError(md, palletIndex, errorIndex);
    }

    /** Looks up {@code error[0]} of pallet {@code palletIndex} in the metadata. */
    public static DispatchErrorInfo moduleError(Metadata md, int palletIndex, int errorIndex) {
        Optional<VariantInfo> vi = md.error(palletIndex, errorIndex);
        String pallet = md.findPallet(palletIndex).map(Pallet::name).orElse(null);
        if (vi.isEmpty()) {
            return new DispatchErrorInfo("Module", pallet, null, List.of(), palletIndex, errorIndex,
                    "unknown error " + errorIndex + " of pallet " + (pallet == null ? "#" + palletIndex : pallet));
        }
        return new DispatchErrorInfo("Module", vi.get().pallet(), vi.get().name(), vi.get().docs(), palletIndex,
                errorIndex, null);
    }
}
