package io.tao4j.scale.metadata;

import io.tao4j.scale.TypeDef;

import java.util.List;

/** A dispatchable call: pallet index ‖ call index ‖ fields in order is its encoding. */
public record CallInfo(String pallet, int palletIndex, String name, int index, List<TypeDef.Field> fields,
                       List<String> docs) {
}
