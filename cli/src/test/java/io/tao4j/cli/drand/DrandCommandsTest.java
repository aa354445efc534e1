package io.tao4j.cli.drand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DrandCommandsTest {
    static final String SIG_1000 =
            "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39";
    static final String HK = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    static JsonNode vector(String name) throws Exception {
        return new ObjectMapper().readTree(Path.of(System.getProperty("tao4j.shared"), "fixtures", "vectors", name).toFile());
    }

    @Test
    void verifyExitCodes() {
        assertThat(CliRun.run("drand", "verify", "--round", "1000", "--signature", SIG_1000).code()).isZero();
        String flipped = SIG_1000.substring(0, 95) + "8";
        CliRun bad = CliRun.run("drand", "verify", "--round", "1000", "--signature", flipped);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(CliRun.run("drand", "verify", "--round", "1001", "--signature", SIG_1000).code()).isEqualTo(1);
        CliRun junk = CliRun.run("drand", "verify", "--round", "1000", "--signature", "xyz");
        assertThat(junk.code()).isEqualTo(2);
        assertThat(junk.err()).contains("--signature");
    }

    @Test
    void beaconFromALocalRelayIsVerifiedAndCached(@TempDir Path dir) throws Exception {
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicInteger rounds = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/v2/beacons/quicknet/", ex -> {
            String p = ex.getRequestURI().getPath();
            String body;
            int status = 200;
            if (p.endsWith("/info")) {
                body = "{\"public_key\":\"" + io.tao4j.crypto.Hex.encode(io.tao4j.drand.ChainInfo.QUICKNET.publicKey())
                        + "\",\"period\":3,\"genesis_time\":1692803367,"
                        + "\"chain_hash\":\"52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971\","
                        + "\"scheme\":\"bls-unchained-g1-rfc9380\",\"beacon_id\":\"quicknet\"}";
            } else if (p.endsWith("/rounds/1000")) {
                rounds.incrementAndGet();
                body = "{\"round\":1000,\"signature\":\"" + SIG_1000 + "\"}";
            } else {
                status = 425;
                body = "Requested future beacon";
            }
            byte[] b = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        try {
            String relay = "http://127.0.0.1:" + server.getAddress().getPort() + "/v2";
            for (int i = 0; i < 2; i++) {
                CliRun r = CliRun.run("drand", "beacon", "--round", "1000", "--relay", relay, "--cache-dir", dir.toString());
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(r.out().strip()).isEqualTo("{\"round\":1000,\"signature\":\"" + SIG_1000 + "\"}");
            }
            assertThat(rounds.get()).isEqualTo(1); // the second answer came from the cache
            CliRun future = CliRun.run("drand", "beacon", "--round", "99999999", "--relay", relay, "--no-cache");
            assertThat(future.code()).isEqualTo(3);
            assertThat(future.err()).contains("not available yet");
        } finally {
            Thread t = new Thread(() -> server.stop(0));
            t.setDaemon(true);
            t.start();
        }
    }

    @Test
    void roundAtATime() {
        assertThat(CliRun.run("drand", "round", "--at", "2023-08-23T15:09:27Z").out().strip()).isEqualTo("1");
        // genesis + 999 periods
        assertThat(CliRun.run("drand", "round", "--at", "2023-08-23T15:59:24Z").out().strip()).isEqualTo("1000");
        assertThat(CliRun.run("drand", "round", "--at", "2023-08-23T15:59:24Z", "--mantis-lock", "0").out().strip()).isEqualTo("999");
        long now = Long.parseLong(CliRun.run("drand", "round").out().strip());
        long later = Long.parseLong(CliRun.run("drand", "round", "--in", "300").out().strip());
        assertThat(later - now).isBetween(99L, 101L);
        assertThat(CliRun.run("drand", "round", "--at", "yesterday").code()).isEqualTo(2);
    }

    @Test
    void tlockEncryptDecrypt() throws Exception {
        CliRun enc = CliRun.run("tlock", "encrypt", "--round", "1000", "--message-hex", "48656c6c6f", "--key-hex", "01".repeat(32));
        assertThat(enc.code()).isZero();
        String ct = enc.out().strip();
        assertThat(ct).hasSize(2 * (228 + 5));
        CliRun leg = CliRun.run("tlock", "encrypt", "--round", "1000", "--message-hex", "48656c6c6f", "--key-hex", "01".repeat(32),
                "--legacy-layout");
        assertThat(leg.out().strip()).hasSize(2 * (244 + 5));
        for (String c : new String[]{ct, leg.out().strip()}) {
            CliRun dec = CliRun.run("tlock", "decrypt", "--ciphertext-hex", c, "--signature", SIG_1000);
            assertThat(dec.code()).isZero();
            assertThat(dec.out().strip()).isEqualTo("48656c6c6f");
        }
        JsonNode v = vector("timelock_quicknet_r1000.json").get("vectors").get(0);
        assertThat(CliRun.run("tlock", "decrypt", "--ciphertext-hex", v.get("ciphertext_hex").asText(), "--signature", SIG_1000)
                .out().strip()).isEqualTo(v.get("message_hex").asText());
        CliRun wrong = CliRun.run("tlock", "decrypt", "--ciphertext-hex", ct, "--signature",
                "95a9f9f5b231b7714de1553105d8ffdf3dcda24cfdb1e689319bccf79a9c8ce430a91b811fbfaf763900bc998b5d686a");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("WRONG_SIGNATURE");
        CliRun shortKey = CliRun.run("tlock", "encrypt", "--round", "1000", "--message-hex", "00", "--key-hex", "01");
        assertThat(shortKey.code()).isEqualTo(2);
        assertThat(shortKey.err()).contains("--key-hex").doesNotContain("01\n");
    }

    @Test
    void mantisPayloadSealAndOpen(@TempDir Path dir) throws Exception {
        JsonNode f = vector("mantis_v2_payload_r1000.json");
        Path pt = dir.resolve("pt.json");
        Files.writeString(pt, f.get("vectors").get(0).get("expected_plaintext_json").asText());
        String ownerPk = f.get("vectors").get(0).get("owner_x25519_public_hex").asText();
        CliRun seal = CliRun.run("mantis", "payload", "seal", "--hotkey", HK, "--round", "1000", "--plaintext-file", pt.toString(),
                "--owner-pk", ownerPk);
        assertThat(seal.code()).as(seal.err()).isZero();
        Path payload = dir.resolve("payload.json");
        Files.writeString(payload, seal.out());
        CliRun open = CliRun.run("mantis", "payload", "open", "--file", payload.toString(), "--signature", SIG_1000,
                "--owner-pk", ownerPk, "--hotkey", HK);
        assertThat(open.code()).as(open.err()).isZero();
        assertThat(open.out().strip()).isEqualTo(f.get("vectors").get(0).get("expected_plaintext_json").asText());

        // with the built-in MANTIS owner key this payload is refused, reason on stderr, exit 2
        CliRun refused = CliRun.run("mantis", "payload", "open", "--file", payload.toString(), "--signature", SIG_1000);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("OWNER_KEY_MISMATCH");
        assertThat(refused.out()).isEmpty();

        // a fixture payload made for the real MANTIS owner key opens with the defaults
        Path real = dir.resolve("real.json");
        Files.writeString(real, f.get("vectors").get(1).get("payload").toString());
        CliRun realOpen = CliRun.run("mantis", "payload", "open", "--file", real.toString(), "--signature", SIG_1000);
        assertThat(realOpen.code()).as(realOpen.err()).isZero();
        assertThat(realOpen.out().strip()).isEqualTo(f.get("vectors").get(1).get("expected_plaintext_json").asText());
        CliRun wrongHotkey = CliRun.run("mantis", "payload", "open", "--file", real.toString(), "--signature", SIG_1000,
                "--hotkey", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty");
        assertThat(wrongHotkey.code()).isEqualTo(2);
        assertThat(wrongHotkey.err()).contains("HOTKEY_MISMATCH");

        assertThat(CliRun.run("mantis", "payload", "seal", "--hotkey", "not-an-address", "--round", "1000",
                "--plaintext-file", pt.toString()).code()).isEqualTo(2);
    }
}
