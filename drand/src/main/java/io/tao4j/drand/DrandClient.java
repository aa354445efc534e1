package io.tao4j.drand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.bls.DrandBls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * drand HTTP v2 client over a list of relays with failover. Every signature is verified against the
 * configured chain public key before it is returned or cached; a relay whose {@code /info} disagrees with
 * the configured chain (public key, chain hash, period, genesis, scheme) is refused for the life of the
 * client. HTTP 425 ("Requested future beacon") means "not yet", not a relay failure.
 */
public final class DrandClient {
    private static final Logger LOG = LoggerFactory.getLogger(DrandClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** MANTIS's relay ({@code config.DRAND_API}) first, then the other public drand relays. */
    public static final List<String> DEFAULT_RELAYS = List.of(
            "https://api.drand.sh/v2",
            "https://api2.drand.sh/v2",
            "https://api3.drand.sh/v2",
            "https://drand.cloudflare.com/v2");

    /** Client settings. {@code cacheDir} may be null (memory only). */
    public record Config(List<String> relays, ChainInfo chain, Duration connectTimeout, Duration requestTimeout,
                         int attemptsPerRelay, Duration retryDelay, Path cacheDir) {
        public Config {
            if (relays == null || relays.isEmpty()) {
                throw new IllegalArgumentException("at least one drand relay URL is required");
            }
            relays = List.copyOf(relays);
            if (attemptsPerRelay < 1) {
                throw new IllegalArgumentException("attemptsPerRelay must be at least 1");
            }
        }

        /** Quicknet over the default relays, 5 s connect / 10 s request timeouts, 2 attempts per relay. */
        public static Config defaults(Path cacheDir) {
            return new Config(DEFAULT_RELAYS, ChainInfo.QUICKNET, Duration.ofSeconds(5), Duration.ofSeconds(10), 2,
                    Duration.ofMillis(500), cacheDir);
        }

        public Config withRelays(List<String> r) {
            return new Config(r, chain, connectTimeout, requestTimeout, attemptsPerRelay, retryDelay, cacheDir);
        }

        public Config withChain(ChainInfo c) {
            return new Config(relays, c, connectTimeout, requestTimeout, attemptsPerRelay, retryDelay, cacheDir);
        }
    }

    private enum RelayState { UNCHECKED, GOOD, REFUSED }

    private final Config config;
    private final HttpClient http;
    private final SignatureCache cache;
    private final Map<String, RelayState> relayState = new ConcurrentHashMap<>();
    private final Map<Long, Beacon> memory = new ConcurrentHashMap<>();
    /** Index of the relay that last served a verified beacon; tried first next time. */
    private final java.util.concurrent.atomic.AtomicInteger preferred = new java.util.concurrent.atomic.AtomicInteger();

    public DrandClient(Config config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.cache = config.cacheDir() == null ? null : new SignatureCache(config.cacheDir(), config.chain());
    }

    public ChainInfo chain() {
        return config.chain();
    }

    /**
     * The verified beacon of {@code round}: from the cache, else from the first relay that serves a
     * signature that verifies.
     *
     * @throws DrandException NOT_YET_AVAILABLE if the relays say the round is in the future (425), or
     *     UNAVAILABLE if no relay gave a verified beacon
     */
    public Beacon beacon(long round) throws DrandException {
        if (round < 1) {
            throw new IllegalArgumentException("drand rounds start at 1, got " + round);
        }
        Beacon m = memory.get(round);
        if (m != null) {
            return m;
        }
        if (cache != null) {
            Optional<Beacon> c = cache.get(round);
            if (c.isPresent()) {
                memory.put(round, c.get());
                return c.get();
            }
        }
        Beacon b = fetch("/rounds/" + round, round);
        remember(b);
        return b;
    }

    /** {@link #beacon} that maps "not yet" and "unavailable" to empty. */
    public Optional<Beacon> tryBeacon(long round) {
        try {
            return Optional.of(beacon(round));
        } catch (DrandException e) {
            LOG.debug("drand round {}: {}", round, e.getMessage());
            return Optional.empty();
        }
    }

    /** The latest beacon any relay serves (verified). */
    public Beacon latest() throws DrandException {
        Beacon b = fetch("/rounds/latest", -1);
        remember(b);
        return b;
    }

    private void remember(Beacon b) {
        memory.put(b.round(), b);
        if (cache != null) {
            cache.put(b);
        }
    }

    private String beaconBase(String relay) {
        String r = relay.endsWith("/") ? relay.substring(0, relay.length() - 1) : relay;
        return r + "/beacons/" + config.chain().beaconId();
    }

    private Beacon fetch(String path, long expectRound) throws DrandException {
        List<String> problems = new ArrayList<>();
        boolean notYet = false;
        List<String> all = config.relays();
        int start = preferred.get();
        for (int k = 0; k < all.size(); k++) {
            int index = (start + k) % all.size();
            String relay = all.get(index);
            if (!relayUsable(relay, problems)) {
                continue;
            }
            for (int attempt = 1; attempt <= config.attemptsPerRelay(); attempt++) {
                Outcome o = fetchOnce(relay, path, expectRound);
                if (o.beacon != null) {
                    preferred.set(index);
                    return o.beacon;
                }
                if (o.notYet) {
                    notYet = true;
                    break;
                }
                problems.add(relay + ": " + o.problem);
                if (!o.retryable) {
                    break;
                }
                if (attempt < config.attemptsPerRelay()) {
                    sleep(config.retryDelay());
                }
            }
        }
        if (notYet) {
            throw new DrandException(DrandException.Reason.NOT_YET_AVAILABLE,
                    "drand round " + expectRound + " is not available yet (future beacon)");
        }
        throw new DrandException(DrandException.Reason.UNAVAILABLE,
                "no drand relay gave a verified beacon for " + (expectRound > 0 ? "round " + expectRound : "latest")
                        + ": " + String.join("; ", problems));
    }

    private record Outcome(Beacon beacon, boolean notYet, boolean retryable, String problem) {
        static Outcome fail(boolean retryable, String problem) {
            return new Outcome(null, false, retryable, problem);
        }
    }

    private Outcome fetchOnce(String relay, String path, long expectRound) {
        HttpResponse<String> resp;
        try {
            resp = get(beaconBase(relay) + path);
        } catch (IOException e) {
            return Outcome.fail(true, "request failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.fail(false, "interrupted");
        } catch (IllegalArgumentException e) {
            return Outcome.fail(false, "bad relay URL: " + e.getMessage());
        }
        int status = resp.statusCode();
        if (status == 425) {
            return new Outcome(null, true, false, "future beacon");
        }
        if (status != 200) {
            return Outcome.fail(status >= 500 || status == 429, "HTTP " + status);
        }
        long round;
        byte[] sig;
        try {
            JsonNode n = JSON.readTree(resp.body());
            JsonNode r = n.get("round");
            JsonNode s = n.get("signature");
            if (r == null || !r.canConvertToLong() || s == null || !s.isTextual()) {
                return Outcome.fail(false, "response lacks round/signature");
            }
            round = r.asLong();
            sig = Hex.decode(s.asText());
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.fail(false, "unparseable response: " + e.getMessage());
        }
        if (expectRound > 0 && round != expectRound) {
            return Outcome.fail(false, "asked for round " + expectRound + " but got " + round);
        }
        if (!DrandBls.verify(config.chain().publicKeyPoint(), round, sig)) {
            LOG.warn("drand relay {} served a signature for round {} that does not verify; trying the next relay",
                    relay, round);
            return Outcome.fail(false, "signature for round " + round + " does not verify");
        }
        return new Outcome(new Beacon(round, sig), false, false, null);
    }

    private boolean relayUsable(String relay, List<String> problems) {
        RelayState st = relayState.getOrDefault(relay, RelayState.UNCHECKED);
        if (st == RelayState.GOOD) {
            return true;
        }
        if (st == RelayState.REFUSED) {
            problems.add(relay + ": refused (chain info disagrees with the configured chain)");
            return false;
        }
        try {
            HttpResponse<String> resp = get(beaconBase(relay) + "/info");
            if (resp.statusCode() != 200) {
                problems.add(relay + ": /info HTTP " + resp.statusCode());
                return false;
            }
            String why = disagreement(JSON.readTree(resp.body()));
            if (why != null) {
                LOG.warn("refusing drand relay {}: {}", relay, why);
                relayState.put(relay, RelayState.REFUSED);
                problems.add(relay + ": refused (" + why + ")");
                return false;
            }
            relayState.put(relay, RelayState.GOOD);
            return true;
        } catch (IOException | RuntimeException e) {
            problems.add(relay + ": /info failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(relay + ": interrupted");
            return false;
        }
    }

    /** Null if the relay's /info matches the configured chain, else what differs. */
    String disagreement(JsonNode info) {
        ChainInfo c = config.chain();
        byte[] pk = hexField(info, "public_key");
        if (pk == null || !Arrays.equals(pk, c.publicKey())) {
            return "public key differs";
        }
        byte[] hash = hexField(info, "chain_hash");
        if (c.chainHash().length > 0 && (hash == null || !Arrays.equals(hash, c.chainHash()))) {
            return "chain hash differs";
        }
        if (info.path("period").asLong(-1) != c.periodSeconds()) {
            return "period differs";
        }
        if (info.path("genesis_time").asLong(-1) != c.genesisTime()) {
            return "genesis time differs";
        }
        if (info.has("scheme") && !c.scheme().equals(info.get("scheme").asText())) {
            return "scheme differs";
        }
        return null;
    }

    private static byte[] hexField(JsonNode n, String name) {
        JsonNode f = n.get(name);
        if (f == null || !f.isTextual()) {
            return null;
        }
        try {
            return Hex.decode(f.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(config.requestTimeout())
                .header("Accept", "application/json").GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
