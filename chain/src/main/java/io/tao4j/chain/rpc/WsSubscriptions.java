package io.tao4j.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The subscriptions of a {@link WsRpcClient}: the live ones by server id, notifications that arrive before their
 * subscribe response (buffered, bounded), delivery in order on one dispatcher thread, what a lost connection means
 * for each (resumable ones wait to be subscribed again, one-shot ones end with an error), and re-subscribing.
 */
final class WsSubscriptions {
    private static final Logger log = LoggerFactory.getLogger(WsRpcClient.class);
    /** Subscriptions the node ends on its own; they cannot be resumed on a new connection. */
    private static final Set<String> ONE_SHOT = Set.of("author_submitAndWatchExtrinsic", "transactionWatch_v1_submitAndWatch");
    private static final int EARLY_IDS = 64;
    private static final int EARLY_PER_ID = 1024;

    /** What the subscriptions need from their client. */
    interface Owner {
        /** Sends a subscribe request for {@code s}; completes when the node answered and {@link #confirmed} ran. */
        CompletableFuture<JsonNode> request(Sub s);

        /** Sends {@code s.unsubscribeMethod(serverId)}, best effort. */
        void unsubscribe(Sub s, String serverId);

        boolean isClosed();
    }

    private final URI endpoint;
    private final ExecutorService dispatcher;
    private final Owner owner;
    private final Set<Sub> subs = ConcurrentHashMap.newKeySet();
    private final Map<String, Sub> active = new ConcurrentHashMap<>();
    private final LinkedHashMap<String, Deque<JsonNode>> early = new LinkedHashMap<>();

    WsSubscriptions(URI endpoint, ExecutorService dispatcher, Owner owner) {
        this.endpoint = endpoint;
        this.dispatcher = dispatcher;
        this.owner = owner;
    }

    /** A new subscription, not yet requested. */
    Sub create(String method, List<?> params, String unsubscribeMethod, Consumer<JsonNode> onItem, Consumer<RpcException> onError) {
        Sub s = new Sub(method, params == null ? List.of() : List.copyOf(params), unsubscribeMethod, onItem, onError,
                !ONE_SHOT.contains(method));
        subs.add(s);
        return s;
    }

    /** The subscribe request for {@code s} failed: it never started. */
    void refused(Sub s) {
        s.closed = true;
        subs.remove(s);
    }

    /** The node accepted {@code s} as {@code serverId} on connection {@code generation}; buffered notifications follow. */
    void confirmed(Sub s, String serverId, int generation) {
        if (s.closed) {
            // closed while the subscribe request was in flight
            owner.unsubscribe(s, serverId);
            return;
        }
        s.serverId = serverId;
        s.generation = generation;
        s.established = true;
        active.put(serverId, s);
        Deque<JsonNode> buffered;
        synchronized (early) {
            buffered = early.remove(serverId);
        }
        if (buffered != null) {
            log.debug("delivering {} notification(s) that arrived before subscription {} was confirmed", buffered.size(), serverId);
            for (JsonNode item : buffered) {
                s.deliver(item);
            }
        }
    }

    void notification(String serverId, JsonNode result) {
        Sub s = active.get(serverId);
        if (s != null) {
            s.deliver(result);
            return;
        }
        synchronized (early) {
            Deque<JsonNode> q = early.get(serverId);
            if (q == null) {
                if (early.size() >= EARLY_IDS) {
                    Iterator<Map.Entry<String, Deque<JsonNode>>> it = early.entrySet().iterator();
                    Map.Entry<String, Deque<JsonNode>> oldest = it.next();
                    it.remove();
                    log.debug("dropping {} notification(s) for unknown subscription {}", oldest.getValue().size(), oldest.getKey());
                }
                q = new ArrayDeque<>();
                early.put(serverId, q);
            }
            if (q.size() >= EARLY_PER_ID) {
                q.removeFirst();
            }
            q.addLast(result);
        }
    }

