package io.tao4j.localnet.store;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tao4j.localnet.http.DeadlineExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * A payload store that behaves like a Cloudflare R2 bucket: uploads through the S3 API (path-style
 * or virtual-host-style PUT/GET/HEAD/DELETE, SigV4-signed with one of the configured access keys,
 * including the AWS SDK's aws-chunked streaming bodies and trailing checksums), and public,
 * unauthenticated GET/HEAD of {@code /<object-key>} like an {@code r2.dev} public bucket URL.
 *
 * <p>Objects are kept in memory and, when a directory is given, also on disk (written atomically,
 * so a kill -9 never leaves a torn object; reloaded at start).
 */
public final class PayloadStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PayloadStore.class);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    /** Store settings. {@code accessKeys} maps access key id → secret. */
    public record Config(String bucket, Map<String, String> accessKeys, long maxObjectBytes, Path directory) {
        public Config {
            if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("bucket name must be 3-63 lower-case letters, digits, '.' or '-'");
            }
            if (accessKeys == null || accessKeys.isEmpty()) {
                throw new IllegalArgumentException("at least one access key is required");
            }
            if (maxObjectBytes <= 0) {
                throw new IllegalArgumentException("maxObjectBytes must be positive");
            }
            accessKeys = Map.copyOf(accessKeys);
        }
    }

    /** A stored object. */
    public record StoredObject(byte[] data, String contentType, String etag, Instant lastModified) {
    }

    private final Config config;
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final DeadlineExecutor executor;

    private PayloadStore(Config config, HttpServer server, DeadlineExecutor.Limits limits) {
        this.config = config;
        this.server = server;
        this.executor = new DeadlineExecutor("payload-store", limits);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts the store on {@code host:port} (port 0 picks a free port). */
    public static PayloadStore start(Config config, String host, int port) throws IOException {
        return start(config, host, port, new DeadlineExecutor.Limits(32, DeadlineExecutor.Limits.DEFAULT_REQUEST_DEADLINE));
    }

    /** Starts the store with the given threads and per-request deadline (see {@link DeadlineExecutor}). */
    public static PayloadStore start(Config config, String host, int port, DeadlineExecutor.Limits limits) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        PayloadStore store = new PayloadStore(config, server, limits);
        store.load();
        server.start();
        log.info("payload store listening on http://{}:{}/ (bucket '{}')", host, store.port(), config.bucket());
        return store;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Config config() {
        return config;
    }

    /** The object under {@code key}, if any (for in-process callers such as the status page). */
    public Optional<StoredObject> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    /**
     * Places an object from inside the process, as an operator seeds a bucket: the upload size limit
     * (the validators' payload limit) does not apply, the key must still be a valid object key. The
     * object is public like every other (GET {@code /<key>}).
     */
    public void publish(String key, byte[] data, String contentType) throws IOException {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("..")) {
            throw new IllegalArgumentException("invalid object key '" + key + "'");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("object key longer than " + MAX_KEY_BYTES + " bytes");
        }
        StoredObject obj = new StoredObject(data.clone(), contentType, "\"" + HexFormat.of().formatHex(md5(data)) + "\"", Instant.now());
        persist(key, obj);
        objects.put(key, obj);
        log.info("payload store: published '{}' ({} bytes)", key, data.length);
    }

    public int size() {
        return objects.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    // ---------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) {
        try (ex) {
            try {
                route(ex);
            } catch (StoreException e) {
                if (e.status == 413 || e.code.equals("KeyTooLongError")) {
                    log.warn("payload store: refused {} {}: {} ({})", ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                            e.code, e.getMessage());
                }
                sendError(ex, e.status, e.code, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("payload store: request failed: {}", e.toString());
                sendError(ex, 500, "InternalError", "internal error");
            }
        } catch (IOException e) {
            log.debug("payload store: client went away: {}", e.toString());
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        Headers h = ex.getRequestHeaders();
        URI uri = ex.getRequestURI();
        String rawPath = uri.getRawPath() == null ? "/" : uri.getRawPath();
        if (h.getFirst("Authorization") == null) {
            publicRead(ex, method, rawPath);
            return;
        }
        SigV4.Authorization auth = SigV4.parse(h.getFirst("Authorization"));
        String secret = config.accessKeys().get(auth.accessKeyId());
        if (secret == null) {
            throw new StoreException(403, "InvalidAccessKeyId", "the access key id you provided does not exist in our records");
        }
        String amzDate = h.getFirst("x-amz-date");
        checkDate(amzDate, auth);
        String payloadHash = h.getFirst("x-amz-content-sha256");
        if (payloadHash == null) {
            throw new StoreException(400, "InvalidRequest", "missing x-amz-content-sha256 header");
        }
        String canonical = SigV4.canonicalRequest(method, rawPath, uri.getRawQuery(), lowerCaseHeaders(h),
                auth.signedHeaders(), payloadHash);
        byte[] key = SigV4.signingKey(secret, auth);
        String expected = SigV4.sign(key, SigV4.stringToSign(amzDate, auth.scope(), canonical));
        if (!SigV4.constantTimeEquals(expected, auth.signature())) {
            throw new StoreException(403, "SignatureDoesNotMatch", "the request signature we calculated does not match the signature you provided");
        }

        String[] bucketAndKey = bucketAndKey(h.getFirst("Host"), rawPath);
        if (!config.bucket().equals(bucketAndKey[0])) {
            throw new StoreException(404, "NoSuchBucket", "the specified bucket does not exist");
        }
        String objectKey = bucketAndKey[1];
        if (objectKey.isEmpty()) {
            throw new StoreException(501, "NotImplemented", "bucket-level operations are not supported by the local store");
        }
        checkKeyLength(objectKey);
        switch (method) {
            case "PUT" -> put(ex, objectKey, payloadHash, new ChunkedBody.Signing(key, amzDate, auth.scope(), auth.signature()));
            case "GET" -> sendObject(ex, objectKey, true);
            case "HEAD" -> sendObject(ex, objectKey, false);
            case "DELETE" -> {
                StoredObject removed = objects.remove(objectKey);
                if (removed != null && config.directory() != null) {
                    Files.deleteIfExists(fileOf(objectKey));
                }
                ex.sendResponseHeaders(204, -1);
            }
            default -> throw new StoreException(405, "MethodNotAllowed", "method " + method + " is not allowed");
        }
    }

    private void publicRead(HttpExchange ex, String method, String rawPath) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new StoreException(403, "AccessDenied", "anonymous requests may only read objects; sign uploads with an access key");
        }
        String key = decode(rawPath.startsWith("/") ? rawPath.substring(1) : rawPath);
        if (key.isEmpty()) {
            throw new StoreException(404, "NoSuchKey", "no object key given");
        }
        sendObject(ex, key, method.equals("GET"));
    }

    private void put(HttpExchange ex, String key, String payloadHash, ChunkedBody.Signing signing) throws IOException {
        Headers h = ex.getRequestHeaders();
        long declared = parseLong(h.getFirst("x-amz-decoded-content-length"), parseLong(h.getFirst("Content-Length"), -1));
        if (declared > config.maxObjectBytes()) {
            throw new StoreException(413, "EntityTooLarge", "object of " + declared + " bytes exceeds the store's size limit of "
                    + config.maxObjectBytes() + " bytes");
        }
        byte[] data;
        Map<String, String> trailers = Map.of();
        String encoding = Optional.ofNullable(h.getFirst("Content-Encoding")).orElse("");
        // not closed here: closing drains what the client still promises, which would hold the answer to a refused
        // body until the client sent it all; the exchange drains (at most 64 KiB) after the answer is out
        InputStream in = ex.getRequestBody();
        if (payloadHash.startsWith("STREAMING-")) {
            ChunkedBody body = ChunkedBody.read(in, config.maxObjectBytes(),
                    payloadHash.startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD") ? signing : null);
            data = body.payload;
            trailers = body.trailers;
        } else {
            data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxObjectBytes() + 1));
            if (data.length > config.maxObjectBytes()) {
                throw new StoreException(413, "EntityTooLarge", "object exceeds the store's size limit of " + config.maxObjectBytes() + " bytes");
            }
            if (!payloadHash.equals("UNSIGNED-PAYLOAD") && !SigV4.sha256Hex(data).equalsIgnoreCase(payloadHash)) {
                throw new StoreException(400, "XAmzContentSHA256Mismatch", "the provided x-amz-content-sha256 does not match the body");
            }
        }
        if (declared >= 0 && h.getFirst("x-amz-decoded-content-length") != null && declared != data.length) {
            throw new StoreException(400, "IncompleteBody", "x-amz-decoded-content-length does not match the body");
        }
        verifyChecksums(h, trailers, data);
        String contentType = Optional.ofNullable(h.getFirst("Content-Type")).orElse("application/octet-stream");
        if (encoding.contains("aws-chunked") && contentType.isEmpty()) {
            contentType = "application/octet-stream";
        }
        StoredObject obj = new StoredObject(data, contentType, "\"" + HexFormat.of().formatHex(md5(data)) + "\"", Instant.now());
        try {
            persist(key, obj);
        } catch (IOException e) {
            log.warn("payload store: could not persist '{}': {}", key, e.toString());
            throw new StoreException(500, "InternalError", "the object could not be written to the state directory");
        }
        objects.put(key, obj);
        log.debug("payload store: stored '{}' ({} bytes)", key, data.length);
        ex.getResponseHeaders().set("ETag", obj.etag());
        ex.sendResponseHeaders(200, -1);
    }

    private static void verifyChecksums(Headers h, Map<String, String> trailers, byte[] data) {
        String md5 = h.getFirst("Content-MD5");
        if (md5 != null && !Base64.getEncoder().encodeToString(md5(data)).equals(md5.trim())) {
            throw new StoreException(400, "BadDigest", "the Content-MD5 you specified did not match what we received");
        }
        List<Map.Entry<String, String>> sums = new ArrayList<>(trailers.entrySet());
        h.forEach((name, values) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith("x-amz-checksum-") && !values.isEmpty()
                    && !name.equalsIgnoreCase("x-amz-checksum-algorithm") && !name.equalsIgnoreCase("x-amz-checksum-type")) {
                sums.add(Map.entry(name.toLowerCase(Locale.ROOT), values.get(0)));
            }
        });
        for (Map.Entry<String, String> e : sums) {
            String algo = e.getKey().replace("x-amz-checksum-", "");
            byte[] actual = switch (algo) {
                case "crc32" -> crc(new CRC32(), data);
                case "crc32c" -> crc(new CRC32C(), data);
                case "sha1" -> digest("SHA-1", data);
                case "sha256" -> digest("SHA-256", data);
                default -> null; // e.g. crc64nvme: not available in the JDK; accepted unchecked
            };
            if (actual != null && !Base64.getEncoder().encodeToString(actual).equals(e.getValue().trim())) {
                throw new StoreException(400, "BadDigest", "the " + algo.toUpperCase(Locale.ROOT) + " checksum you specified did not match what we received");
            }
        }
    }

    private void sendObject(HttpExchange ex, String key, boolean withBody) throws IOException {
        StoredObject obj = objects.get(key);
        if (obj == null) {
            throw new StoreException(404, "NoSuchKey", "the specified key does not exist");
        }
        Headers out = ex.getResponseHeaders();
        out.set("Content-Type", obj.contentType());
        out.set("ETag", obj.etag());
        out.set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(obj.lastModified(), ZoneOffset.UTC)));
        if (withBody) {
            ex.sendResponseHeaders(200, obj.data().length == 0 ? -1 : obj.data().length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(obj.data());
            }
        } else {
            out.set("Content-Length", Integer.toString(obj.data().length));
            ex.sendResponseHeaders(200, -1);
        }
    }

    private static void sendError(HttpExchange ex, int status, String code, String message) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message></Error>";
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private static void checkDate(String amzDate, SigV4.Authorization auth) {
        if (amzDate == null) {
            throw new StoreException(400, "AccessDenied", "missing x-amz-date header");
        }
        Instant at;
        try {
            at = ZonedDateTime.parse(amzDate, AMZ_DATE).toInstant();
        } catch (DateTimeParseException e) {
            throw new StoreException(400, "AccessDenied", "x-amz-date is not in the ISO 8601 basic format");
        }
        if (!amzDate.startsWith(auth.date())) {
            throw new StoreException(403, "SignatureDoesNotMatch", "credential date does not match x-amz-date");
        }
        if (Duration.between(at, Instant.now()).abs().compareTo(MAX_SKEW) > 0) {
            throw new StoreException(403, "RequestTimeTooSkewed", "the difference between the request time and the current time is too large");
        }
    }

    /** [bucket, key] from a virtual-host ({@code bucket.host}) or path-style ({@code /bucket/key}) request. */
    private String[] bucketAndKey(String host, String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        String hostName = host == null ? "" : host.replaceFirst(":\\d+$", "");
        if (hostName.startsWith(config.bucket() + ".")) {
            return new String[]{config.bucket(), decode(path)};
        }
        int slash = path.indexOf('/');
        if (slash < 0) {
            return new String[]{decode(path), ""};
        }
        return new String[]{decode(path.substring(0, slash)), decode(path.substring(slash + 1))};
    }

    private static Map<String, List<String>> lowerCaseHeaders(Headers h) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        h.forEach((k, v) -> out.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static long parseLong(String s, long dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new StoreException(400, "InvalidArgument", "malformed length header");
        }
    }

    private static byte[] crc(Checksum c, byte[] data) {
        c.update(data, 0, data.length);
        long v = c.getValue();
        return new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] md5(byte[] data) {
        return digest("MD5", data);
    }

    private static byte[] digest(String algo, byte[] data) {
        try {
            return MessageDigest.getInstance(algo).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- persistence -------------------------------------------------------------------------------

    /**
     * Longest object key in UTF-8 bytes. S3 allows 1 024, but the store names a persisted object's file after the
     * hex of its key plus ".obj", and file names stop at 255 bytes: 125 bytes is the longest key that can be
     * persisted, and the limit holds with or without {@code --state-dir} so a key never works in one and fails in
     * the other. (Object keys are hotkeys in practice: 48 characters.)
     */
    public static final int MAX_KEY_BYTES = 125;

    private static void checkKeyLength(String key) {
        int n = key.getBytes(StandardCharsets.UTF_8).length;
        if (n > MAX_KEY_BYTES) {
            throw new StoreException(400, "KeyTooLongError", "the object key is " + n + " bytes; the local store accepts at most "
                    + MAX_KEY_BYTES);
        }
    }

    private Path fileOf(String key) {
        // Object keys are hotkeys in practice, but any key must map to one safe file name.
        return config.directory().resolve(HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8)) + ".obj");
    }

    private void persist(String key, StoredObject obj) throws IOException {
        if (config.directory() == null) {
            return;
        }
        Files.createDirectories(config.directory());
        Path target = fileOf(key);
        Path tmp = Files.createTempFile(config.directory(), "put", ".tmp");
        byte[] ct = obj.contentType().getBytes(StandardCharsets.UTF_8);
        try (OutputStream os = Files.newOutputStream(tmp)) {
            os.write(ct.length >>> 8);
            os.write(ct.length);
            os.write(ct);
            os.write(obj.data());
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void load() throws IOException {
        Path dir = config.directory();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                try {
                    if (name.endsWith(".tmp")) {
                        Files.deleteIfExists(f); // an upload interrupted before its atomic rename
                        return;
                    }
                    if (!name.endsWith(".obj")) {
                        return;
                    }
                    String key = new String(HexFormat.of().parseHex(name.substring(0, name.length() - 4)), StandardCharsets.UTF_8);
                    byte[] all = Files.readAllBytes(f);
                    int ctLen = ((all[0] & 0xff) << 8) | (all[1] & 0xff);
                    String ct = new String(all, 2, ctLen, StandardCharsets.UTF_8);
                    byte[] data = java.util.Arrays.copyOfRange(all, 2 + ctLen, all.length);
                    objects.put(key, new StoredObject(data, ct, "\"" + HexFormat.of().formatHex(md5(data)) + "\"",
                            Files.getLastModifiedTime(f).toInstant()));
                } catch (IOException | RuntimeException e) {
                    log.warn("payload store: skipping unreadable object file {}: {}", name, e.toString());
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
