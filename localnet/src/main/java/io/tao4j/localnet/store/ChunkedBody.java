package io.tao4j.localnet.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} request body (the framing the AWS SDK uses for streaming uploads:
 * {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}, {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} and its
 * {@code -TRAILER} variant), checking every chunk signature against the seed signature when the
 * chunks are signed, and returning the payload plus the trailing headers.
 */
final class ChunkedBody {
    final byte[] payload;
    final Map<String, String> trailers;

    private ChunkedBody(byte[] payload, Map<String, String> trailers) {
        this.payload = payload;
        this.trailers = trailers;
    }

    /** Signature context for signed chunks; null for unsigned streaming bodies. */
    record Signing(byte[] key, String amzDate, String scope, String seedSignature) {
    }

    static ChunkedBody read(InputStream in, long maxBytes, Signing signing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = signing == null ? null : signing.seedSignature();
        while (true) {
            String header = line(in);
            String sizeHex = header;
            String chunkSig = null;
            int semi = header.indexOf(';');
            if (semi >= 0) {
                sizeHex = header.substring(0, semi);
                String ext = header.substring(semi + 1);
                if (ext.startsWith("chunk-signature=")) {
                    chunkSig = ext.substring("chunk-signature=".length()).trim().toLowerCase(Locale.ROOT);
                }
            }
            long size;
            try {
                size = Long.parseLong(sizeHex.trim(), 16);
            } catch (NumberFormatException e) {
                throw new StoreException(400, "IncompleteBody", "malformed aws-chunked chunk header");
            }
            if (size < 0 || size > maxBytes - out.size()) { // (no out.size() + size: a size near 2^63 overflows it)
                throw new StoreException(413, "EntityTooLarge", "object exceeds the store's size limit of " + maxBytes + " bytes");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length != size) {
                throw new StoreException(400, "IncompleteBody", "the body ended inside a chunk");
            }
            if (signing != null) {
                if (chunkSig == null) {
                    throw new StoreException(403, "SignatureDoesNotMatch", "a signed streaming body has a chunk without chunk-signature");
                }
                String expect = SigV4.sign(signing.key(), SigV4.chunkStringToSign(signing.amzDate(), signing.scope(), previous, chunk));
                if (!SigV4.constantTimeEquals(expect, chunkSig)) {
                    throw new StoreException(403, "SignatureDoesNotMatch", "chunk signature does not match");
                }
                previous = chunkSig;
            }
            out.write(chunk);
            if (size == 0) {
                break;
            }
            if (!line(in).isEmpty()) {
                throw new StoreException(400, "IncompleteBody", "chunk data is not followed by CRLF");
            }
        }
        Map<String, String> trailers = new LinkedHashMap<>();
        StringBuilder canonicalTrailer = new StringBuilder();
        String trailerSig = null;
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new StoreException(400, "IncompleteBody", "malformed trailing header");
            }
            String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 1).trim();
            if (name.equals("x-amz-trailer-signature")) {
                trailerSig = value.toLowerCase(Locale.ROOT);
            } else {
                trailers.put(name, value);
                canonicalTrailer.append(name).append(':').append(value).append('\n');
            }
        }
        if (signing != null && trailerSig != null) {
            String expect = SigV4.sign(signing.key(),
                    SigV4.trailerStringToSign(signing.amzDate(), signing.scope(), previous, canonicalTrailer.toString()));
            if (!SigV4.constantTimeEquals(expect, trailerSig)) {
                throw new StoreException(403, "SignatureDoesNotMatch", "trailer signature does not match");
            }
        }
        return new ChunkedBody(out.toByteArray(), trailers);
    }

    /** Reads one CRLF-terminated line (at most 4 KiB) without the terminator. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (b.size() == 0) {
                    return "";
                }
                throw new StoreException(400, "IncompleteBody", "the body ended inside a chunk header");
            }
            if (c == '\r') {
                int n = in.read();
                if (n != '\n') {
                    throw new StoreException(400, "IncompleteBody", "CR without LF in aws-chunked framing");
                }
                return b.toString(StandardCharsets.US_ASCII);
            }
            b.write(c);
            if (b.size() > 4096) {
                throw new StoreException(400, "IncompleteBody", "aws-chunked header line too long");
            }
        }
    }
}
