package io.tao4j.scale;

import java.util.List;

/**
 * One entry of the portable type registry: id, Rust path (e.g. [sp_core, crypto, AccountId32]),
 * generic parameters, shape and docs.
 */
public record PortableType(int id, List<String> path, List<TypeParam> params, TypeDef def, List<String> docs) {

    /** A generic parameter; {@code type} is null when the parameter was not resolved. */
    public record TypeParam(String name, Integer type) {
    }

    /** The path joined with "::", e.g. "sp_core::crypto::AccountId32"; empty for anonymous types. */
    public String pathString() {
        return String.join("::", path);
    }

    /** Last path segment, or null for anonymous types. */
    public String simpleName() {
        return path.isEmpty() ? null : path.get(path.size() - 1);
    }
}
