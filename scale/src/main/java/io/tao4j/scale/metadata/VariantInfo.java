package io.tao4j.scale.metadata;

import io.tao4j.scale.TypeDef;

import java.util.List;

/** An error or event variant of a pallet, with its fields and docs. */
public record VariantInfo(String pallet, int palletIndex, String name, int index, List<TypeDef.Field> fields,
                          List<String> docs) {
    /** Docs joined with spaces, trimmed. */
    public String docText() {
        return String.join(" ", docs).strip().replaceAll("\\s+", " ");
    }
}
