package io.tao4j.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * JSON-RPC 2.0 access to a Substrate node. The WebSocket implementation correlates ids, keeps
 * subscriptions alive across reconnects, and fails calls with {@link RpcException}.
 * Everything above the transport (storage, extrinsics, Subtensor API) talks to this interface.
 */
public interface RpcClient extends AutoCloseable {

    /** Calls {@code method} with positional {@code params}; completes with the JSON {@code result}. */
    CompletableFuture<JsonNode> call(String method, List<?> params);

    /** As {@link #call(String, List)} with an explicit per-call timeout. */
    CompletableFuture<JsonNode> call(String method, List<?> params, Duration timeout);

    /**
     * Subscribes with {@code subscribeMethod} (e.g. {@code chain_subscribeNewHeads}); each
     * notification's {@code result} goes to {@code onItem}. After a reconnect the subscription is
     * re-established transparently. Closing the handle unsubscribes with {@code unsubscribeMethod}.
     */
    Subscription subscribe(String subscribeMethod, List<?> params, String unsubscribeMethod,
                           Consumer<JsonNode> onItem);

    /** A live subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    void close();
}
