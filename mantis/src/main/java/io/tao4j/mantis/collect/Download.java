package io.tao4j.mantis.collect;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One payload download of a {@link PayloadCollector}: the HTTP exchange, its body buffer and its share of
 * the in-flight byte bound. The first of completion, failure, timeout and {@link #abort} decides the result;
 * an abort closes the connection (the body subscription is cancelled, or the exchange before the headers
 * came) and gives the buffer back.
 */
final class Download {
    private final PayloadCollector owner;
    private final String hotkey;
    private final String url;
    final CompletableFuture<PayloadCollector.Result> result = new CompletableFuture<>();

    // guarded by this
    private boolean done;
    private long reserved;
    private Flow.Subscription subscription;
    private CompletableFuture<HttpResponse<Void>> exchange;
    private ScheduledFuture<?> timeout;
    private long declared = -1;
    private byte[] buf;
    private int pos;
    private List<byte[]> pieces;
    private long received;

    Download(PayloadCollector owner, String hotkey, String url) {
        this.owner = owner;
        this.hotkey = hotkey;
        this.url = url;
    }

    void start() {
        owner.countStarted();
        long ms = owner.limits().downloadTimeout().toMillis();
        ScheduledFuture<?> t = owner.timer().schedule(() -> abort("download timed out"), ms, TimeUnit.MILLISECONDS);
        CompletableFuture<HttpResponse<Void>> ex;
        try {
            ex = owner.http().sendAsync(owner.request(url), owner.bodyHandler(this));
        } catch (RuntimeException e) {
            t.cancel(false);
            fail(e);
            return;
        }
        synchronized (this) {
            timeout = t;
            exchange = ex;
            if (done) {
                t.cancel(false);
                ex.cancel(true);
            }
        }
        ex.whenComplete((resp, err) -> {
            if (err != null) {
                fail(err);
            }
        });
    }

    /** Ends the download now as a timeout (no-op if it already ended); returns its result. */
    PayloadCollector.Result abort(String why) {
        Flow.Subscription s;
        CompletableFuture<HttpResponse<Void>> ex;
        long free;
        synchronized (this) {
            if (!done) {
                s = subscription;
                ex = exchange;
                free = end();
            } else {
                s = null;
                ex = null;
                free = -1;
            }
        }
        if (free < 0) {
            // it ended already: its result is being completed, or it failed with an Error (collect rethrows that)
            try {
                return result.get(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // the placeholder below
            }
            return new PayloadCollector.Rejected(hotkey, Rejection.TIMEOUT, why);
        }
        owner.budget.release(free);
        owner.countAborted();
        if (s != null) {
            s.cancel(); // closes the connection: the rest of the body is never read
        }
        if (ex != null) {
            ex.cancel(true);
        }
        PayloadCollector.Rejected r = new PayloadCollector.Rejected(hotkey, Rejection.TIMEOUT, why);
        result.complete(r);
        return r;
    }

    HttpResponse.BodySubscriber<Void> subscriber(HttpResponse.ResponseInfo info) {
        long max = owner.limits().maxBytes();
        if (info.statusCode() / 100 != 2) {
            finish(new PayloadCollector.Rejected(hotkey, Rejection.HTTP_STATUS, "HTTP " + info.statusCode()));
            return discard();
        }
        long n = -1;
        var cl = info.headers().firstValue("Content-Length");
        if (cl.isPresent()) {
            try {
                n = Long.parseLong(cl.get().trim());
            } catch (NumberFormatException ignored) {
                // checked while reading instead
            }
        }
        if (n > max) {
            owner.countTooLarge();
            finish(new PayloadCollector.Rejected(hotkey, Rejection.TOO_LARGE, "declared size " + n + " bytes exceeds the limit of " + max));
            return discard();
        }
        long total = contentRangeTotal(info.headers().firstValue("Content-Range").orElse(null));
        if (total > max) {
            owner.countTooLarge();
            finish(new PayloadCollector.Rejected(hotkey, Rejection.TOO_LARGE, "object size " + total
                    + " bytes (Content-Range) exceeds the limit of " + max));
            return discard();
        }
        synchronized (this) {
            declared = n;
        }
        return new Body();
    }

    private static final java.util.regex.Pattern CONTENT_RANGE = java.util.regex.Pattern.compile("bytes [0-9]+-[0-9]+/([0-9]+)");

    /**
     * The object size a {@code Content-Range} header reports ({@code comms._object_size} at MANTIS HEAD:
     * {@code re.match(r"bytes \d+-\d+/(\d+)")}, so anything may follow), {@link Long#MAX_VALUE} for a size too
     * large for a long, -1 when absent or not of that form (e.g. {@code bytes 0-9/*}).
     */
    static long contentRangeTotal(String header) {
        if (header == null) {
            return -1;
        }
        java.util.regex.Matcher m = CONTENT_RANGE.matcher(header);
        if (!m.lookingAt()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Streams the body into one buffer of the declared size, or into pieces joined once at the end when no
     * size is declared.
     */
    private final class Body implements HttpResponse.BodySubscriber<Void> {
        private final CompletableFuture<Void> body = new CompletableFuture<>();

        @Override
        public CompletionStage<Void> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            long want;
            synchronized (Download.this) {
                subscription = s;
                if (done) {
                    s.cancel();
                    return;
                }
                // one reservation per download (no hold-and-wait between downloads): the declared length,
                // or the whole limit when none is declared (R2 always declares it)
                want = declared >= 0 ? declared : owner.limits().maxBytes();
            }
            reserveThen(want, () -> {
                synchronized (Download.this) {
                    if (declared >= 0) {
                        buf = new byte[(int) declared];
                    } else {
                        pieces = new ArrayList<>();
                    }
                }
                s.request(Long.MAX_VALUE);
            });
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            long max = owner.limits().maxBytes();
            long free = -1;
            synchronized (Download.this) {
                if (done) {
                    return;
                }
                for (ByteBuffer b : items) {
                    int n = b.remaining();
                    if (received + n > max || (declared >= 0 && pos + n > declared)) {
                        free = end();
                        break;
                    }
                    if (declared >= 0) {
                        b.get(buf, pos, n);
                        pos += n;
                    } else {
                        byte[] piece = new byte[n];
                        b.get(piece);
                        pieces.add(piece);
                    }
                    received += n;
                }
            }
            if (free >= 0) {
                owner.budget.release(free);
                owner.countTooLarge();
                subscription.cancel();
                complete(new PayloadCollector.Rejected(hotkey, Rejection.TOO_LARGE, "body exceeds the limit of " + max + " bytes"));
                return;
            }
        }

        @Override
        public void onError(Throwable t) {
            fail(t);
            body.complete(null);
        }

        @Override
        public void onComplete() {
            byte[] whole;
            try {
                synchronized (Download.this) {
                    if (done) {
                        return;
                    }
                    if (declared >= 0) {
                        if (pos != declared) {
                            whole = null;
                        } else {
                            whole = buf;
                        }
                    } else {
                        owner.budget.force(received);
                        reserved += received;
                        whole = new byte[(int) received];
                        int at = 0;
                        for (byte[] p : pieces) {
                            System.arraycopy(p, 0, whole, at, p.length);
                            at += p.length;
                        }
                        pieces = null;
                    }
                }
                finish(whole == null ? new PayloadCollector.Rejected(hotkey, Rejection.CONNECTION_FAILED, "body ended early")
                        : PayloadCollector.parse(hotkey, whole));
            } catch (Throwable t) {
                fail(t);
            } finally {
                body.complete(null);
            }
        }
    }

    /** Runs {@code then} once {@code bytes} are reserved; gives them back if the download ended meanwhile. */
    private void reserveThen(long bytes, Runnable then) {
        owner.budget.reserve(bytes).thenRun(() -> {
            boolean late;
            synchronized (this) {
                late = done;
                if (!late) {
                    reserved += bytes;
                }
            }
            if (late) {
                owner.budget.release(bytes);
                return;
            }
            try {
                then.run();
            } catch (Throwable t) {
                fail(t);
            }
        });
    }

    private void fail(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof Error err) {
            if (release()) {
                result.completeExceptionally(err);
            }
            return;
        }
        finish(PayloadCollector.failure(hotkey, c));
    }

    private void finish(PayloadCollector.Result r) {
        if (release()) {
            complete(r);
        }
    }

    /** Ends this download and gives its bytes back to the budget; false when it had already ended. */
    private boolean release() {
        long free;
        synchronized (this) {
            if (done) {
                return false;
            }
            free = end();
        }
        owner.budget.release(free);
        return true;
    }

    private void complete(PayloadCollector.Result r) {
        if (r instanceof PayloadCollector.Collected) {
            owner.countCollected();
        }
        result.complete(r);
    }

    /** Marks the download ended; caller holds the lock and releases the returned bytes after leaving it. */
    private long end() {
        done = true;
        long free = reserved;
        reserved = 0;
        buf = null;
        pieces = null;
        if (timeout != null) {
            timeout.cancel(false);
        }
        return free;
    }

    private static HttpResponse.BodySubscriber<Void> discard() {
        return new HttpResponse.BodySubscriber<>() {
            @Override
            public CompletionStage<Void> getBody() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        };
    }
}
