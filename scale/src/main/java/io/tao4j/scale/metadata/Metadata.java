package io.tao4j.scale.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.scale.DynamicCodec;
import io.tao4j.scale.ScaleException;
import io.tao4j.scale.TypeDef;
import io.tao4j.scale.TypeRegistry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decoded runtime metadata (V14, V15 or V16) with O(1) lookups by pallet name/index, call, event,
 * error, storage item, constant and runtime API. Create with {@link MetadataDecoder} or {@link MetadataLoader}.
 */
public final class Metadata {
    private final int version;
    private final TypeRegistry types;
    private final List<Pallet> pallets;
    private final Map<String, Pallet> palletsByName = new HashMap<>();
    private final Pallet[] palletsByIndex = new Pallet[256];
    private final Map<String, Enum> calls = new HashMap<>();
    private final Map<String, Enum> events = new HashMap<>();
    private final Map<String, Enum> errors = new HashMap<>();
    private final ExtrinsicInfo extrinsic;
    private final Integer runtimeType;
    private final List<RuntimeApi> apis;
    private final Map<String, RuntimeApi> apisByName = new LinkedHashMap<>();
    private final Integer callEnumType;
    private final Integer eventEnumType;
    private final Integer errorEnumType;
    private final Map<String, Constant> custom;

    /** The variants of one pallet enum (calls, events or errors), by name and by index. */
    private record Enum(List<VariantInfo> list, Map<String, VariantInfo> byName, VariantInfo[] byIndex) {
    }

    Metadata(int version, TypeRegistry types, List<Pallet> pallets, ExtrinsicInfo extrinsic, Integer runtimeType,
             List<RuntimeApi> apis, Integer callEnumType, Integer eventEnumType, Integer errorEnumType,
             Map<String, Constant> custom) {
        this.version = version;
        this.types = types;
        this.pallets = List.copyOf(pallets);
        this.extrinsic = extrinsic;
        this.runtimeType = runtimeType;
        this.apis = List.copyOf(apis);
        this.callEnumType = callEnumType;
        this.eventEnumType = eventEnumType;
        this.errorEnumType = errorEnumType;
        this.custom = Collections.unmodifiableMap(custom);
        for (Pallet p : pallets) {
            if (palletsByName.put(p.name(), p) != null) {
                throw new ScaleException("metadata has pallet " + p.name() + " twice");
            }
            if (palletsByIndex[p.index()] != null) {
                throw new ScaleException("metadata has pallet index " + p.index() + " twice");
            }
            palletsByIndex[p.index()] = p;
            calls.put(p.name(), enumOf(p, p.callType(), "call"));
            events.put(p.name(), enumOf(p, p.eventType(), "event"));
            errors.put(p.name(), enumOf(p, p.errorType(), "error"));
        }
        for (RuntimeApi a : apis) {
            apisByName.put(a.name(), a);
        }
    }

    private Enum enumOf(Pallet p, Integer typeId, String what) {
        List<VariantInfo> list = new ArrayList<>();
        Map<String, VariantInfo> byName = new HashMap<>();
        VariantInfo[] byIndex = new VariantInfo[256];
        if (typeId != null) {
            TypeDef d = types.def(typeId);
            if (!(d instanceof TypeDef.VariantType vt)) {
                throw new ScaleException(p.name() + " " + what + " type " + typeId + " is not an enum");
            }
            for (TypeDef.Variant v : vt.variants()) {
                VariantInfo vi = new VariantInfo(p.name(), p.index(), v.name(), v.index(), v.fields(), v.docs());
                list.add(vi);
                byName.put(v.name(), vi);
                byIndex[v.index()] = vi;
            }
        }
        return new Enum(List.copyOf(list), byName, byIndex);
    }

    /** Metadata version: 14, 15 or 16. */
    public int version() {
        return version;
    }

    public TypeRegistry types() {
        return types;
    }

    public List<Pallet> pallets() {
        return pallets;
    }

    public Optional<Pallet> findPallet(String name) {
        return Optional.ofNullable(palletsByName.get(name));
    }

