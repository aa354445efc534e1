package io.tao4j.localnet.beacon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.bls.DrandBls;
import io.tao4j.crypto.bls.G2Point;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LocalBeaconTest {

    @Test
    void signaturesVerifyUnderThePublicKeyWithTheQuicknetVerifier() {
        LocalBeacon b = new LocalBeacon("demo", 1_700_000_000L, 3, "quicknet");
        G2Point pk = G2Point.fromCompressed(b.publicKey());
        assertThat(DrandBls.verify(pk, 1, b.signature(1))).isTrue();
        assertThat(DrandBls.verify(pk, 1000, b.signature(1000))).isTrue();
        assertThat(DrandBls.verify(pk, 1001, b.signature(1000))).isFalse();
        LocalBeacon other = new LocalBeacon("other", 1_700_000_000L, 3, "quicknet");
        assertThat(DrandBls.verify(G2Point.fromCompressed(other.publicKey()), 1000, b.signature(1000))).isFalse();
    }

    @Test
    void chainHashFollowsDrandRuleOnRealQuicknetParameters() {
        // quicknet's published parameters and chain hash (crypto.md §1.1, drand_quicknet_beacons.json)
        byte[] pk = Hex.decode("83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a");
        byte[] seed = Hex.decode("f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e");
        assertThat(Hex.encode(LocalBeacon.chainHash(3, 1692803367L, pk, seed, "quicknet")))
                .isEqualTo("52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971");
    }

    @Test
    void sameSeedSameKey() {
        assertThat(new LocalBeacon("s", 0, 3, "quicknet").publicKey()).isEqualTo(new LocalBeacon("s", 5, 1, "x").publicKey());
    }

    @Test
    void roundsFollowDrandClock() {
        LocalBeacon b = new LocalBeacon("demo", 1000, 3, "quicknet");
        assertThat(b.roundAt(999)).isZero();
        assertThat(b.roundAt(1000)).isEqualTo(1);
        assertThat(b.roundAt(1002)).isEqualTo(1);
        assertThat(b.roundAt(1003)).isEqualTo(2);
        assertThat(b.timeOf(2)).isEqualTo(1003);
    }

    @Test
    void servesTheV2ApiWithFutureRoundsRefused() throws Exception {
        long genesis = 1_700_000_000L;
        Clock clock = Clock.fixed(Instant.ofEpochSecond(genesis + 30), ZoneOffset.UTC); // round 11 is current
        try (BeaconServer s = BeaconServer.start(new LocalBeacon("demo", genesis, 3, "quicknet"), clock, "127.0.0.1", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            ObjectMapper om = new ObjectMapper();
            JsonNode info = om.readTree(get(http, s.baseUrl() + "/beacons/quicknet/info").body());
            assertThat(info.get("scheme").asText()).isEqualTo("bls-unchained-g1-rfc9380");
            assertThat(info.get("period").asInt()).isEqualTo(3);
            G2Point pk = G2Point.fromCompressed(Hex.decode(info.get("public_key").asText()));

            JsonNode latest = om.readTree(get(http, s.baseUrl() + "/beacons/quicknet/rounds/latest").body());
            assertThat(latest.get("round").asLong()).isEqualTo(11);
            assertThat(DrandBls.verify(pk, 11, Hex.decode(latest.get("signature").asText()))).isTrue();

            JsonNode r5 = om.readTree(get(http, s.baseUrl() + "/chains/" + info.get("chain_hash").asText() + "/rounds/5").body());
            assertThat(DrandBls.verify(pk, 5, Hex.decode(r5.get("signature").asText()))).isTrue();

            assertThat(get(http, s.baseUrl() + "/beacons/quicknet/rounds/12").statusCode()).isEqualTo(425);
            assertThat(get(http, s.baseUrl() + "/beacons/other/rounds/1").statusCode()).isEqualTo(404);
            assertThat(get(http, s.baseUrl() + "/beacons/quicknet/rounds/abc").statusCode()).isEqualTo(400);
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
