package io.tao4j.localnet.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The answer of a JDK {@code HttpServer} JSON endpoint (drand beacon, price feed): status, UTF-8 body, length. */
public final class JsonAnswer {
    private JsonAnswer() {
    }

    /** Sends {@code body} as {@code application/json} with {@code status} and a fixed length, then closes the body. */
    public static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }
}
