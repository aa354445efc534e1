package io.tao4j.scale.metadata;

import java.util.List;
import java.util.Map;

/**
 * Extrinsic format info: supported {@code versions} (V16 lists 4 and 5), address (MultiAddress), call
 * (RuntimeCall), signature (MultiSignature) types, the signed/transaction extensions in metadata order, and for
 * V16 {@code extensionsByVersion} (extension version → indices into {@code signedExtensions}). V14 carries only
 * {@code extrinsicType}; its address/call/signature/extra ids are taken from that type's parameters.
 * {@code extraType} is null in V16; {@code extrinsicType} is null in V15/V16.
 */
public record ExtrinsicInfo(List<Integer> versions, Integer extrinsicType, Integer addressType, Integer callType,
                            Integer signatureType, Integer extraType, List<SignedExtension> signedExtensions,
                            Map<Integer, List<Integer>> extensionsByVersion) {

    /**
     * The extensions for a transaction-extension version (V16), or all of them in metadata order
     * when the metadata has no versioned lists (V14/V15).
     */
    public List<SignedExtension> signedExtensions(int extensionVersion) {
        if (extensionsByVersion.isEmpty()) {
            return signedExtensions;
        }
        List<Integer> idx = extensionsByVersion.get(extensionVersion);
        if (idx == null) {
            throw new io.tao4j.scale.ScaleException("metadata has no transaction extensions for version "
                    + extensionVersion + " (has " + extensionsByVersion.keySet() + ")");
        }
        return idx.stream().map(signedExtensions::get).toList();
    }
}
