package io.tao4j.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;

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
 * HTTP and WebSocket on the same port. There are no subscriptions over HTTP: {@link #subscribe} throws (callers that
 * follow a subscription fall back to polling, e.g. the Subtensor API checks the runtime version before a submission).
 * Requests and responses go through the same codec as the WebSocket transport.
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
            body = JsonRpcCodec.request(id, method, params);
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((resp, err) -> {
                    if (err != null) {
                        Throwable c = JsonRpcCodec.unwrap(err);
                        if (c instanceof HttpTimeoutException) {
                            throw new RpcTimeoutException(method + ": no response from " + endpoint + " within " + JsonRpcCodec.human(timeout));
                        }
                        throw new RpcConnectionException(JsonRpcCodec.connectFailure(endpoint, c, timeout), c);
                    }
                    return parse(method, id, resp);
                });
    }

    private JsonNode parse(String method, long id, HttpResponse<String> resp) {
        JsonRpcCodec.Message m = JsonRpcCodec.parse(resp.body());
        if (m instanceof JsonRpcCodec.Response r) {
            if (r.error() != null) {
                throw JsonRpcCodec.error(method, r.error());
            }
            if (r.id() == id && r.result() != null) {
                return r.result();
            }
            throw new RpcException(method + ": malformed response from " + endpoint + " (wrong id or no result)", 0, null);
        }
        String why = m instanceof JsonRpcCodec.Malformed bad ? bad.reason() : "a notification instead of a response";
        throw new RpcException(method + ": HTTP " + resp.statusCode() + " from " + endpoint + " with a body that is not a JSON-RPC response: "
                + why, 0, null);
    }

    /** Not available over HTTP. */
    @Override
    public Subscription subscribe(String subscribeMethod, List<?> params, String unsubscribeMethod, Consumer<JsonNode> onItem,
                                  Consumer<RpcException> onError) {
        throw new RpcException(subscribeMethod + ": subscriptions need a WebSocket endpoint (ws:// or wss://), not " + endpoint, 0, null);
    }

    @Override
    public void close() {
        // JDK 17's HttpClient has nothing to close; its threads end when it is unreachable
    }
}
