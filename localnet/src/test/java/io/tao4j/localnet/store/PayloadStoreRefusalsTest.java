package io.tao4j.localnet.store;

import io.tao4j.localnet.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests the store refuses get an answer (an S3 error document), never a dropped connection or silence. */
class PayloadStoreRefusalsTest {
    PayloadStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
    }

    /**
     * Sends a SigV4-signed PUT of {@code key} whose body is {@code body} but whose Content-Length is
     * {@code contentLength} (it may promise more than is sent), and returns the status line and body of the answer.
     */
    String put(String key, String payloadHash, long contentLength, byte[] body) throws Exception {
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        String date = amzDate.substring(0, 8);
        String host = "127.0.0.1:" + store.port();
        String path = "/mantis/" + key;
        Map<String, List<String>> headers = new TreeMap<>();
        headers.put("host", List.of(host));
        headers.put("x-amz-content-sha256", List.of(payloadHash));
        headers.put("x-amz-date", List.of(amzDate));
        List<String> signed = List.of("host", "x-amz-content-sha256", "x-amz-date");
        SigV4.Authorization auth = new SigV4.Authorization("localkey", date, "auto", "s3", signed, "");
        String canonical = SigV4.canonicalRequest("PUT", path, null, headers, signed, payloadHash);
        String signature = SigV4.sign(SigV4.signingKey("localsecret", auth), SigV4.stringToSign(amzDate, auth.scope(), canonical));
        String req = "PUT " + path + " HTTP/1.1\r\nHost: " + host + "\r\nx-amz-date: " + amzDate
                + "\r\nx-amz-content-sha256: " + payloadHash
                + (payloadHash.startsWith("STREAMING-") ? "\r\nContent-Encoding: aws-chunked" : "")
                + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=localkey/" + auth.scope() + ", SignedHeaders="
                + String.join(";", signed) + ", Signature=" + signature + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
        try (Socket s = RawHttp.connect(store.port())) {
            OutputStream o = s.getOutputStream();
            o.write(req.getBytes(StandardCharsets.US_ASCII));
            o.write(body);
            o.flush();
            // read until the answer's XML document is complete (the connection may stay open)
            return RawHttp.readUntil(s.getInputStream(), got -> got.contains("</Error>") || got.startsWith("HTTP/1.1 200"));
        }
    }

    @Test
    void anAwsChunkOfSize2To63Minus1IsAnswered413() throws Exception {
        store = PayloadStore.start(new PayloadStore.Config("mantis", Map.of("localkey", "localsecret"), 1 << 20, null), "127.0.0.1", 0);
        // one byte, then a chunk header claiming 2^63 − 1 bytes; the body promised by Content-Length never comes
        byte[] body = "1\r\nA\r\n7fffffffffffffff\r\n".getBytes(StandardCharsets.US_ASCII);
        String answer = put("huge", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", 100_000, body);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("<Code>EntityTooLarge</Code>");
        assertThat(store.get("huge")).isEmpty();
    }

    @Test
    void aKeyTooLongToPersistIsAnswered400(@TempDir Path dir) throws Exception {
        store = PayloadStore.start(new PayloadStore.Config("mantis", Map.of("localkey", "localsecret"), 1 << 20, dir), "127.0.0.1", 0);
        byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
        String longest = "k".repeat(PayloadStore.MAX_KEY_BYTES);
        assertThat(put(longest, SigV4.sha256Hex(data), data.length, data)).startsWith("HTTP/1.1 200");
        assertThat(store.get(longest)).isPresent();

        String tooLong = "k".repeat(127);
        String answer = put(tooLong, SigV4.sha256Hex(data), data.length, data);
        assertThat(answer).startsWith("HTTP/1.1 400").contains("<Code>KeyTooLongError</Code>");
        assertThat(store.get(tooLong)).isEmpty();
    }
}
