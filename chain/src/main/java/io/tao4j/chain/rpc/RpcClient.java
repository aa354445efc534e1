package io.tao4j.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.LoggerFactory;

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
     * Subscribes with {@code subscribeMethod} (e.g. {@code chain_subscribeNewHeads}) and returns once the node
     * accepted; each notification's {@code result} goes to {@code onItem}. After a reconnect a resumable
     * subscription is re-established transparently. Closing the handle unsubscribes with {@code unsubscribeMethod}.
     *
     * @param onError told when the subscription ends abnormally: the connection was lost under a subscription
     *                that cannot be resumed ({@code author_submitAndWatchExtrinsic}: an {@link RpcConnectionException}),
     *                or re-subscribing after a reconnect was refused. Called at most once, on the thread that
     *                delivers notifications.
     * @throws RpcException if the node refuses the subscription, or the transport has no subscriptions (HTTP)
     */
    Subscription subscribe(String subscribeMethod, List<?> params, String unsubscribeMethod,
                           Consumer<JsonNode> onItem, Consumer<RpcException> onError);

    /** As {@link #subscribe(String, List, String, Consumer, Consumer)}; an abnormal end is logged at warn. */
    default Subscription subscribe(String subscribeMethod, List<?> params, String unsubscribeMethod,
                                   Consumer<JsonNode> onItem) {
        return subscribe(subscribeMethod, params, unsubscribeMethod, onItem,
                e -> LoggerFactory.getLogger(RpcClient.class).warn("subscription {} ended: {}", subscribeMethod, e.getMessage()));
    }

    /** A live subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    void close();
}
