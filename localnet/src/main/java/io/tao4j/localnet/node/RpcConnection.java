package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.tao4j.localnet.node.RpcServer.JSON;
import static io.tao4j.localnet.node.RpcServer.log;

/**
 * One WebSocket connection of the {@link RpcServer} (Jetty requires the endpoint class to be public).
 *
 * <p>Every message to the client — responses and notifications alike, in order — goes through a send queue of
 * this connection with one frame in flight at a time; whoever produces a message (the block-producing thread for
 * notifications) only appends to the queue and never waits for the network. When the bytes waiting exceed
 * {@link RpcServer.Limits#maxQueuedBytesPerConnection()} the client is not reading: the queue is discarded, its
 * subscriptions are cancelled, the drop is logged, and the connection is closed with
 * {@link #CLOSE_SLOW_CONSUMER} (1008, "policy violation") and reason {@code "slow consumer: …"}; if the client
 * does not take the close frame within {@link RpcServer.Limits#closeGrace()} the connection is cut.
 */
public final class RpcConnection implements Session.Listener.AutoDemanding, RpcServer.Client {
    /** The close code of a client dropped for not reading (RFC 6455 1008, policy violation). */
    public static final int CLOSE_SLOW_CONSUMER = 1008;

    private final RpcServer rpc;
    private final Map<String, Runnable> subs = new ConcurrentHashMap<>();
    private final List<Runnable> afterResponse = new ArrayList<>();
    private volatile Session session;

    private final Object lock = new Object();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean inFlight;
    private boolean pumping;
    private boolean dropped;

    public RpcConnection(RpcServer rpc) {
        this.rpc = rpc;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        send(rpc.handle(message, this));
        List<Runnable> todo = new ArrayList<>(afterResponse);
        afterResponse.clear();
        todo.forEach(Runnable::run);
    }

    @Override
    public void later(Runnable action) {
        afterResponse.add(action);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        cancelSubscriptions();
        synchronized (lock) {
            queue.clear();
            queuedBytes = 0;
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        onWebSocketClose(1011, cause.toString());
    }

    @Override
    public boolean canSubscribe() {
        return true;
    }

    @Override
    public Map<String, Runnable> subscriptions() {
        return subs;
    }

    @Override
    public void notify(String method, String subscription, JsonNode result) {
        if (subscription != null && !subs.containsKey(subscription)) {
            return;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("jsonrpc", "2.0");
        n.put("method", method);
        ObjectNode params = n.putObject("params");
        params.put("subscription", subscription);
        params.set("result", result);
        send(n.toString());
    }

    /** Bytes waiting to be sent (not counting the frame in flight). */
    long queuedBytes() {
        synchronized (lock) {
            return queuedBytes;
        }
    }

    private void cancelSubscriptions() {
        List<Runnable> cancels = new ArrayList<>(subs.values());
        subs.clear();
        cancels.forEach(Runnable::run);
    }

    /** Appends {@code text} to the send queue; never blocks. */
    private void send(String text) {
        long limit = rpc.limits().maxQueuedBytesPerConnection();
        long waiting;
        synchronized (lock) {
            if (dropped) {
                return;
            }
            if (queuedBytes + text.length() <= limit) {
                queue.add(text);
                queuedBytes += text.length();
                waiting = -1;
            } else {
                dropped = true;
                waiting = queuedBytes;
                queue.clear();
                queuedBytes = 0;
            }
        }
        if (waiting >= 0) {
            drop(waiting, limit);
        } else {
            pump();
        }
    }

    /** Sends queued frames one at a time; a frame completing on this thread continues the loop (no recursion). */
    private void pump() {
        while (true) {
            String next;
            synchronized (lock) {
                if (pumping || inFlight || queue.isEmpty() || dropped) {
                    return;
                }
                next = queue.poll();
                queuedBytes -= next.length();
                inFlight = true;
                pumping = true;
            }
            Session s = session;
            if (s == null || !s.isOpen()) {
                synchronized (lock) {
                    inFlight = false;
                    pumping = false;
                    queue.clear();
                    queuedBytes = 0;
                }
                return;
            }
            s.sendText(next, Callback.from(this::sent, this::failed));
            synchronized (lock) {
                pumping = false;
            }
        }
    }

    private void sent() {
        synchronized (lock) {
            inFlight = false;
            if (pumping) {
                return; // the loop in pump() on this thread picks up the next frame
            }
        }
        pump();
    }

    private void failed(Throwable t) {
        log.debug("rpc: could not send to a WebSocket client: {}", t.toString());
        synchronized (lock) {
            inFlight = false;
            queue.clear();
            queuedBytes = 0;
        }
    }

    private void drop(long waiting, long limit) {
        rpc.countSlowConsumerDropped();
        Session s = session;
        log.warn("rpc: dropping WebSocket client {}: {} bytes of responses and notifications wait for it (limit {}); "
                        + "closing with code {} after cancelling its {} subscription(s)",
                s == null ? "?" : s.getRemoteSocketAddress(), waiting, limit, CLOSE_SLOW_CONSUMER, subs.size());
        cancelSubscriptions();
        if (s == null) {
            return;
        }
        s.close(CLOSE_SLOW_CONSUMER, "slow consumer: send queue over " + limit + " bytes", Callback.NOOP);
        long graceMs = rpc.limits().closeGrace().toMillis();
        try {
            rpc.timers().schedule(() -> {
                if (s.isOpen()) {
                    log.info("rpc: the dropped client {} did not take the close frame in {} ms: cutting the connection",
                            s.getRemoteSocketAddress(), graceMs);
                    s.disconnect();
                }
            }, graceMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            s.disconnect(); // the server is closing
        }
    }
}
