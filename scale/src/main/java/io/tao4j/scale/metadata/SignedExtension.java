package io.tao4j.scale.metadata;

/**
 * A signed (transaction) extension: {@code extraType} is encoded in the extrinsic, {@code additionalSignedType}
 * (V16: "implicit") only in the signing payload.
 */
public record SignedExtension(String identifier, int extraType, int additionalSignedType) {
}
