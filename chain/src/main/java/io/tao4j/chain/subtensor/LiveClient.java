package io.tao4j.chain.subtensor;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.rpc.RpcClient;
import io.tao4j.chain.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connection every copy of a {@link Subtensor} shares: the transport (when the Subtensor owns it), the current
 * {@link OnlineClient}, and how runtime upgrades are followed.
 *
 * <p>Following upgrades: {@code state_subscribeRuntimeVersion} (the node sends the current version at once and again
 * after each upgrade; after a reconnect the WebSocket client subscribes again and the current version comes again).
 * When a notification names a different spec or transaction version, the metadata and version are read again in the
 * background, and a submission that starts before that finished waits for it. Where the transport has no
 * subscriptions (HTTP, or a test double without them), or the subscription ended, the fallback is the old cheap
 * check: one {@code state_getRuntimeVersion} before each submission.
 */
final class LiveClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Subtensor.class);

    private final RpcClient owned;
    private volatile OnlineClient client;
    private volatile RpcClient.Subscription subscription;
    private volatile boolean following;
    /** The newest version the node announced, not yet loaded when it differs from the client's. */
    private volatile RuntimeVersion announced;
    private final AtomicInteger reloads = new AtomicInteger();
    private volatile boolean closed;

    /** @param owned the transport to close with this, or null when the caller owns it */
    LiveClient(OnlineClient client, RpcClient owned) {
        this.client = client;
        this.owned = owned;
    }

    /** Starts following runtime upgrades by subscription; falls back to polling where that is not possible. */
    LiveClient follow() {
        try {
            subscription = client.rpc().subscribeRuntimeVersion(this::announced, this::subscriptionEnded);
            following = true;
        } catch (RpcException e) {
            following = false;
            log.debug("cannot subscribe to runtime upgrades ({}); checking the runtime version before each submission", e.getMessage());
        }
        return this;
    }

    OnlineClient client() {
        return client;
    }

    /** True while upgrades are followed by subscription (false: polled before each submission). */
    boolean followsBySubscription() {
        return following;
    }

    /** How many times the metadata was read again after an upgrade. */
    int reloads() {
        return reloads.get();
    }

    /** The client to sign and submit with: up to date with the newest runtime the node announced. */
    OnlineClient forSubmission() {
        if (!following) {
            refreshIfUpgraded();
            return client;
        }
        RuntimeVersion a = announced;
        if (a != null && !a.sameVersions(client.runtimeVersion())) {
            reload(a);
        }
        return client;
    }

    /** Polls {@code state_getRuntimeVersion} and reloads when it differs; true when it reloaded. */
    synchronized boolean refreshIfUpgraded() {
        RuntimeVersion now = client.rpc().stateGetRuntimeVersion();
        if (now.sameVersions(client.runtimeVersion())) {
            return false;
        }
        client = OnlineClient.connect(client.rpc().client());
        reloads.incrementAndGet();
        return true;
    }

    private void announced(RuntimeVersion v) {
        announced = v;
        if (!v.sameVersions(client.runtimeVersion()) && !closed) {
            log.info("runtime upgraded to spec {} (transaction version {}); reading the new metadata", v.specVersion(), v.transactionVersion());
            // not on the notification thread: the reload's own calls must not hold up other subscriptions
            CompletableFuture.runAsync(() -> {
                try {
                    reload(v);
                } catch (RuntimeException e) {
                    log.warn("reading the metadata after the runtime upgrade failed ({}); will retry before the next submission", e.getMessage());
                }
            });
        }
    }

    private synchronized void reload(RuntimeVersion v) {
        if (closed || v.sameVersions(client.runtimeVersion())) {
            return;
        }
        client = OnlineClient.connect(client.rpc().client());
        reloads.incrementAndGet();
    }

    private void subscriptionEnded(RpcException e) {
        following = false;
        log.warn("runtime upgrade subscription ended ({}); checking the runtime version before each submission", e.getMessage());
    }

    @Override
    public void close() {
        closed = true;
        RpcClient.Subscription s = subscription;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                log.debug("unsubscribing from runtime upgrades failed: {}", e.getMessage());
            }
        }
        if (owned != null) {
            owned.close();
        }
    }
}
