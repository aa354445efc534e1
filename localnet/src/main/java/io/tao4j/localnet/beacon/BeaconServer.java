package io.tao4j.localnet.beacon;

import io.tao4j.localnet.internal.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tao4j.crypto.Hex;
import io.tao4j.localnet.http.DeadlineExecutor;
import io.tao4j.localnet.http.JsonAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * Serves a {@link LocalBeacon} on the drand HTTP API v2, as the public relays do:
 * {@code GET /v2/beacons}, {@code /v2/beacons/<id>/info}, {@code /v2/beacons/<id>/rounds/<n>},
 * {@code /v2/beacons/<id>/rounds/latest} and the same under {@code /v2/chains/<chainhash>/…}.
 * A round that is not yet due is answered with HTTP 425 ("Requested future beacon"), as relays do.
 */
public final class BeaconServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BeaconServer.class);

    private final LocalBeacon beacon;
    private final Clock clock;
    private final HttpServer server;
    private final ObjectMapper json = Json.MAPPER;
    private final String chainHashHex;

    private final DeadlineExecutor executor;

    private BeaconServer(LocalBeacon beacon, Clock clock, HttpServer server, DeadlineExecutor.Limits limits) {
        this.beacon = beacon;
        this.clock = clock;
        this.server = server;
        this.chainHashHex = Hex.encode(beacon.chainHash());
        this.executor = new DeadlineExecutor("drand-beacon", limits);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public static BeaconServer start(LocalBeacon beacon, Clock clock, String host, int port) throws IOException {
        return start(beacon, clock, host, port, DeadlineExecutor.Limits.defaults());
    }

    /** Starts the server with the given threads and per-request deadline (see {@link DeadlineExecutor}). */
    public static BeaconServer start(LocalBeacon beacon, Clock clock, String host, int port, DeadlineExecutor.Limits limits)
            throws IOException {
        BeaconServer s = new BeaconServer(beacon, clock, HttpServer.create(new InetSocketAddress(host, port), 64), limits);
        s.server.start();
        log.info("drand beacon '{}' listening on http://{}:{}/v2 (public key {})", beacon.beaconId(), host, s.port(),
                Hex.encode(beacon.publicKey()));
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Base URL of the v2 API, as MANTIS configures relays (…/v2). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v2";
    }

    public LocalBeacon beacon() {
        return beacon;
    }

    /** The latest emitted round now. */
    public long currentRound() {
        return beacon.roundAt(clock.millis() / 1000);
    }

    /** The info document of {@code /info}. */
    public ObjectNode info() {
        ObjectNode n = json.createObjectNode();
        n.put("public_key", Hex.encode(beacon.publicKey()));
        n.put("period", beacon.period());
        n.put("genesis_time", beacon.genesisTime());
        n.put("genesis_seed", Hex.encode(beacon.genesisSeed()));
        n.put("chain_hash", chainHashHex);
        n.put("scheme", LocalBeacon.SCHEME);
        n.put("beacon_id", beacon.beaconId());
        return n;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("GET")) {
                JsonAnswer.send(ex, 405, "{\"error\":\"only GET is supported\"}");
                return;
            }
            if (path.equals("/v2/beacons") || path.equals("/v2/beacons/")) {
                JsonAnswer.send(ex, 200, "[\"" + beacon.beaconId() + "\"]");
                return;
            }
            String rest;
            String beaconPrefix = "/v2/beacons/" + beacon.beaconId() + "/";
            String chainPrefix = "/v2/chains/" + chainHashHex + "/";
            if (path.startsWith(beaconPrefix)) {
                rest = path.substring(beaconPrefix.length());
            } else if (path.startsWith(chainPrefix)) {
                rest = path.substring(chainPrefix.length());
            } else {
                JsonAnswer.send(ex, 404, "{\"error\":\"unknown beacon or chain\"}");
                return;
            }
            if (rest.equals("info")) {
                JsonAnswer.send(ex, 200, json.writeValueAsString(info()));
                return;
            }
            if (!rest.startsWith("rounds/")) {
                JsonAnswer.send(ex, 404, "{\"error\":\"not found\"}");
                return;
            }
            String r = rest.substring("rounds/".length());
            long current = currentRound();
            long round;
            if (r.equals("latest")) {
                round = current;
            } else if (r.equals("next")) {
                round = current + 1;
            } else {
                try {
                    round = Long.parseUnsignedLong(r);
                } catch (NumberFormatException e) {
                    JsonAnswer.send(ex, 400, "{\"error\":\"round must be a number\"}");
                    return;
                }
            }
            if (round < 1) {
                JsonAnswer.send(ex, 404, "{\"error\":\"no round yet\"}");
                return;
            }
            if (round > current) {
                JsonAnswer.send(ex, 425, "{\"error\":\"Requested future beacon\"}");
                return;
            }
            ObjectNode n = json.createObjectNode();
            n.put("round", round);
            n.put("signature", Hex.encode(beacon.signature(round)));
            JsonAnswer.send(ex, 200, json.writeValueAsString(n));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
