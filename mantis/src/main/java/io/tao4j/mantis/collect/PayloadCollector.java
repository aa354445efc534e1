package io.tao4j.mantis.collect;

import io.tao4j.mantis.payload.PayloadJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads the miners' committed payloads for one validator step: every URL is checked with
 * {@link CommitUrlRules}, then fetched concurrently with a connect timeout, a per-download timeout and a
 * size limit enforced both on the declared Content-Length and while the body streams in; the body must be a
 * v2 payload ({@link PayloadJson#checkEnvelope}, MANTIS {@code comms._is_v2_payload} over
 * {@code json.loads}). The whole step has a budget: downloads still running when it ends are aborted as
 * {@link Rejection#TIMEOUT}, so one slow or hostile miner cannot hold up the step.
 *
 * <p>Resources: at most {@code concurrency} downloads at once and at most {@code maxInFlightBytes} of body
 * buffers being filled (a download waits, without reading, until its declared length fits — or the whole size
 * limit, when it declares none). A body is streamed into one buffer of its declared size (or into pieces
 * joined once at the end when none is declared) and validated from that buffer without building a tree; {@link Collected#body()} is that buffer. A download that times out, whether on its own
 * timeout or the step's budget, is aborted: its connection is closed and its buffer released. An
 * {@link Error} (e.g. OutOfMemoryError) is never reported as a miner's failure: {@link #collect} aborts the
 * other downloads and rethrows it. {@link #stats()} counts what the limits did.
 */
public final class PayloadCollector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PayloadCollector.class);
    /** MANTIS {@code cycle.MAX_PAYLOAD_BYTES}: 25 MiB. */
    public static final long MAX_PAYLOAD_BYTES = PayloadJson.MAX_PAYLOAD_BYTES;
    /** Default bound on body bytes being downloaded at once: 256 MiB (ten 25 MiB payloads). */
    public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 256L * 1024 * 1024;

    /**
     * Limits of one collector.
     *
     * @param maxBytes         largest payload accepted (under 2 GiB: one array)
     * @param maxInFlightBytes body bytes being downloaded at once; at least {@code maxBytes}
     */
    public record Limits(int concurrency, Duration connectTimeout, Duration downloadTimeout, long maxBytes,
                         long maxInFlightBytes) {
        public Limits {
            if (concurrency < 1 || maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16 || maxInFlightBytes < maxBytes) {
                throw new IllegalArgumentException("collector limits: concurrency ≥ 1, 1 ≤ maxBytes < 2 GiB, "
                        + "maxInFlightBytes ≥ maxBytes");
            }
        }

        /** Limits with the in-flight byte bound {@code max(256 MiB, maxBytes)}. */
        public Limits(int concurrency, Duration connectTimeout, Duration downloadTimeout, long maxBytes) {
            this(concurrency, connectTimeout, downloadTimeout, maxBytes, Math.max(DEFAULT_MAX_IN_FLIGHT_BYTES, maxBytes));
        }

        public static Limits defaults() {
            return new Limits(32, Duration.ofSeconds(5), Duration.ofSeconds(30), MAX_PAYLOAD_BYTES, DEFAULT_MAX_IN_FLIGHT_BYTES);
        }
    }

    /** The outcome for one hotkey. */
    public sealed interface Result permits Collected, Rejected {
        String hotkey();
    }

    /**
     * A payload that passed every check: {@code body} is the downloaded bytes, unchanged (not copied: do not
     * modify). They go to the ledger and the opener as they are.
     */
    public record Collected(String hotkey, byte[] body) implements Result {
        public int size() {
            return body.length;
        }

        @Override
        public String toString() {
            return "Collected[" + hotkey + ", " + body.length + " bytes]";
        }
    }

    /** A payload that was not collected, with the reason and a short detail. */
    public record Rejected(String hotkey, Rejection reason, String detail) implements Result {
    }

    /**
     * Counters since the collector was made (for a metrics layer): downloads started, collected, aborted at a
     * timeout (connection closed), rejected as too large, times a download waited for the in-flight byte bound,
     * body bytes in flight now and at most, and Errors rethrown.
     */
    public record Stats(long started, long collected, long abortedOnTimeout, long tooLarge, long memoryWaits,
                        long inFlightBytes, long peakInFlightBytes, long errors) {
    }

    private final CommitUrlRules rules;
    private final Limits limits;
    private final HttpClient http;
    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService timer;
    final ByteBudget budget;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong collected = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();
    private final AtomicLong tooLarge = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    public PayloadCollector(CommitUrlRules rules, Limits limits) {
        this.rules = rules;
        this.limits = limits;
        this.budget = new ByteBudget(limits.maxInFlightBytes());
        this.httpExecutor = Executors.newFixedThreadPool(Math.max(2, Math.min(limits.concurrency(), 8)), r -> {
            Thread t = new Thread(r, "mantis-collect");
            t.setDaemon(true);
            return t;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mantis-collect-timer");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
    }

    public Limits limits() {
        return limits;
    }

    public Stats stats() {
        return new Stats(started.get(), collected.get(), aborted.get(), tooLarge.get(), budget.waits(),
                budget.used(), budget.peak(), errors.get());
    }

    /**
     * Collects the payloads of {@code commitments} (hotkey → committed URL, null when none) within
     * {@code budget}; the result has one entry per hotkey, in the input's order.
     *
     * @throws Error an Error raised by a download (after every other download was aborted)
     */
    public Map<String, Result> collect(Map<String, String> commitments, Duration budget) {
        Stats before = stats();
        Map<String, Result> out = collectAll(commitments, budget);
        Stats after = stats();
        long aborts = after.abortedOnTimeout() - before.abortedOnTimeout();
        long waits = after.memoryWaits() - before.memoryWaits();
        long large = after.tooLarge() - before.tooLarge();
        if (aborts > 0 || waits > 0 || large > 0) {
            log.info("collection limits: {} downloads aborted at a timeout (connections closed), {} over the {}-byte size limit, "
                    + "{} waited for the {}-byte in-flight bound (peak so far {} bytes)", aborts, large, limits.maxBytes(),
                    waits, limits.maxInFlightBytes(), after.peakInFlightBytes());
        }
        return out;
    }

    private Map<String, Result> collectAll(Map<String, String> commitments, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        Map<String, Object> running = new LinkedHashMap<>(); // Result or Download
        List<Download> downloads = new ArrayList<>();
        Semaphore slots = new Semaphore(limits.concurrency());
        try {
            for (Map.Entry<String, String> e : commitments.entrySet()) {
                String hotkey = e.getKey();
                Optional<Rejection> bad = rules.check(e.getValue(), hotkey);
                if (bad.isPresent()) {
                    running.put(hotkey, new Rejected(hotkey, bad.get(), describe(bad.get(), e.getValue())));
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    running.put(hotkey, new Rejected(hotkey, Rejection.TIMEOUT, "step budget spent before the download started"));
                    continue;
                }
                Download d = new Download(this, hotkey, e.getValue().strip());
                d.result.whenComplete((r, t) -> slots.release());
                downloads.add(d);
                running.put(hotkey, d);
                d.start();
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        Map<String, Result> out = new LinkedHashMap<>();
        Error error = null;
        for (Map.Entry<String, Object> e : running.entrySet()) {
            if (e.getValue() instanceof Result r) {
                out.put(e.getKey(), r);
                continue;
            }
            Download d = (Download) e.getValue();
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                out.put(e.getKey(), error != null ? d.abort("another download failed") : d.result.get(left, TimeUnit.NANOSECONDS));
            } catch (TimeoutException te) {
                out.put(e.getKey(), d.abort("not finished within the step budget"));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                out.put(e.getKey(), d.abort("interrupted"));
            } catch (ExecutionException ee) {
                Throwable c = ee.getCause();
                if (c instanceof Error err) {
                    error = err;
                    out.put(e.getKey(), new Rejected(e.getKey(), Rejection.TIMEOUT, "aborted"));
                } else {
                    out.put(e.getKey(), failure(e.getKey(), c));
                }
            }
        }
        for (Map.Entry<String, String> e : commitments.entrySet()) {
            out.putIfAbsent(e.getKey(), new Rejected(e.getKey(), Rejection.TIMEOUT, "interrupted"));
        }
        if (error != null) {
            for (Download d : downloads) {
                d.abort("another download failed");
            }
            errors.incrementAndGet();
            log.error("payload collection failed with {} (in-flight bound {} bytes, concurrency {})",
                    error.toString(), limits.maxInFlightBytes(), limits.concurrency());
            throw error;
        }
        return out;
    }

    /** Maps a download failure to a rejection; an {@link Error} is thrown, never reported as a miner's fault. */
    static Result failure(String hotkey, Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t instanceof TooLarge tl) {
            return new Rejected(hotkey, Rejection.TOO_LARGE, tl.getMessage());
        }
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
            return new Rejected(hotkey, Rejection.TIMEOUT, "download timed out");
        }
        if (t instanceof ConnectException) {
            return new Rejected(hotkey, Rejection.CONNECTION_FAILED, "connection refused");
        }
        return new Rejected(hotkey, Rejection.CONNECTION_FAILED, t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + abbreviate(t.getMessage())));
    }

    /** Checks downloaded bytes as a v2 payload; the result keeps the bytes as they are. */
    static Result parse(String hotkey, byte[] body) {
        try {
            PayloadJson.checkEnvelope(body, 0, body.length);
        } catch (PayloadJson.Refused r) {
            Rejection why = switch (r.problem()) {
                case NOT_UTF8 -> Rejection.NOT_UTF8;
                case NOT_JSON -> Rejection.NOT_JSON;
                case TRAILING_DATA -> Rejection.TRAILING_DATA;
                case NOT_OBJECT, NOT_V2 -> Rejection.NOT_V2;
            };
            return new Rejected(hotkey, why, r.detail());
        }
        return new Collected(hotkey, body);
    }

    private static String describe(Rejection r, String url) {
        return switch (r) {
            case NO_COMMITMENT -> "no commitment";
            default -> r.name().toLowerCase().replace('_', ' ') + ": " + abbreviate(url);
        };
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 120 ? s : s.substring(0, 117) + "…";
    }

    /** Raised inside a download when the object exceeds the limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    // package-private plumbing for Download
    HttpClient http() {
        return http;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    void countStarted() {
        started.incrementAndGet();
    }

    void countCollected() {
        collected.incrementAndGet();
    }

    void countAborted() {
        aborted.incrementAndGet();
    }

    void countTooLarge() {
        tooLarge.incrementAndGet();
    }

    HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(limits.downloadTimeout())
                .header("Accept-Encoding", "identity")
                .GET().build();
    }

    HttpResponse.BodyHandler<Void> bodyHandler(Download d) {
        return info -> d.subscriber(info);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        httpExecutor.shutdownNow();
    }
}
