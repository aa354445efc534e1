package io.tao4j.chain.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The JSON-RPC 2.0 codec both transports use: request text, the classification of an incoming message (response,
 * subscription notification, or malformed with the reason), node errors as {@link RpcException}, and the wording of
 * transport failures. Stateless.
 */
final class JsonRpcCodec {
    static final ObjectMapper JSON = io.tao4j.chain.Values.JSON;

    private JsonRpcCodec() {
    }

    /**
     * The request text {@code {"jsonrpc":"2.0","id":id,"method":…,"params":[…]}}.
     *
     * @throws RpcException when the params cannot be written as JSON
     */
    static String request(long id, String method, List<?> params) {
        try {
            ObjectNode req = JSON.createObjectNode();
            req.put("jsonrpc", "2.0");
            req.put("id", id);
            req.put("method", method);
            req.set("params", JSON.valueToTree(params == null ? List.of() : params));
            return JSON.writeValueAsString(req);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new RpcException(method + ": parameters cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** An incoming message. */
    sealed interface Message permits Response, Notification, Malformed {
    }

    /** A response: {@code error} non-null for a node error, else {@code result} (present, possibly JSON null). */
    record Response(long id, JsonNode result, JsonNode error) implements Message {
    }

    /** A subscription notification. */
    record Notification(String subscription, JsonNode result) implements Message {
    }

    /** Not something we can use, and why. */
    record Malformed(String reason) implements Message {
    }

    /** Classifies one message text. */
    static Message parse(String text) {
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Malformed("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (msg == null || !msg.isObject()) {
            return new Malformed("not a JSON object");
        }
        JsonNode id = msg.get("id");
        if (id != null && !id.isNull()) {
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                return new Malformed("response id " + id + " is not one of ours");
            }
            JsonNode error = msg.get("error");
            if (error != null && !error.isNull()) {
                return new Response(id.asLong(), null, error);
            }
            if (!msg.has("result")) {
                return new Response(id.asLong(), null, null);
            }
            return new Response(id.asLong(), msg.get("result"), null);
        }
        JsonNode method = msg.get("method");
        JsonNode params = msg.get("params");
        if (method != null && method.isTextual() && params != null && params.isObject()) {
            String subId = subscriptionKey(params.get("subscription"));
            if (subId == null) {
                return new Malformed("notification without a subscription id");
            }
            JsonNode result = params.get("result");
            return new Notification(subId, result == null ? JSON.nullNode() : result);
        }
        if (msg.has("error")) {
            return new Malformed("error without an id: " + msg.get("error"));
        }
        return new Malformed("neither a response nor a subscription notification");
    }

    /** The node's JSON-RPC error as an exception carrying code, message and data. */
    static RpcException error(String method, JsonNode error) {
        int code = error.path("code").asInt(0);
        String message = error.isObject() ? error.path("message").asText("") : error.toString();
        JsonNode d = error.get("data");
        String data = d == null || d.isNull() ? null : d.isTextual() ? d.asText() : d.toString();
        return new RpcException(method + ": " + message + " (code " + code + ")" + (data == null ? "" : ": " + data), code, data);
    }

    /** A subscription id as a map key (nodes send strings; numbers are accepted), null when absent or another type. */
    static String subscriptionKey(JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        return id.isTextual() || id.isIntegralNumber() ? id.asText() : null;
    }

    /**
     * Why {@code uri} could not be reached, for people: "cannot connect to ws://…: connection refused — is the node
     * running?". It names the endpoint and the cause only; front ends add how to choose another endpoint.
     */
    static String connectFailure(URI uri, Throwable t, Duration connectTimeout) {
        Throwable root = unwrap(t);
        while (root.getCause() != null && root.getCause() != root && !(root instanceof WebSocketHandshakeException)
                && !(root instanceof ConnectException) && !(root instanceof UnknownHostException)) {
            root = root.getCause();
        }
        String why;
        if (root instanceof ConnectException) {
            why = "connection refused";
        } else if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            why = "unknown host '" + uri.getHost() + "'";
        } else if (root instanceof HttpTimeoutException || root instanceof TimeoutException || t instanceof TimeoutException) {
            why = "no answer within " + human(connectTimeout);
        } else if (root instanceof WebSocketHandshakeException h) {
            why = "the server refused the WebSocket upgrade (HTTP " + h.getResponse().statusCode() + "); is this a node's RPC port?";
        } else if (root instanceof SSLException) {
            why = "TLS failed (" + root.getMessage() + ")";
        } else {
            why = describe(root);
        }
        return "cannot connect to " + uri + ": " + why + " — is the node running?";
    }

    static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
