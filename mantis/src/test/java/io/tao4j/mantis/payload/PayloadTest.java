package io.tao4j.mantis.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.aead.ChaCha20Poly1305;
import io.tao4j.drand.ChainInfo;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockCiphertext;
import io.tao4j.drand.tlock.TlockLayout;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadTest {
    static final byte[] SIG = Hex.decode(PayloadFixtures.SIG_1000);
    static final String HK = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    static List<JsonNode> fixturePayloads() throws Exception {
        JsonNode f = PayloadFixtures.vector("mantis_v2_payload_r1000.json");
        List<JsonNode> out = new ArrayList<>();
        f.get("vectors").forEach(out::add);
        out.add(f.get("vector_built_in_node"));
        return out;
    }

    static PayloadOpener openerFor(JsonNode vector) {
        JsonNode ownerPub = vector.get("owner_x25519_public_hex");
        return ownerPub == null ? new PayloadOpener() : new PayloadOpener(Hex.decode(ownerPub.asText()));
    }

    static RejectReason reason(OpenResult r) {
        return r instanceof OpenResult.Rejected rej ? rej.reason() : null;
    }

    @Test
    void fixturePayloadsOpenToTheExpectedPlaintextAndSanitisedVectors() throws Exception {
        JsonNode f = PayloadFixtures.vector("mantis_v2_payload_r1000.json");
        int n = 0;
        for (JsonNode v : fixturePayloads()) {
            JsonNode payload = v.get("payload");
            OpenResult r = openerFor(v).open(payload, SIG);
            assertThat(r).as(v.get("owner").asText()).isInstanceOf(OpenResult.Opened.class);
            String pt = ((OpenResult.Opened) r).plaintextUtf8();
            assertThat(pt).isEqualTo(v.get("expected_plaintext_json").asText());
            // full validator path from the wire JSON
            byte[] raw = PayloadFixtures.JSON.writeValueAsBytes(payload);
            assertThat(openerFor(v).openRaw(raw, round -> round == 1000 ? SIG : null, HK)).isEqualTo(r);
            assertThat(reason(openerFor(v).openRaw(raw, round -> round == 1000 ? SIG : null, "5Other")))
                    .isEqualTo(RejectReason.HOTKEY_MISMATCH);
            JsonNode expectedVecs = v.has("validator_validated_vectors") ? v.get("validator_validated_vectors")
                    : f.get("vectors").get(0).get("validator_validated_vectors");
            Map<String, double[]> vecs = V2Submission.sanitize(PayloadFixtures.JSON.readTree(pt));
            assertThat(vecs.keySet()).containsExactlyElementsOf(() -> expectedVecs.fieldNames());
            for (Map.Entry<String, double[]> e : vecs.entrySet()) {
                JsonNode exp = expectedVecs.get(e.getKey());
                assertThat(e.getValue()).hasSize(exp.size());
                for (int i = 0; i < exp.size(); i++) {
                    assertThat(e.getValue()[i]).as(e.getKey() + "[" + i + "]").isEqualTo(exp.get(i).doubleValue());
                }
            }
            n++;
        }
        assertThat(n).isEqualTo(5);
    }

    @Test
    void builtInOwnerKeyIsMantisConfigAndRejectsForeignOwnerPk() throws Exception {
        assertThat(MantisV2.OWNER_PUBLIC_KEY_HEX).isEqualTo("fbfe185ded7a4e6865effceb23cbac32894170587674e751ac237a06f72b3067");
        JsonNode vectorOwner = fixturePayloads().get(0).get("payload");
        assertThat(reason(new PayloadOpener().open(vectorOwner, SIG))).isEqualTo(RejectReason.OWNER_KEY_MISMATCH);
        // without owner_pk the configured key is used: the binding no longer matches
        ObjectNode noOwner = vectorOwner.deepCopy();
        noOwner.remove("owner_pk");
        assertThat(reason(new PayloadOpener().open(noOwner, SIG))).isEqualTo(RejectReason.BINDING_MISMATCH);
        // owner_pk comparison is case-insensitive, as in the reference
        JsonNode real = fixturePayloads().get(1);
        ObjectNode upper = real.get("payload").deepCopy();
        upper.put("owner_pk", MantisV2.OWNER_PUBLIC_KEY_HEX.toUpperCase());
        assertThat(new PayloadOpener().open(upper, SIG).isOpened()).isTrue();
    }

    @Test
    void eachCheckHasItsOwnReason() throws Exception {
        JsonNode v = fixturePayloads().get(0);
        PayloadOpener opener = openerFor(v);
        ObjectNode p = v.get("payload").deepCopy();
        byte[] ownerPk = Hex.decode(v.get("owner_x25519_public_hex").asText());
        byte[] ske = Hex.decode(v.get("secrets_recovered").get("ske_hex").asText());

        assertThat(reason(opener.open(p, null))).isEqualTo(RejectReason.NO_SIGNATURE);

        ObjectNode badBinding = p.deepCopy();
        badBinding.put("binding", "00" + p.get("binding").asText().substring(2));
        assertThat(reason(opener.open(badBinding, SIG))).isEqualTo(RejectReason.BINDING_MISMATCH);

        ObjectNode otherRound = p.deepCopy();
        otherRound.put("round", 1001);
        assertThat(reason(opener.open(otherRound, SIG))).isEqualTo(RejectReason.BINDING_MISMATCH);

        byte[] sig42 = Hex.decode("95a9f9f5b231b7714de1553105d8ffdf3dcda24cfdb1e689319bccf79a9c8ce430a91b811fbfaf763900bc998b5d686a");
        assertThat(reason(opener.open(p, sig42))).isEqualTo(RejectReason.TIMELOCK_FAILED);

        ObjectNode badC = p.deepCopy();
        String cct = p.get("C").get("ct").asText();
        ((ObjectNode) badC.get("C")).put("ct", (cct.charAt(0) == '0' ? "1" : "0") + cct.substring(1));
        assertThat(reason(opener.open(badC, SIG))).isEqualTo(RejectReason.CONTENT_FAILED);

        ObjectNode badWrap = p.deepCopy();
        String wct = p.get("W_owner").get("ct").asText();
        ((ObjectNode) badWrap.get("W_owner")).put("ct", (wct.charAt(0) == '0' ? "1" : "0") + wct.substring(1));
        assertThat(reason(opener.open(badWrap, SIG))).isEqualTo(RejectReason.OWNER_WRAP_FAILED);

        // a correctly authenticated wrap of a different key
        ObjectNode otherKey = p.deepCopy();
        byte[] binding = Hex.decode(p.get("binding").asText());
        byte[] nonce = Hex.decode(p.get("W_owner").get("nonce").asText());
        byte[] wrongKey = new byte[32];
        ((ObjectNode) otherKey.get("W_owner")).put("ct",
                Hex.encode(ChaCha20Poly1305.seal(PayloadSealer.wrapKey(ske, ownerPk), nonce, wrongKey, binding)));
        assertThat(reason(opener.open(otherKey, SIG))).isEqualTo(RejectReason.OWNER_WRAP_KEY_MISMATCH);

        // a different pke with a binding recomputed for it: tlock opens, but ske does not give that pke
        ObjectNode otherPke = p.deepCopy();
        byte[] pke2 = io.tao4j.crypto.aead.X25519.publicKey(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        ((ObjectNode) otherPke.get("W_owner")).put("pke", Hex.encode(pke2));
        otherPke.put("binding", Hex.encode(MantisV2.binding(HK, 1000, ownerPk, pke2)));
        assertThat(reason(opener.open(otherPke, SIG))).isEqualTo(RejectReason.EPHEMERAL_KEY_MISMATCH);

        // W_time that opens but holds the wrong thing
        Tlock tl = new Tlock(ChainInfo.QUICKNET.publicKeyPoint());
        ObjectNode badTime = p.deepCopy();
        ((ObjectNode) badTime.get("W_time")).put("ct", Hex.encode(tl.encrypt(1000, "short".getBytes(), new byte[32])));
        assertThat(reason(opener.open(badTime, SIG))).isEqualTo(RejectReason.BAD_TIME_PLAINTEXT);

        ObjectNode missing = p.deepCopy();
        missing.remove("W_owner");
        assertThat(reason(opener.open(missing, SIG))).isEqualTo(RejectReason.MALFORMED_FIELD);
        ObjectNode notHex = p.deepCopy();
        notHex.put("binding", "zz");
        assertThat(reason(opener.open(notHex, SIG))).isEqualTo(RejectReason.MALFORMED_FIELD);
    }

    @Test
    void jsonLevelChecksOfTheValidator() throws Exception {
        JsonNode v = fixturePayloads().get(0);
        PayloadOpener opener = openerFor(v);
        PayloadOpener.SignatureSource sigs = round -> round == 1000 ? SIG : null;
        assertThat(reason(opener.openRaw("not json".getBytes(), sigs, HK))).isEqualTo(RejectReason.NOT_JSON_OBJECT);
        assertThat(reason(opener.openRaw("[1,2]".getBytes(), sigs, HK))).isEqualTo(RejectReason.NOT_JSON_OBJECT);
        ObjectNode p = v.get("payload").deepCopy();
        p.put("v", 1);
        assertThat(reason(opener.openRaw(PayloadFixtures.JSON.writeValueAsBytes(p), sigs, HK))).isEqualTo(RejectReason.UNSUPPORTED_VERSION);
        p.put("v", "2");
        assertThat(reason(opener.openRaw(PayloadFixtures.JSON.writeValueAsBytes(p), sigs, HK))).isEqualTo(RejectReason.UNSUPPORTED_VERSION);
        p.put("v", 2.0);
        assertThat(opener.openRaw(PayloadFixtures.JSON.writeValueAsBytes(p), sigs, HK).isOpened()).isTrue();
        p.put("round", "1000");
        assertThat(opener.openRaw(PayloadFixtures.JSON.writeValueAsBytes(p), sigs, HK).isOpened()).isTrue();
        p.put("round", "abc");
        assertThat(reason(opener.openRaw(PayloadFixtures.JSON.writeValueAsBytes(p), sigs, HK))).isEqualTo(RejectReason.BAD_ROUND);
        p.put("round", 999);
        assertThat(reason(opener.openRaw(PayloadFixtures.JSON.writeValueAsBytes(p), sigs, HK))).isEqualTo(RejectReason.NO_SIGNATURE);
        assertThat(PayloadJson.roundOf(PayloadFixtures.JSON.readTree("{\"round\": 1000.9}"))).isEqualTo(1000);
        assertThat(PayloadJson.roundOf(PayloadFixtures.JSON.readTree("{\"round\": \" 1_000 \"}"))).isEqualTo(1000);
        assertThat(PayloadJson.roundOf(PayloadFixtures.JSON.readTree("{\"round\": null}"))).isZero();
    }

    @Test
    void sealThenOpenInBothLayoutsAndTheWireFormat() throws Exception {
        byte[] ownerSk = new byte[32];
        new SecureRandom().nextBytes(ownerSk);
        byte[] ownerPk = io.tao4j.crypto.aead.X25519.publicKey(ownerSk);
        Tlock tl = new Tlock(ChainInfo.QUICKNET.publicKeyPoint());
        String text = PayloadFixtures.vector("mantis_v2_payload_r1000.json").get("vectors").get(0)
                .get("expected_plaintext_json").asText();
        byte[] pt = PayloadSealer.preparePlaintext(HK, text);
        assertThat(new String(pt, StandardCharsets.UTF_8)).isEqualTo(text);
        for (TlockLayout layout : TlockLayout.values()) {
            V2Payload sealed = new PayloadSealer(tl, ownerPk, layout, new SecureRandom()).seal(HK, 1000, pt);
            assertThat(TlockCiphertext.detectLayout(sealed.timeCt())).isEqualTo(layout);
            assertThat(sealed.timeCt()).hasSize(layout == TlockLayout.LEGACY ? 372 : 356);
            String json = sealed.toJson();
            OpenResult r = new PayloadOpener(ownerPk).openRaw(json.getBytes(StandardCharsets.UTF_8),
                    round -> round == 1000 ? SIG : null, HK);
            assertThat(r).isEqualTo(new OpenResult.Opened(pt));
        }
        // the wire format is the reference's json.dumps(indent=2) layout
        JsonNode v = PayloadFixtures.vector("mantis_v2_payload_r1000.json").get("vectors").get(0);
        JsonNode p = v.get("payload");
        V2Payload copy = new V2Payload(1000, HK, p.get("owner_pk").asText(), Hex.decode(p.get("C").get("nonce").asText()),
                Hex.decode(p.get("C").get("ct").asText()), Hex.decode(p.get("W_owner").get("pke").asText()),
                Hex.decode(p.get("W_owner").get("nonce").asText()), Hex.decode(p.get("W_owner").get("ct").asText()),
                Hex.decode(p.get("W_time").get("ct").asText()), Hex.decode(p.get("binding").asText()), MantisV2.ALG_LABEL);
        assertThat(copy.toJson()).isEqualTo(v.get("payload_wire_json_as_printed_by_generate_and_encrypt").asText());
    }

    @Test
    void plaintextPreparationFollowsTheReference() {
        assertThat(new String(PayloadSealer.preparePlaintext(HK, "[[0.1,0.2],[0.3,0.4,0.5]]"), StandardCharsets.UTF_8))
                .isEqualTo("{\"ETH\":[0.1,0.2],\"ETHHITFIRST\":[0.3,0.4,0.5],\"hotkey\":\"" + HK + "\"}");
        assertThat(new String(PayloadSealer.preparePlaintext(HK, "{'ETH':[1,0]}:::" + HK), StandardCharsets.UTF_8))
                .isEqualTo("{\"ETH\":[1,0],\"hotkey\":\"" + HK + "\"}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PayloadSealer.preparePlaintext(HK, "{}:::5Other"))
                .hasMessageContaining("hotkey mismatch");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PayloadSealer.preparePlaintext(HK, "\"x\""))
                .hasMessageContaining("object or list");
    }

    @Test
    void signaturesFromADrandClientReachTheOpenerOnlyWhenVerified(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // the client's persistent cache holds round 1000 (re-verified on read); its only relay is dead
        java.nio.file.Path keyDir = new io.tao4j.drand.SignatureCache(dir, ChainInfo.QUICKNET).directory();
        java.nio.file.Files.createDirectories(keyDir);
        java.nio.file.Files.writeString(keyDir.resolve("1000.sig"), PayloadFixtures.SIG_1000);
        io.tao4j.drand.DrandClient client = new io.tao4j.drand.DrandClient(io.tao4j.drand.DrandClient.Config.defaults(dir)
                .withRelays(List.of("http://127.0.0.1:9")));
        PayloadOpener.SignatureSource sigs = PayloadOpener.SignatureSource.from(client);
        JsonNode v = PayloadFixtures.vector("mantis_v2_payload_r1000.json").get("vectors").get(1); // real MANTIS owner key
        byte[] raw = PayloadFixtures.JSON.writeValueAsBytes(v.get("payload"));
        OpenResult res = new PayloadOpener().openRaw(raw, sigs, HK);
        assertThat(res).isInstanceOf(OpenResult.Opened.class);
        assertThat(((OpenResult.Opened) res).plaintextUtf8()).isEqualTo(v.get("expected_plaintext_json").asText());
        // a corrupt cache entry (another round's signature) and no relay: no signature at all
        java.nio.file.Files.writeString(keyDir.resolve("1000.sig"), PayloadFixtures.vector("drand_quicknet_beacons.json")
                .get("beacons").get(0).get("signature").asText());
        io.tao4j.drand.DrandClient fresh = new io.tao4j.drand.DrandClient(io.tao4j.drand.DrandClient.Config.defaults(dir)
                .withRelays(List.of("http://127.0.0.1:9")));
        assertThat(new PayloadOpener().openRaw(raw, PayloadOpener.SignatureSource.from(fresh), HK))
                .isEqualTo(new OpenResult.Rejected(RejectReason.NO_SIGNATURE, "no drand signature for round 1000"));
    }
}
