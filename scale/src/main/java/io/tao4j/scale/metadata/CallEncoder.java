package io.tao4j.scale.metadata;

import io.tao4j.scale.DynamicCodec;
import io.tao4j.scale.ScaleWriter;
import io.tao4j.scale.TypeDef;
import io.tao4j.scale.ValueException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Encodes call data ({@code pallet index ‖ call index ‖ args}) from dynamic arguments. */
public final class CallEncoder {
    private CallEncoder() {
    }

    /**
     * Encodes {@code pallet.call(args)}. {@code args} is a map by argument name (JsonNode object or
     * java.util.Map; camelCase names are accepted too) or a list in argument order. See
     * {@link DynamicCodec} for the value forms. Errors name the path, e.g. {@code set_weights.dests[3]}.
     */
    public static byte[] callData(Metadata metadata, String pallet, String call, Object args) {
        CallInfo c = metadata.call(pallet, call);
        ScaleWriter w = new ScaleWriter(64);
        w.writeU8(c.palletIndex());
        w.writeU8(c.index());
        encodeArgs(metadata, c, args, w);
        return w.toByteArray();
    }

    /** Writes only the arguments of {@code c} (no indices). */
    public static void encodeArgs(Metadata metadata, CallInfo c, Object args, ScaleWriter w) {
        Object v = DynamicCodec.normalize(args);
        String path = c.name();
        List<TypeDef.Field> fields = c.fields();
        if (v == null && fields.isEmpty()) {
            return;
        }
        if (v instanceof Map<?, ?> m) {
            int used = 0;
            for (TypeDef.Field f : fields) {
                String key = m.containsKey(f.name()) ? f.name() : f.camelName();
                if (!m.containsKey(key)) {
                    throw new ValueException(path + "." + f.name(), "missing argument (" + c.pallet() + "." + c.name()
                            + " takes " + signature(metadata, c) + ")");
                }
                used++;
                DynamicCodec.encode(metadata.types(), f.type(), m.get(key), path + "." + f.name(), w);
            }
            if (used != m.size()) {
                List<String> known = new ArrayList<>();
                fields.forEach(f -> {
                    known.add(f.name());
                    known.add(f.camelName());
                });
                for (Object k : m.keySet()) {
                    if (!known.contains(String.valueOf(k))) {
                        throw new ValueException(path, "unknown argument '" + k + "' (" + c.pallet() + "." + c.name()
                                + " takes " + signature(metadata, c) + ")");
                    }
                }
                throw new ValueException(path, "an argument is given twice (snake_case and camelCase)");
            }
            return;
        }
        if (v instanceof List<?> l) {
            if (l.size() != fields.size()) {
                throw new ValueException(path, "expected " + fields.size() + " arguments, got " + l.size() + " ("
                        + c.pallet() + "." + c.name() + " takes " + signature(metadata, c) + ")");
            }
            for (int i = 0; i < fields.size(); i++) {
                TypeDef.Field f = fields.get(i);
                DynamicCodec.encode(metadata.types(), f.type(), l.get(i), path + "." + f.name(), w);
            }
            return;
        }
        throw new ValueException(path, "arguments must be an object by name or a list in order ("
                + c.pallet() + "." + c.name() + " takes " + signature(metadata, c) + ")");
    }

    /** "netuid: u16, dests: Vec<u16>, ..." */
    public static String signature(Metadata metadata, CallInfo c) {
        List<String> parts = new ArrayList<>();
        for (TypeDef.Field f : c.fields()) {
            parts.add(f.name() + ": " + metadata.types().describe(f.type()));
        }
        return "(" + String.join(", ", parts) + ")";
    }
}
