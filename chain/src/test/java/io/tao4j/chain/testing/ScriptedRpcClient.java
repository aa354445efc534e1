package io.tao4j.chain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.chain.rpc.RpcClient;
import io.tao4j.chain.rpc.RpcException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Test double of the transport: answers each method with a scripted function of the params, records every
 * call, and for subscriptions delivers a scripted list of notifications synchronously.
 */
public class ScriptedRpcClient implements RpcClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    public record Call(String method, List<?> params) {
    }

    private final Map<String, Function<List<?>, JsonNode>> handlers = new HashMap<>();
    private final Map<String, Function<List<?>, List<JsonNode>>> subscriptions = new HashMap<>();
    public final List<Call> calls = new ArrayList<>();
    private final Map<String, Consumer<JsonNode>> liveItems = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Consumer<RpcException>> liveErrors = new java.util.concurrent.ConcurrentHashMap<>();

    public ScriptedRpcClient on(String method, Function<List<?>, JsonNode> handler) {
        handlers.put(method, handler);
        return this;
    }

    public ScriptedRpcClient onValue(String method, Object value) {
        JsonNode v = JSON.valueToTree(value);
        return on(method, p -> v);
    }

    /** Subscription: the handler returns the notifications, or throws RpcException to refuse the subscribe call. */
    public ScriptedRpcClient onSubscribe(String method, Function<List<?>, List<JsonNode>> handler) {
        subscriptions.put(method, handler);
        return this;
    }

    protected JsonNode answer(String method, List<?> params) {
        Function<List<?>, JsonNode> h = handlers.get(method);
        if (h == null) {
            throw new RpcException("no scripted answer for " + method + " " + params, -32601, null);
        }
        return h.apply(params);
    }

    @Override
    public CompletableFuture<JsonNode> call(String method, List<?> params) {
        synchronized (calls) {
            calls.add(new Call(method, params));
        }
        try {
            return CompletableFuture.completedFuture(answer(method, params));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<JsonNode> call(String method, List<?> params, Duration timeout) {
        return call(method, params);
    }

    @Override
    public Subscription subscribe(String subscribeMethod, List<?> params, String unsubscribeMethod,
                                  Consumer<JsonNode> onItem, Consumer<RpcException> onError) {
        synchronized (calls) {
            calls.add(new Call(subscribeMethod, params));
        }
        Function<List<?>, List<JsonNode>> h = subscriptions.get(subscribeMethod);
        if (h == null) {
            throw new RpcException("no scripted subscription for " + subscribeMethod, -32601, null);
        }
        List<JsonNode> items = h.apply(params);
        liveItems.put(subscribeMethod, onItem);
        liveErrors.put(subscribeMethod, onError);
        for (JsonNode item : items) {
            onItem.accept(item);
        }
        return () -> {
            liveItems.remove(subscribeMethod, onItem);
            liveErrors.remove(subscribeMethod, onError);
        };
    }

    /** Sends one more notification to the newest live subscription made with {@code subscribeMethod}. */
    public void push(String subscribeMethod, JsonNode item) {
        Consumer<JsonNode> c = liveItems.get(subscribeMethod);
        if (c == null) {
            throw new IllegalStateException("no live subscription " + subscribeMethod);
        }
        c.accept(item);
    }

    /** Ends the newest live subscription made with {@code subscribeMethod} with an error, as a transport would. */
    public void fail(String subscribeMethod, RpcException error) {
        Consumer<RpcException> c = liveErrors.remove(subscribeMethod);
        if (c == null) {
            throw new IllegalStateException("no live subscription " + subscribeMethod);
        }
        liveItems.remove(subscribeMethod);
        c.accept(error);
    }

    public long count(String method) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.method().equals(method)).count();
        }
    }

    @Override
    public void close() {
    }
}
