package io.tao4j.localnet.store;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS Signature Version 4 as S3 uses it: the parsed {@code Authorization} header, the canonical
 * request, the signing key and the streaming chunk signatures. Written from the AWS SigV4
 * documentation; the store uses it to check requests made by the AWS SDK.
 */
final class SigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final HexFormat HEX = HexFormat.of();

    private SigV4() {
    }

    /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…} header. */
    record Authorization(String accessKeyId, String date, String region, String service,
                         List<String> signedHeaders, String signature) {
        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    /** Parses the header; throws {@link StoreException} (400 AuthorizationHeaderMalformed) when it is not SigV4. */
    static Authorization parse(String header) {
        if (header == null || !header.startsWith(ALGORITHM + " ")) {
            throw new StoreException(400, "AuthorizationHeaderMalformed", "only AWS4-HMAC-SHA256 signatures are accepted");
        }
        Map<String, String> parts = new TreeMap<>();
        for (String p : header.substring(ALGORITHM.length() + 1).split(",")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                parts.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
        }
        String credential = parts.get("Credential");
        String signed = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signed == null || signature == null) {
            throw new StoreException(400, "AuthorizationHeaderMalformed", "Credential, SignedHeaders and Signature are required");
        }
        String[] c = credential.split("/");
        if (c.length != 5 || !"aws4_request".equals(c[4])) {
            throw new StoreException(400, "AuthorizationHeaderMalformed", "credential scope must be <key>/<date>/<region>/<service>/aws4_request");
        }
        return new Authorization(c[0], c[1], c[2], c[3], List.of(signed.split(";")), signature.toLowerCase(Locale.ROOT));
    }

    /**
     * The canonical request. {@code rawPath} and {@code rawQuery} are as received (the SDK sends
     * them already URI-encoded the way it signed them); {@code headers} maps lower-case names to
     * their values.
     */
    static String canonicalRequest(String method, String rawPath, String rawQuery,
                                   Map<String, List<String>> headers, List<String> signedHeaders, String payloadHash) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append('\n');
        sb.append(rawPath == null || rawPath.isEmpty() ? "/" : rawPath).append('\n');
        sb.append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders) {
            List<String> values = headers.get(name);
            if (values == null) {
                throw new StoreException(403, "SignatureDoesNotMatch", "signed header '" + name + "' is missing from the request");
            }
            List<String> trimmed = new ArrayList<>();
            for (String v : values) {
                trimmed.add(v.trim().replaceAll(" +", " "));
            }
            sb.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        sb.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
        return sb.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String p : rawQuery.split("&")) {
            int eq = p.indexOf('=');
            pairs.add(eq < 0 ? new String[]{p, ""} : new String[]{p.substring(0, eq), p.substring(eq + 1)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> out = new ArrayList<>();
        for (String[] kv : pairs) {
            out.add(kv[0] + "=" + kv[1]);
        }
        return String.join("&", out);
    }

    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] signingKey(String secret, Authorization auth) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
        k = hmac(k, auth.region());
        k = hmac(k, auth.service());
        return hmac(k, "aws4_request");
    }

    static String sign(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    /** String to sign of one chunk of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body. */
    static String chunkStringToSign(String amzDate, String scope, String previousSignature, byte[] chunk) {
        return "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n"
                + EMPTY_SHA256 + "\n" + sha256Hex(chunk);
    }

    /** String to sign of the trailer of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER body. */
    static String trailerStringToSign(String amzDate, String scope, String previousSignature, String trailerText) {
        return "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n"
                + sha256Hex(trailerText.getBytes(StandardCharsets.UTF_8));
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