    /** The pallet with this name; {@link LookupException} with close matches otherwise. */
    public Pallet pallet(String name) {
        Pallet p = palletsByName.get(name);
        if (p == null) {
            throw new LookupException("pallet", name, palletsByName.keySet());
        }
        return p;
    }

    /** The pallet with this index; {@link LookupException} otherwise. */
    public Pallet pallet(int index) {
        Pallet p = index >= 0 && index < 256 ? palletsByIndex[index] : null;
        if (p == null) {
            throw new LookupException("pallet index", String.valueOf(index), List.of());
        }
        return p;
    }

    public Optional<Pallet> findPallet(int index) {
        return Optional.ofNullable(index >= 0 && index < 256 ? palletsByIndex[index] : null);
    }

    // ---- calls

    /** All calls of a pallet in metadata order (empty if it has none). */
    public List<CallInfo> calls(String pallet) {
        return calls.get(pallet(pallet).name()).list().stream().map(Metadata::toCall).toList();
    }

    private static CallInfo toCall(VariantInfo v) {
        return new CallInfo(v.pallet(), v.palletIndex(), v.name(), v.index(), v.fields(), v.docs());
    }

    public Optional<CallInfo> findCall(String pallet, String name) {
        return byName(calls, pallet, name).map(Metadata::toCall);
    }

    /** The call {@code pallet.name}: indices and argument fields; {@link LookupException} with close matches. */
    public CallInfo call(String pallet, String name) {
        Pallet p = pallet(pallet);
        VariantInfo v = calls.get(p.name()).byName().get(name);
        if (v == null) {
            throw new LookupException("call", p.name() + ".", name, calls.get(p.name()).byName().keySet());
        }
        return toCall(v);
    }

    /** The call with these indices, or empty. */
    public Optional<CallInfo> call(int palletIndex, int callIndex) {
        return byIndex(calls, palletIndex, callIndex).map(Metadata::toCall);
    }

    /** Call data {@code pallet index ‖ call index ‖ args}; see {@link CallEncoder#callData}. */
    public byte[] callData(String pallet, String call, Object args) {
        return CallEncoder.callData(this, pallet, call, args);
    }

    // ---- errors and events

    /** All error variants of a pallet in order. */
    public List<VariantInfo> errors(String pallet) {
        return errors.get(pallet(pallet).name()).list();
    }

    /** Maps a {@code ModuleError{index, error[0]}} to the error's name and docs; empty when unknown. */
    public Optional<VariantInfo> error(int palletIndex, int errorIndex) {
        return byIndex(errors, palletIndex, errorIndex);
    }

    public Optional<VariantInfo> error(String pallet, String name) {
        return byName(errors, pallet, name);
    }

    /** All event variants of a pallet in order. */
    public List<VariantInfo> events(String pallet) {
        return events.get(pallet(pallet).name()).list();
    }

    public Optional<VariantInfo> event(int palletIndex, int eventIndex) {
        return byIndex(events, palletIndex, eventIndex);
    }

    public Optional<VariantInfo> event(String pallet, String name) {
        return byName(events, pallet, name);
    }

    /** The variant with index {@code index} of the pallet with index {@code palletIndex} in {@code table}, or empty. */
    private Optional<VariantInfo> byIndex(Map<String, Enum> table, int palletIndex, int index) {
        return findPallet(palletIndex).map(p -> table.get(p.name()).byIndex())
                .map(a -> index >= 0 && index < 256 ? a[index] : null);
    }

    /** The variant {@code pallet.name} in {@code table} (exact names), or empty. */
    private static Optional<VariantInfo> byName(Map<String, Enum> table, String pallet, String name) {
        Enum e = table.get(pallet);
        return Optional.ofNullable(e == null ? null : e.byName().get(name));
    }

    // ---- storage and constants

    public Optional<StorageEntry> findStorage(String pallet, String item) {
        return find(pallet, Pallet::storage, item);
    }

