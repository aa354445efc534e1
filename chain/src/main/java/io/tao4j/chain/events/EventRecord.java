package io.tao4j.chain.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of {@code System.Events}: its phase (the index of the extrinsic that emitted it, or null during
 * initialization/finalization), pallet and variant names and indices, and the decoded fields
 * (JSON shape of the scale module's dynamic codec).
 */
public record EventRecord(Phase phase, Integer extrinsicIndex, String pallet, int palletIndex, String name,
                          int variantIndex, JsonNode fields) {

    public enum Phase { APPLY_EXTRINSIC, FINALIZATION, INITIALIZATION }

    /** True for {@code pallet.name}, e.g. {@code is("System", "ExtrinsicFailed")}. */
    public boolean is(String palletName, String eventName) {
        return pallet.equals(palletName) && name.equals(eventName);
    }

    public String qualifiedName() {
        return pallet + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedName() + (extrinsicIndex == null ? "" : "@" + extrinsicIndex) + " " + fields;
    }
}
