package io.tao4j.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The calls of a {@link WsRpcClient} that wait for a response, by request id: each has a timer, and completes on
 * the callback pool (never on the socket reader). Subscribe requests that timed out are remembered for a while so
 * that a late subscription id can be cancelled.
 */
final class PendingCalls {
    /** At most this many timed-out subscribe requests are remembered. */
    private static final int MAX_ABANDONED = 1024;

    /** One call waiting for its response. {@code sub} is set for subscribe requests. */
    static final class Pending {
        final long id;
        final String method;
        final WsSubscriptions.Sub sub;
        final CompletableFuture<JsonNode> future = new CompletableFuture<>();
        /** The connection generation it was sent on (-1 until sent). */
        volatile int generation = -1;
        volatile ScheduledFuture<?> timer;

        Pending(long id, String method, WsSubscriptions.Sub sub) {
            this.id = id;
            this.method = method;
            this.sub = sub;
        }
    }

    private final ScheduledExecutorService scheduler;
    private final ExecutorService callbacks;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    /** Subscribe requests that timed out: if the node still answers, the subscription it made is cancelled. */
    private final Map<Long, WsSubscriptions.Sub> abandoned = new ConcurrentHashMap<>();

    PendingCalls(ScheduledExecutorService scheduler, ExecutorService callbacks) {
        this.scheduler = scheduler;
        this.callbacks = callbacks;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Registers {@code p}; it fails with {@code onTimeout} unless answered within {@code timeout}. */
    void register(Pending p, Duration timeout, java.util.function.Supplier<RpcException> onTimeout) {
        pending.put(p.id, p);
        try {
            p.timer = scheduler.schedule(() -> {
                if (p.sub != null && !p.future.isDone() && abandoned.size() < MAX_ABANDONED) {
                    abandoned.put(p.id, p.sub);
                }
                fail(p, onTimeout.get());
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the client was closed between the caller's check and now
            fail(p, new RpcConnectionException("client is closed; " + p.method + " was not sent"));
        }
    }

    /** Removes and returns the call with this id, or null. */
    Pending take(long id) {
        return pending.remove(id);
    }

    /** The subscription of a subscribe request that timed out with this id, or null. */
    WsSubscriptions.Sub takeAbandoned(long id) {
        return abandoned.remove(id);
    }

    void forgetAbandoned() {
        abandoned.clear();
    }

    void fail(Pending p, Throwable ex) {
        pending.remove(p.id, p);
        if (p.timer != null) {
            p.timer.cancel(false);
        }
        completeLater(() -> p.future.completeExceptionally(ex));
    }

    void succeed(Pending p, JsonNode result) {
        if (p.timer != null) {
            p.timer.cancel(false);
        }
        completeLater(() -> p.future.complete(result));
    }

    /** Fails every call matching {@code which} with the exception {@code why} makes for it. */
    void failAll(Predicate<Pending> which, Function<Pending, Throwable> why) {
        for (Pending p : new ArrayList<>(pending.values())) {
            if (which.test(p)) {
                fail(p, why.apply(p));
            }
        }
    }

    private void completeLater(Runnable r) {
        try {
            callbacks.execute(r);
        } catch (RejectedExecutionException e) {
            r.run();
        }
    }
}