    /** A storage item; {@link LookupException} with close matches otherwise. */
    public StorageEntry storage(String pallet, String item) {
        return lookup("storage item", pallet, Pallet::storage, item);
    }

    public Optional<Constant> findConstant(String pallet, String name) {
        return find(pallet, Pallet::constants, name);
    }

    /** A constant (raw bytes + type); {@link LookupException} with close matches otherwise. */
    public Constant constant(String pallet, String name) {
        return lookup("constant", pallet, Pallet::constants, name);
    }

    /** The pallet's item {@code name} among {@code items} (exact names), or empty (also for an unknown pallet). */
    private <T> Optional<T> find(String pallet, Function<Pallet, Map<String, T>> items, String name) {
        Pallet p = palletsByName.get(pallet);
        return Optional.ofNullable(p == null ? null : items.apply(p).get(name));
    }

    /** The pallet's item {@code name} among {@code items}; {@link LookupException} naming the {@code kind} and close matches. */
    private <T> T lookup(String kind, String pallet, Function<Pallet, Map<String, T>> items, String name) {
        Pallet p = pallet(pallet);
        T item = items.apply(p).get(name);
        if (item == null) {
            throw new LookupException(kind, p.name() + ".", name, items.apply(p).keySet());
        }
        return item;
    }

    /** A constant decoded into the dynamic JSON shape (see {@link DynamicCodec}). */
    public JsonNode constantValue(String pallet, String name) {
        Constant c = constant(pallet, name);
        return DynamicCodec.decode(types, c.type(), c.value(), pallet + "." + name);
    }

    /** {@code System.Version.spec_version}, or -1 if the metadata does not carry it. */
    public long specVersion() {
        return findConstant("System", "Version")
                .map(c -> DynamicCodec.decode(types, c.type(), c.value(), "System.Version").path("spec_version"))
                .filter(JsonNode::canConvertToLong).map(JsonNode::asLong).orElse(-1L);
    }

    /** {@code System.Version.transaction_version}, or -1. */
    public long transactionVersion() {
        return findConstant("System", "Version")
                .map(c -> DynamicCodec.decode(types, c.type(), c.value(), "System.Version").path("transaction_version"))
                .filter(JsonNode::canConvertToLong).map(JsonNode::asLong).orElse(-1L);
    }

    // ---- extrinsic, runtime APIs, outer enums

    public ExtrinsicInfo extrinsic() {
        return extrinsic;
    }

    /** V14/V15 runtime type id; null in V16. */
    public Integer runtimeType() {
        return runtimeType;
    }

    /** Runtime API traits (empty for V14). */
    public List<RuntimeApi> runtimeApis() {
        return apis;
    }

    public Optional<RuntimeApi.Method> findRuntimeApi(String trait, String method) {
        RuntimeApi a = apisByName.get(trait);
        return Optional.ofNullable(a == null ? null : a.method(method));
    }

    /** A runtime API method; {@link LookupException} with close matches otherwise (V14 has no runtime APIs). */
    public RuntimeApi.Method runtimeApi(String trait, String method) {
        RuntimeApi a = apisByName.get(trait);
        if (a == null) {
            throw new LookupException("runtime API" + (version < 15 ? " (metadata V14 has none)" : ""), trait,
                    apisByName.keySet());
        }
        RuntimeApi.Method m = a.method(method);
        if (m == null) {
            throw new LookupException("runtime API method", trait + ".", method,
                    a.methods().stream().map(RuntimeApi.Method::name).toList());
        }
        return m;
    }

    /** Outer RuntimeCall enum type (V15+), or derived from the V14 extrinsic type params; may be null. */
    public Integer callEnumType() {
        return callEnumType;
    }

    /** Outer RuntimeEvent enum type (V15+; for V14 taken from System.Events); may be null. */
    public Integer eventEnumType() {
        return eventEnumType;
    }

    /** Outer RuntimeError enum type (V15+ only); null for V14. */
    public Integer errorEnumType() {
        return errorEnumType;
    }

    /** V15/V16 custom values by name (pallet field is empty). */
    public Map<String, Constant> custom() {
        return custom;
    }
}