    /**
     * Connection {@code generation} is gone: its subscription ids mean nothing any more. Resumable subscriptions
     * wait for {@link #resubscribe()}; one-shot ones end and their error consumer hears of it.
     */
    void lost(int generation, String reason, Throwable cause) {
        synchronized (early) {
            early.clear();
        }
        for (Sub s : subs) {
            String id = s.serverId;
            if (id == null || s.generation != generation) {
                continue;
            }
            active.remove(id, s);
            s.serverId = null;
            if (s.closed || s.ended) {
                subs.remove(s);
                continue;
            }
            if (!s.resumable) {
                s.ended = true;
                subs.remove(s);
                RpcConnectionException e = new RpcConnectionException("connection to " + endpoint + " lost (" + reason + ") while watching "
                        + s.method + "; this subscription cannot be resumed, check the outcome on chain", cause);
                dispatch(() -> s.onError.accept(e));
            }
        }
    }

    /** Subscribes again, on the new connection, every resumable subscription that was live. */
    void resubscribe() {
        for (Sub s : subs) {
            if (!s.resumable || !s.established || s.closed || s.ended || s.serverId != null) {
                continue;
            }
            owner.request(s).whenComplete((r, e) -> {
                if (e == null) {
                    log.debug("re-subscribed {} as {}", s.method, s.serverId);
                    return;
                }
                Throwable c = JsonRpcCodec.unwrap(e);
                if (c instanceof RpcConnectionException || c instanceof RpcTimeoutException) {
                    log.debug("re-subscribing {} failed ({}); will retry after the next reconnect", s.method, c.getMessage());
                    return;
                }
                s.ended = true;
                subs.remove(s);
                RpcException re = c instanceof RpcException x ? x : new RpcException("re-subscribing " + s.method + " failed: " + c, c);
                dispatch(() -> s.onError.accept(re));
            });
        }
    }

    /** The client closed: nothing more is delivered. */
    void closeAll() {
        for (Sub s : subs) {
            s.closed = true;
        }
        subs.clear();
        active.clear();
    }

    private void dispatch(Runnable r) {
        try {
            dispatcher.execute(r);
        } catch (RejectedExecutionException e) {
            log.debug("client closed; dropping a subscription callback");
        }
    }

    /** One subscription, across reconnects: its server id changes with each connection. */
    final class Sub implements RpcClient.Subscription {
        final String method;
        final List<?> params;
        final String unsubscribeMethod;
        final Consumer<JsonNode> onItem;
        final Consumer<RpcException> onError;
        final boolean resumable;
        volatile String serverId;
        volatile int generation = -1;
        volatile boolean established;
        volatile boolean closed;
        volatile boolean ended;

        Sub(String method, List<?> params, String unsubscribeMethod, Consumer<JsonNode> onItem,
            Consumer<RpcException> onError, boolean resumable) {
            this.method = method;
            this.params = params;
            this.unsubscribeMethod = unsubscribeMethod;
            this.onItem = onItem;
            this.onError = onError;
            this.resumable = resumable;
        }

        void deliver(JsonNode item) {
            if (!resumable && TransactionStatus.isFinal(item)) {
                // the node ends this subscription itself after a final status
                ended = true;
                String id = serverId;
                if (id != null) {
                    active.remove(id, this);
                }
                subs.remove(this);
            }
            dispatch(() -> {
                if (closed) {
                    return;
                }
                try {
                    onItem.accept(item);
                } catch (RuntimeException e) {
                    log.warn("consumer of {} threw {}", method, e.toString(), e);
                }
            });
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            subs.remove(this);
            String id = serverId;
            if (id != null) {
                active.remove(id, this);
                if (!ended && !owner.isClosed()) {
                    owner.unsubscribe(this, id);
                }
            }
        }

        @Override
        public String toString() {
            return "Subscription[" + method + " " + serverId + "]";
        }
    }
}
