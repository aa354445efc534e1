package io.tao4j.mantis;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one GET-JSON helper: the document, or an IOException naming the URL and what went wrong. */
class JsonHttpTest {
    HttpServer server;
    URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> answer(ex, 200, "{\"prices\":{\"ETH\":3000.5}}"));
        server.createContext("/missing", ex -> answer(ex, 404, "no"));
        server.createContext("/text", ex -> answer(ex, 200, "not json {"));
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(ex, 200, "{}");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static void answer(com.sun.net.httpserver.HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    @Test
    void readsTheDocumentAndNamesEveryFailure() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> JsonHttp.get(base.resolve("/ok")))).isNull();
        assertThatThrownBy(() -> JsonHttp.get(base.resolve("/missing"))).isInstanceOf(IOException.class)
                .hasMessage("GET " + base.resolve("/missing") + " answered HTTP 404");
        assertThatThrownBy(() -> JsonHttp.get(base.resolve("/text"))).isInstanceOf(IOException.class)
                .hasMessageContaining("did not return JSON");
        assertThatThrownBy(() -> JsonHttp.get(base.resolve("/slow"), Duration.ofMillis(300))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonHttp.get(URI.create("ftp://127.0.0.1/x"))).isInstanceOf(IOException.class)
                .hasMessageContaining("ftp://127.0.0.1/x");
    }

    @Test
    void theDocumentIsParsed() throws IOException {
        assertThat(JsonHttp.get(base.resolve("/ok")).path("prices").path("ETH").asDouble()).isEqualTo(3000.5);
        assertThat(new String(JsonHttp.getBytes(base.resolve("/ok"), Duration.ofSeconds(5)), StandardCharsets.UTF_8))
                .startsWith("{\"prices\"");
    }
}
