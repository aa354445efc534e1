package io.tao4j.chain.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * JSON-RPC 2.0 over HTTP POST (one request per call, JDK {@link HttpClient}). Substrate nodes serve
 * HTTP and WebSocket on the same port. There are no subscriptions over HTTP: {@link #subscribe} throws.
 */
public final class HttpRpcClient implements RpcClient {
    private final URI endpoint;
    private final Duration defaultTimeout;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    public HttpRpcClient(URI endpoint, Duration defaultTimeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("endpoint must be an http:// or https:// URL, got '" + endpoint + "'");
        }
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        this.http = HttpClient.newBuilder().connectTimeout(defaultTimeout).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public CompletableFuture<JsonNode> call(String method, List<?> params) {
        return call(method, params, defaultTimeout);
    }

    @Override
    public CompletableFuture<JsonNode> call(String method, List<?> params, Duration timeout) {
        long id = ids.incrementAndGet();
        String body;
        try {
            ObjectNode req = WsRpcClient.JSON.createObjectNode();
            req.put("jsonrpc", "2.0");
            req.put("id", id);
            req.put("method", method);
            req.set("params", WsRpcClient.JSON.valueToTree(params == null ? List.of() : params));
            body = WsRpcClient.JSON.writeValueAsString(req);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return CompletableFuture.failedFuture(new RpcException(method + ": parameters cannot be written as JSON: " + e.getMessage(), e));
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((resp, err) -> {
                    if (err != null) {
                        Throwable c = WsRpcClient.unwrap(err);
                        if (c instanceof HttpTimeoutException) {
                            throw new RpcTimeoutException(method + ": no response from " + endpoint + " within " + WsRpcClient.human(timeout));
                        }
                        throw new RpcConnectionException(WsRpcClient.connectFailure(endpoint, c, timeout), c);
                    }
                    return parse(method, id, resp);
                });
    }

    private JsonNode parse(String method, long id, HttpResponse<String> resp) {
        JsonNode msg;
        try {
            msg = WsRpcClient.JSON.readTree(resp.body());
        } catch (JsonProcessingException e) {
            throw new RpcException(method + ": HTTP " + resp.statusCode() + " from " + endpoint + " with a body that is not JSON", 0, null);
        }
        if (msg == null || !msg.isObject()) {
            throw new RpcException(method + ": HTTP " + resp.statusCode() + " from " + endpoint + " without a JSON-RPC object", 0, null);
        }
        JsonNode error = msg.get("error");
        if (error != null && !error.isNull()) {
            int code = error.path("code").asInt(0);
            JsonNode d = error.get("data");
            String data = d == null || d.isNull() ? null : d.isTextual() ? d.asText() : d.toString();
            throw new RpcException(method + ": " + error.path("message").asText("") + " (code " + code + ")"
                    + (data == null ? "" : ": " + data), code, data);
        }
        if (msg.path("id").asLong(-1) != id || !msg.has("result")) {
            throw new RpcException(method + ": malformed response from " + endpoint + " (wrong id or no result)", 0, null);
        }
        return msg.get("result");
    }

    /** Not available over HTTP. */
    @Override
    public Subscription subscribe(String subscribeMethod, List<?> params, String unsubscribeMethod, Consumer<JsonNode> onItem) {
        throw new RpcException(subscribeMethod + ": subscriptions need a WebSocket endpoint (ws:// or wss://), not " + endpoint, 0, null);
    }

    @Override
    public void close() {
        // JDK 17's HttpClient has nothing to close; its threads end when it is unreachable
    }
}
