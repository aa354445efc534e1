package io.tao4j.drand;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tao4j.crypto.Hex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrandClientTest {

    /** An HTTP relay on 127.0.0.1 serving the real quicknet beacons of the fixture. */
    static final class Relay {
        final HttpServer server;
        final TreeMap<Long, String> beacons = new TreeMap<>();
        final AtomicInteger roundRequests = new AtomicInteger();
        volatile boolean corruptSignatures;
        volatile String publicKeyHex = Hex.encode(ChainInfo.QUICKNET.publicKey());

        Relay() throws IOException {
            for (JsonNode b : Fixtures.vector("drand_quicknet_beacons.json").get("beacons")) {
                beacons.put(b.get("round").asLong(), b.get("signature").asText());
            }
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v2/beacons/quicknet/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2";
        }

        void handle(HttpExchange ex) throws IOException {
            String path = ex.getRequestURI().getPath().substring("/v2/beacons/quicknet/".length());
            if (path.equals("info")) {
                send(ex, 200, "{\"public_key\":\"" + publicKeyHex + "\",\"period\":3,\"genesis_time\":1692803367,"
                        + "\"genesis_seed\":\"f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e\","
                        + "\"chain_hash\":\"52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971\","
                        + "\"scheme\":\"bls-unchained-g1-rfc9380\",\"beacon_id\":\"quicknet\"}");
                return;
            }
            if (!path.startsWith("rounds/")) {
                send(ex, 404, "not found");
                return;
            }
            roundRequests.incrementAndGet();
            String which = path.substring("rounds/".length());
            long round = which.equals("latest") ? beacons.lastKey() : Long.parseLong(which);
            if (round > beacons.lastKey()) {
                send(ex, 425, "Requested future beacon");
                return;
            }
            String sig = beacons.get(round);
            if (sig == null) {
                send(ex, 404, "unknown round in this test relay");
                return;
            }
            if (corruptSignatures) {
                byte[] s = Hex.decode(sig);
                s[47] ^= 1;
                sig = Hex.encode(s);
            }
            send(ex, 200, "{\"round\":" + round + ",\"signature\":\"" + sig + "\"}");
        }

        static void send(HttpExchange ex, int status, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        }

        void stop() {
            stopInBackground(server);
        }
    }

    final List<Relay> started = new ArrayList<>();

    Relay relay() throws IOException {
        Relay r = new Relay();
        started.add(r);
        return r;
    }

    @AfterEach
    void stopAll() {
        started.forEach(Relay::stop);
    }

    /** JDK 17's HttpServer.stop waits for its dispatcher; the test need not. */
    static void stopInBackground(HttpServer s) {
        Thread t = new Thread(() -> s.stop(0), "relay-stop");
        t.setDaemon(true);
        t.start();
    }

    static DrandClient client(Path cache, String... relays) {
        return new DrandClient(new DrandClient.Config(List.of(relays), ChainInfo.QUICKNET, Duration.ofSeconds(2),
                Duration.ofSeconds(3), 2, Duration.ofMillis(10), cache));
    }

    static String deadRelayUrl() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return "http://127.0.0.1:" + port + "/v2";
    }

    @Test
    void failsOverWhenTheFirstRelayIsDown() throws Exception {
        Relay good = relay();
        Relay later = relay();
        DrandClient c = client(null, deadRelayUrl(), good.url(), later.url());
        Beacon b = c.beacon(1000);
        assertThat(b.signatureHex()).isEqualTo(Fixtures.SIG_1000);
        assertThat(good.roundRequests.get()).isEqualTo(1);
        // the relay that answered is asked first next time
        assertThat(c.beacon(42).round()).isEqualTo(42);
        assertThat(good.roundRequests.get()).isEqualTo(2);
        assertThat(later.roundRequests.get()).isZero();
        good.server.stop(0); // synchronous: the next request must find it gone
        assertThat(c.beacon(2).round()).isEqualTo(2);
        assertThat(later.roundRequests.get()).isEqualTo(1);
    }

    @Test
    void failsOverWhenTheFirstRelayServesABadSignature() throws Exception {
        Relay bad = relay();
        bad.corruptSignatures = true;
        Relay good = relay();
        DrandClient c = client(null, bad.url(), good.url());
        assertThat(c.beacon(1000).signatureHex()).isEqualTo(Fixtures.SIG_1000);
        assertThat(bad.roundRequests.get()).isEqualTo(1);
        assertThat(good.roundRequests.get()).isEqualTo(1);
        // with only the bad relay nothing unverified is ever returned
        assertThatThrownBy(() -> client(null, bad.url()).beacon(42))
                .isInstanceOfSatisfying(DrandException.class,
                        e -> assertThat(e.reason()).isEqualTo(DrandException.Reason.UNAVAILABLE))
                .hasMessageContaining("does not verify");
    }

    @Test
    void refusesARelayWhoseInfoDisagrees() throws Exception {
        Relay other = relay();
        // a valid G2 key of another chain
        other.publicKeyHex = Hex.encode(io.tao4j.crypto.bls.G2Point.generator().toCompressed());
        Relay good = relay();
        DrandClient c = client(null, other.url(), good.url());
        assertThat(c.beacon(1).round()).isEqualTo(1);
        assertThat(c.beacon(2).round()).isEqualTo(2);
        assertThat(other.roundRequests.get()).isZero();
        assertThatThrownBy(() -> client(null, other.url()).beacon(1)).hasMessageContaining("public key differs");
    }

    @Test
    void futureRoundIsNotYetAvailableNotARelayFailure() throws Exception {
        Relay r = relay();
        DrandClient c = client(null, r.url());
        assertThatThrownBy(() -> c.beacon(40_000_000L)).isInstanceOfSatisfying(DrandException.class,
                e -> assertThat(e.reason()).isEqualTo(DrandException.Reason.NOT_YET_AVAILABLE));
        assertThat(c.tryBeacon(40_000_000L)).isEmpty();
        // the relay is still in use afterwards
        assertThat(c.beacon(42).round()).isEqualTo(42);
        assertThat(c.latest().round()).isEqualTo(r.beacons.lastKey());
    }

    @Test
    void verifiedSignaturesPersistAcrossInstancesAndCorruptEntriesAreRefetched(@TempDir Path dir) throws Exception {
        Relay r = relay();
        assertThat(client(dir, r.url()).beacon(1000).signatureHex()).isEqualTo(Fixtures.SIG_1000);
        assertThat(r.roundRequests.get()).isEqualTo(1);

        // a new instance with no reachable relay answers from the cache
        DrandClient offline = client(dir, deadRelayUrl());
        assertThat(offline.beacon(1000).signatureHex()).isEqualTo(Fixtures.SIG_1000);

        SignatureCache cache = new SignatureCache(dir, ChainInfo.QUICKNET);
        Path entry = cache.directory().resolve("1000.sig");
        assertThat(entry).exists();
        try (var files = Files.list(cache.directory())) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }

        // corrupt it: a real signature of another round, then garbage; each time it is fetched again
        Files.writeString(entry, Fixtures.vector("drand_quicknet_beacons.json").get("beacons").get(0)
                .get("signature").asText());
        assertThat(client(dir, r.url()).beacon(1000).signatureHex()).isEqualTo(Fixtures.SIG_1000);
        assertThat(r.roundRequests.get()).isEqualTo(2);
        Files.writeString(entry, "not hex at all");
        assertThat(client(dir, r.url()).beacon(1000).signatureHex()).isEqualTo(Fixtures.SIG_1000);
        assertThat(r.roundRequests.get()).isEqualTo(3);
        assertThat(Files.readString(entry).strip()).isEqualTo(Fixtures.SIG_1000);
        // and a corrupt entry with no relay is not trusted
        Files.writeString(entry, "00");
        assertThat(client(dir, deadRelayUrl()).tryBeacon(1000)).isEmpty();
    }

    @Test
    void chainInfoRoundTimeAndChainHash() throws Exception {
        ChainInfo q = ChainInfo.QUICKNET;
        assertThat(Hex.encode(q.computeChainHash())).isEqualTo(Hex.encode(q.chainHash()));
        for (JsonNode b : Fixtures.vector("drand_quicknet_beacons.json").get("beacons")) {
            long round = b.get("round").asLong();
            Instant t = Instant.ofEpochSecond(b.get("expected_round_time_unix").asLong());
            assertThat(q.roundTime(round)).isEqualTo(t);
            assertThat(q.roundAt(t)).isEqualTo(round);
            assertThat(q.roundAt(t.plusSeconds(2))).isEqualTo(round);
            assertThat(q.roundAt(t.minusSeconds(1))).isEqualTo(round - 1);
        }
        assertThat(q.roundAt(Instant.ofEpochSecond(1692803366))).isZero();
        // MANTIS's miner formula has no +1: one round earlier than round_at(now + lock)
        Instant now = Instant.ofEpochSecond(1692803367L + 3000);
        assertThat(q.mantisTargetRound(now, 30)).isEqualTo(1010);
        assertThat(q.roundAt(now.plusSeconds(30))).isEqualTo(1011);
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> client(null)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> q().withPublicKey(new byte[96])).isInstanceOf(IllegalArgumentException.class);
    }

    static ChainInfo q() {
        return ChainInfo.QUICKNET;
    }

}
