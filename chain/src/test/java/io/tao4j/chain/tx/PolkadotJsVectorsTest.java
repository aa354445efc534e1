package io.tao4j.chain.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.OfflineClient;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.testing.Fixtures;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.scale.metadata.Metadata;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storage keys, call encodings, signing payloads and complete signed extrinsics on the spec-233 and spec-393
 * metadata against {@code vectors/polkadotjs_chain_vectors.json}, produced by polkadot-js
 * ({@code tools/vectors/chain/gen.mjs}).
 */
class PolkadotJsVectorsTest {
    private static final JsonNode VECTORS = Fixtures.resource("vectors/polkadotjs_chain_vectors.json");

    static OfflineClient client(JsonNode spec) {
        Metadata md = Fixtures.metadata(spec.get("metadataFile").asText());
        return new OfflineClient(md, Hex.decode(spec.get("genesisHash").asText()),
                new RuntimeVersion(spec.get("spec").asLong(), spec.get("transactionVersion").asLong()));
    }

    /** A check of one vector against its spec's client. */
    interface VectorCheck {
        void check(OfflineClient c, JsonNode v) throws Throwable;
    }

    /** One dynamic test per vector in each spec's {@code section}, named "spec " + {@code name}, checked on that spec's client. */
    static List<DynamicTest> perSpec(String section, java.util.function.Function<JsonNode, String> name, VectorCheck check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode spec : VECTORS.get("specs")) {
            OfflineClient c = client(spec);
            for (JsonNode v : spec.get(section)) {
                tests.add(DynamicTest.dynamicTest(spec.get("spec") + " " + name.apply(v), () -> check.check(c, v)));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> storageKeys() {
        return perSpec("storage", v -> v.get("item").asText() + v.get("keys"), (c, v) -> {
            String[] item = v.get("item").asText().split("\\.");
            List<Object> keys = new ArrayList<>();
            v.get("keys").forEach(keys::add);
            byte[] key = c.storageKey(item[0], item[1], keys);
            assertThat(Hex.encode0x(key)).isEqualTo(v.get("key").asText());
            // and back: every part behind a Concat/Identity hasher decodes to the input
            var entry = c.storage().entry(item[0], item[1]);
            List<JsonNode> parts = c.storage().decodeKey(entry, key);
            for (int i = 0; i < parts.size(); i++) {
                if (entry.hashers().get(i).isConcat()) {
                    assertThat(parts.get(i).asText()).isEqualTo(v.get("keys").get(i).asText());
                }
            }
        });
    }

    static Map<String, Object> callArgs(String name, JsonNode args) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (name) {
            case "set_commitment" -> {
                out.put("netuid", args.get("netuid").asInt());
                out.put("info", Map.of("fields", List.of(Map.of("Raw", args.get("url").asText()))));
            }
            case "set_commitment_3_fields" -> {
                out.put("netuid", args.get("netuid").asInt());
                List<Object> fields = new ArrayList<>();
                args.get("urls").forEach(u -> fields.add(Map.of("Raw", u.asText())));
                out.put("info", Map.of("fields", fields));
            }
            default -> args.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    static String[] palletCall(String name) {
        return switch (name) {
            case "set_commitment", "set_commitment_3_fields" -> new String[]{"Commitments", "set_commitment"};
            case "transfer_keep_alive" -> new String[]{"Balances", "transfer_keep_alive"};
            default -> new String[]{"SubtensorModule", name};
        };
    }

    @TestFactory
    List<DynamicTest> signedExtrinsics() {
        return perSpec("extrinsics", v -> v.get("name").asText() + " nonce " + v.get("nonce"), (c, v) -> {
            String name = v.get("name").asText();
            String[] pc = palletCall(name);
            byte[] call = c.encodeCall(pc[0], pc[1], callArgs(name, v.get("args")));
            assertThat(Hex.encode0x(call)).isEqualTo(v.get("call").asText());

            Era era = Era.mortal(v.get("eraPeriod").asLong(), v.get("eraCurrent").asLong());
            assertThat(Hex.encode0x(era.encode())).isEqualTo(v.get("era").asText());
            TxParams params = new TxParams(v.get("nonce").asLong(), BigInteger.valueOf(v.get("tip").asLong()),
                    era, Hex.decode(v.get("birthHash").asText()));
            byte[] payload = c.signingPayload(call, params);
            assertThat(Hex.encode0x(payload)).isEqualTo(v.get("signingPayload").asText());
            assertThat(payload.length > 256).isEqualTo(v.get("payloadHashed").asBoolean());

            // polkadot-js's signature verifies here, and with it our extrinsic is byte-identical
            byte[] pub = Hex.decode(v.get("signerPublicKey").asText());
            byte[] pjsSig = Hex.decode(v.get("signature").asText());
            byte[] message = ExtrinsicEncoder.messageToSign(payload);
            assertThat(Sr25519.verify(pub, message, pjsSig)).isTrue();
            SignedExtrinsic withPjsSig = c.extrinsicEncoder().assemble(call, pub, pjsSig, c.txContext(params), payload);
            assertThat(withPjsSig.hex()).isEqualTo(v.get("extrinsic").asText());

            // our own signature: verifies, and every byte except the 64 signature bytes equals polkadot-js's
            Sr25519KeyPair key = Sr25519KeyPair.fromUri(v.get("signer").asText());
            assertThat(key.publicKey()).isEqualTo(pub);
            SignedExtrinsic ours = c.sign(call, key, params);
            byte[] expected = Hex.decode(v.get("extrinsic").asText());
            byte[] got = ours.bytes();
            assertThat(got.length).isEqualTo(expected.length);
            int sigAt = Arrays.equals(Arrays.copyOfRange(got, 0, 1), Arrays.copyOfRange(expected, 0, 1))
                    ? compactLen(got) + 1 + 33 + 1 : -1;
            byte[] sig = Arrays.copyOfRange(got, sigAt, sigAt + 64);
            assertThat(Sr25519.verify(pub, message, sig)).isTrue();
            System.arraycopy(pjsSig, 0, got, sigAt, 64);
            assertThat(Hex.encode0x(got)).isEqualTo(v.get("extrinsic").asText());
        });
    }

    /**
     * Writes extrinsics signed by this code to target/java_signed_extrinsics.json for tools/vectors/chain/verify.mjs,
     * and checks the committed polkadot-js verdicts on an earlier run of it (vectors/java_signed_verified.json):
     * polkadot-js verified every Java signature and decoded every Java extrinsic back to the same call.
     */
    @org.junit.jupiter.api.Test
    void javaSignedExtrinsicsAcceptedByPolkadotJs() throws Exception {
        var out = Fixtures.JSON.createArrayNode();
        for (JsonNode spec : VECTORS.get("specs")) {
            OfflineClient c = client(spec);
            for (JsonNode v : spec.get("extrinsics")) {
                String name = v.get("name").asText();
                String[] pc = palletCall(name);
                byte[] call = c.encodeCall(pc[0], pc[1], callArgs(name, v.get("args")));
                TxParams params = new TxParams(v.get("nonce").asLong(), BigInteger.valueOf(v.get("tip").asLong()),
                        Era.mortal(v.get("eraPeriod").asLong(), v.get("eraCurrent").asLong()), Hex.decode(v.get("birthHash").asText()));
                SignedExtrinsic x = c.sign(call, Sr25519KeyPair.fromUri(v.get("signer").asText()), params);
                out.addObject().put("spec", spec.get("spec").asInt()).put("name", name).put("nonce", v.get("nonce").asLong())
                        .put("signer", Hex.encode0x(x.signer())).put("signingPayload", Hex.encode0x(x.signingPayload())).put("extrinsic", x.hex());
            }
        }
        java.nio.file.Path target = java.nio.file.Path.of("target", "java_signed_extrinsics.json");
        java.nio.file.Files.createDirectories(target.getParent());
        Fixtures.JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), out);

        JsonNode verified = Fixtures.resource("vectors/java_signed_verified.json");
        assertThat(verified.get("results")).hasSize(out.size());
        for (JsonNode r : verified.get("results")) {
            assertThat(r.get("signatureVerifies").asBoolean()).as(r.toString()).isTrue();
            assertThat(r.get("decodedCallMatches").asBoolean()).as(r.toString()).isTrue();
            assertThat(r.get("signerMatches").asBoolean()).as(r.toString()).isTrue();
            // and Java agrees with itself on the committed bytes: same payload, signature valid
            byte[] xt = Hex.decode(r.get("extrinsic").asText());
            byte[] payload = Hex.decode(r.get("signingPayload").asText());
            int sigAt = compactLen(xt) + 1 + 33 + 1;
            assertThat(Sr25519.verify(Arrays.copyOfRange(xt, compactLen(xt) + 2, compactLen(xt) + 34),
                    ExtrinsicEncoder.messageToSign(payload), Arrays.copyOfRange(xt, sigAt, sigAt + 64))).isTrue();
        }
    }

    private static int compactLen(byte[] b) {
        return switch (b[0] & 3) {
            case 0 -> 1;
            case 1 -> 2;
            case 2 -> 4;
            default -> 1 + ((b[0] & 0xff) >>> 2) + 4;
        };
    }

    @TestFactory
    List<DynamicTest> hashers() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode h : VECTORS.get("hashers")) {
            for (var hasher : io.tao4j.scale.metadata.StorageHasher.values()) {
                tests.add(DynamicTest.dynamicTest(hasher + " " + h.get("input").asText(), () -> {
                    byte[] out = io.tao4j.chain.storage.StorageHashing.hash(hasher, Hex.decode(h.get("input").asText()));
                    assertThat(Hex.encode0x(out)).isEqualTo(h.get(hasher.name()).asText());
                }));
            }
        }
        return tests;
    }
}
