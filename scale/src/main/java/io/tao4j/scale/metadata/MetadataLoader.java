package io.tao4j.scale.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.scale.HexCodec;
import io.tao4j.scale.ScaleException;
import io.tao4j.scale.ScaleReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads metadata from any of the forms it is found in, detecting the form:
 * <ul>
 * <li>raw SCALE bytes starting with the "meta" magic;</li>
 * <li>hex text (with or without 0x) of those bytes, e.g. a saved {@code state_getMetadata} result;</li>
 * <li>hex or bytes of a {@code Metadata_metadata_at_version} result: {@code Option<OpaqueMetadata>}
 *     ({@code 01 ‖ Compact(len) ‖ meta…}) or the bare {@code Compact(len) ‖ meta…};</li>
 * <li>a JSON object with the hex in a {@code metadata} field (or {@code result}), or a JSON string of hex.</li>
 * </ul>
 */
public final class MetadataLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetadataLoader() {
    }

    /** Reads and decodes a metadata file in any supported form. */
    public static Metadata load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ScaleException("cannot read metadata file " + file + ": " + e.getMessage(), e);
        }
        try {
            return fromBytes(content);
        } catch (ScaleException e) {
            throw new ScaleException("metadata file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes file content in any supported form (binary SCALE, hex text or JSON). */
    public static Metadata fromBytes(byte[] content) {
        return MetadataDecoder.decode(unwrap(content));
    }

    /** Decodes a hex string ({@code state_getMetadata} result or a wrapped {@code metadata_at_version} result). */
    public static Metadata fromHex(String hex) {
        return MetadataDecoder.decode(unwrapScale(HexCodec.decode(hex)));
    }

    /** Returns the "meta"-prefixed SCALE bytes contained in {@code content}. */
    public static byte[] unwrap(byte[] content) {
        if (startsWithMagic(content, 0)) {
            return content;
        }
        String text = new String(content, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{") || text.startsWith("\"")) {
            JsonNode n;
            try {
                n = JSON.readTree(text);
            } catch (IOException e) {
                throw new ScaleException("metadata input looks like JSON but does not parse: " + e.getMessage());
            }
            JsonNode hex = n.isTextual() ? n : n.has("metadata") ? n.get("metadata") : n.get("result");
            if (hex == null || !hex.isTextual()) {
                throw new ScaleException("metadata JSON has no hex string field 'metadata' (or 'result')");
            }
            return unwrapScale(HexCodec.decode(hex.asText()));
        }
        if (!text.isEmpty() && HexCodec.isHex(text)) {
            return unwrapScale(HexCodec.decode(text));
        }
        return unwrapScale(content);
    }

    /** Strips an Option and/or Compact length wrapper in front of the "meta" magic. */
    public static byte[] unwrapScale(byte[] b) {
        if (startsWithMagic(b, 0)) {
            return b;
        }
        for (int opt = 0; opt <= 1; opt++) {
            if (opt == 1 && (b.length == 0 || b[0] != 1)) {
                continue;
            }
            try {
                ScaleReader r = new ScaleReader(b);
                if (opt == 1) {
                    r.readU8();
                }
                int len = r.readCompactInt("metadata length");
                if (len == r.remaining() && startsWithMagic(b, r.position())) {
                    return r.readBytes(len);
                }
            } catch (ScaleException e) {
                // not this wrapper; try the next form
            }
        }
        if (b.length == 1 && b[0] == 0) {
            throw new ScaleException("metadata is None (the node does not offer this metadata version)");
        }
        throw new ScaleException("not runtime metadata: no 'meta' magic found (expected SCALE bytes, hex, an "
                + "Option/length-wrapped metadata_at_version result, or JSON with a 'metadata' hex field)");
    }

    private static boolean startsWithMagic(byte[] b, int off) {
        return b.length >= off + 5 && b[off] == 0x6d && b[off + 1] == 0x65 && b[off + 2] == 0x74 && b[off + 3] == 0x61;
    }
}
