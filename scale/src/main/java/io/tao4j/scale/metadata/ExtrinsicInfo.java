package io.tao4j.scale.metadata;

import java.util.List;
import java.util.Map;

/**
 * Extrinsic format info. V14 only sets {@code versions}, {@code signedExtensions} and {@code extrinsicType};
 * V15 adds address/call/signature/extra types; V16 replaces extra with {@code extensionsByVersion}
 * (extension version → indices into {@code signedExtensions}). Absent type ids are null.
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
