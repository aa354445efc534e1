package io.tao4j.mantis;

import io.tao4j.mantis.internal.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GET with a timeout, for the small JSON documents the neurons read (price feeds, a local network's discovery
 * document, a payload to copy): 10 s to connect, {@link #DEFAULT_TIMEOUT} for the answer, HTTP 200 only, every
 * failure an {@link IOException} naming the URL.
 */
public final class JsonHttp {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private JsonHttp() {
    }

    /** {@link #get(URI, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static JsonNode get(URI uri) throws IOException {
        return get(uri, DEFAULT_TIMEOUT);
    }

    /** The JSON document at {@code uri}. */
    public static JsonNode get(URI uri, Duration timeout) throws IOException {
        byte[] body = getBytes(uri, timeout);
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("GET " + uri + " did not return JSON: " + e.getMessage(), e);
        }
    }

    /** The body at {@code uri}, as bytes. */
    public static byte[] getBytes(URI uri, Duration timeout) throws IOException {
        HttpResponse<byte[]> r;
        try {
            r = HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot GET " + uri + ": " + e.getMessage(), e);
        }
        if (r.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered HTTP " + r.statusCode());
        }
        return r.body();
    }
}
