package io.tao4j.mantis.collect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A bound on body bytes being downloaded at once. {@link #reserve} completes when the bytes fit (first
 * come, first served); {@link #release} gives them back. A waiter that no longer wants its bytes
 * releases them when its reservation completes.
 */
final class ByteBudget {
    private final long capacity;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private long used;
    private long peak;
    private long waits;

    private record Waiter(long bytes, CompletableFuture<Void> granted) {
    }

    ByteBudget(long capacity) {
        this.capacity = capacity;
    }

    /** Completes once {@code bytes} (at most the capacity) are reserved. */
    CompletableFuture<Void> reserve(long bytes) {
        if (bytes > capacity) {
            throw new IllegalArgumentException("reservation of " + bytes + " bytes exceeds the bound of " + capacity);
        }
        synchronized (this) {
            if (waiters.isEmpty() && used + bytes <= capacity) {
                take(bytes);
                return CompletableFuture.completedFuture(null);
            }
            waits++;
            Waiter w = new Waiter(bytes, new CompletableFuture<>());
            waiters.add(w);
            return w.granted;
        }
    }

    /** Takes {@code bytes} now even beyond the bound (a body's last delivery, the join of a chunked body). */
    synchronized void force(long bytes) {
        take(bytes);
    }

    void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        List<CompletableFuture<Void>> wake = new ArrayList<>();
        synchronized (this) {
            used -= bytes;
            while (!waiters.isEmpty() && used + waiters.peek().bytes <= capacity) {
                Waiter w = waiters.poll();
                take(w.bytes);
                wake.add(w.granted);
            }
        }
        wake.forEach(f -> f.complete(null)); // outside the lock: the continuations start reading
    }

    private void take(long bytes) {
        used += bytes;
        peak = Math.max(peak, used);
    }

    synchronized long used() {
        return used;
    }

    synchronized long peak() {
        return peak;
    }

    synchronized long waits() {
        return waits;
    }
}
