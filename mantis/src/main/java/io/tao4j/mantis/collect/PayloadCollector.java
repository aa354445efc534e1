package io.tao4j.mantis.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads the miners' committed payloads for one validator step: every URL is checked with
 * {@link CommitUrlRules}, then fetched concurrently (at most {@code concurrency} at once) with a
 * connect timeout, a per-download timeout and a size limit enforced both on the declared
 * Content-Length and while the body streams in; the body must be a v2 payload object (MANTIS
 * {@code comms._is_v2_payload}). The whole step has a budget: downloads still running when it ends
 * are abandoned as {@link Rejection#TIMEOUT}, so one slow or hostile miner cannot hold up the step.
 */
public final class PayloadCollector implements AutoCloseable {
    /** MANTIS {@code cycle.MAX_PAYLOAD_BYTES}: 25 MiB. */
    public static final long MAX_PAYLOAD_BYTES = 25L * 1024 * 1024;
    private static final Set<String> V2_FIELDS = Set.of("v", "round", "hk", "owner_pk", "C", "W_owner", "W_time", "binding", "alg");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Limits of one collector. */
    public record Limits(int concurrency, Duration connectTimeout, Duration downloadTimeout, long maxBytes) {
        public static Limits defaults() {
            return new Limits(32, Duration.ofSeconds(5), Duration.ofSeconds(30), MAX_PAYLOAD_BYTES);
        }
    }

    /** The outcome for one hotkey. */
    public sealed interface Result permits Collected, Rejected {
        String hotkey();
    }

    /** A payload that passed every check; {@code bytes} is its size. */
    public record Collected(String hotkey, JsonNode payload, int bytes) implements Result {
    }

    /** A payload that was not collected, with the reason and a short detail. */
    public record Rejected(String hotkey, Rejection reason, String detail) implements Result {
    }

    private final CommitUrlRules rules;
    private final Limits limits;
    private final HttpClient http;

    public PayloadCollector(CommitUrlRules rules, Limits limits) {
        this.rules = rules;
        this.limits = limits;
        this.http = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newFixedThreadPool(Math.max(2, Math.min(limits.concurrency(), 8)), r -> {
                    Thread t = new Thread(r, "mantis-collect");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    /**
     * Collects the payloads of {@code commitments} (hotkey → committed URL, null when none) within
     * {@code budget}; the result has one entry per hotkey, in the input's order.
     */
    public Map<String, Result> collect(Map<String, String> commitments, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        Map<String, CompletableFuture<Result>> running = new LinkedHashMap<>();
        Semaphore slots = new Semaphore(limits.concurrency());
        for (Map.Entry<String, String> e : commitments.entrySet()) {
            String hotkey = e.getKey();
            Optional<Rejection> bad = rules.check(e.getValue(), hotkey);
            if (bad.isPresent()) {
                running.put(hotkey, CompletableFuture.completedFuture(new Rejected(hotkey, bad.get(), describe(bad.get(), e.getValue()))));
                continue;
            }
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    running.put(hotkey, CompletableFuture.completedFuture(new Rejected(hotkey, Rejection.TIMEOUT, "step budget spent before the download started")));
                    continue;
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
            CompletableFuture<Result> f = fetch(hotkey, e.getValue().strip());
            f.whenComplete((r, t) -> slots.release());
            running.put(hotkey, f);
        }
        Map<String, Result> out = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Result>> e : running.entrySet()) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                out.put(e.getKey(), e.getValue().get(left, TimeUnit.NANOSECONDS));
            } catch (TimeoutException te) {
                e.getValue().cancel(true);
                out.put(e.getKey(), new Rejected(e.getKey(), Rejection.TIMEOUT, "not finished within the step budget"));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                out.put(e.getKey(), new Rejected(e.getKey(), Rejection.TIMEOUT, "interrupted"));
            } catch (ExecutionException ee) {
                out.put(e.getKey(), failure(e.getKey(), ee.getCause()));
            }
        }
        return out;
    }

    private CompletableFuture<Result> fetch(String hotkey, String url) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .timeout(limits.downloadTimeout())
                .header("Accept-Encoding", "identity")
                .GET().build();
        return http.sendAsync(req, info -> limitedBody(info, limits.maxBytes()))
                .orTimeout(limits.downloadTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((resp, err) -> {
                    if (err != null) {
                        return failure(hotkey, err);
                    }
                    if (resp.statusCode() / 100 != 2) {
                        return new Rejected(hotkey, Rejection.HTTP_STATUS, "HTTP " + resp.statusCode());
                    }
                    return parse(hotkey, resp.body());
                });
    }

    /** Checks the v2 shape exactly as {@code comms._is_v2_payload}: object, v == 2, integer round, all fields. */
    static Result parse(String hotkey, byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new Rejected(hotkey, Rejection.NOT_JSON, "body is not UTF-8");
        }
        JsonNode d;
        try {
            d = JSON.readTree(text);
        } catch (Exception e) {
            return new Rejected(hotkey, Rejection.NOT_JSON, "body is not JSON");
        }
        if (d == null || !d.isObject()) {
            return new Rejected(hotkey, Rejection.NOT_V2, "not a JSON object");
        }
        JsonNode v = d.get("v");
        // Python: d.get("v") == 2 holds for 2 and 2.0; isinstance(round, int) also holds for booleans
        boolean vIs2 = v != null && v.isNumber() && v.asDouble() == 2.0;
        JsonNode round = d.get("round");
        boolean roundInt = round != null && (round.isIntegralNumber() || round.isBoolean());
        if (!vIs2 || !roundInt) {
            return new Rejected(hotkey, Rejection.NOT_V2, !vIs2 ? "v is not 2" : "round is not an integer");
        }
        for (String f : V2_FIELDS) {
            if (!d.has(f)) {
                return new Rejected(hotkey, Rejection.NOT_V2, "missing field '" + f + "'");
            }
        }
        return new Collected(hotkey, d, body.length);
    }

    private static Result failure(String hotkey, Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
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
        return new Rejected(hotkey, Rejection.CONNECTION_FAILED, t.getClass().getSimpleName());
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

    /** Thrown inside the body subscriber when the object exceeds the limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** A body subscriber that refuses a declared length over the limit and stops reading past it. */
    private static HttpResponse.BodySubscriber<byte[]> limitedBody(HttpResponse.ResponseInfo info, long max) {
        Optional<String> declared = info.headers().firstValue("Content-Length");
        if (declared.isPresent()) {
            try {
                long n = Long.parseLong(declared.get().trim());
                if (n > max) {
                    return failing(new TooLarge("declared size " + n + " bytes exceeds the limit of " + max));
                }
            } catch (NumberFormatException ignored) {
                // checked while reading instead
            }
        }
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<byte[]> result = new CompletableFuture<>();
            private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
            private Flow.Subscription sub;

            @Override
            public CompletionStage<byte[]> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                sub = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                for (ByteBuffer b : items) {
                    if (buf.size() + (long) b.remaining() > max) {
                        sub.cancel();
                        result.completeExceptionally(new TooLarge("body exceeds the limit of " + max + " bytes"));
                        return;
                    }
                    byte[] chunk = new byte[b.remaining()];
                    b.get(chunk);
                    buf.writeBytes(chunk);
                }
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                result.complete(buf.toByteArray());
            }
        };
    }

    private static HttpResponse.BodySubscriber<byte[]> failing(RuntimeException e) {
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<byte[]> result = CompletableFuture.failedFuture(e);

            @Override
            public CompletionStage<byte[]> getBody() {
                return result;
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

    @Override
    public void close() {
        http.executor().ifPresent(ex -> ((java.util.concurrent.ExecutorService) ex).shutdownNow());
    }
}
