package io.tao4j.mantis.payload.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.aead.X25519;
import io.tao4j.drand.ChainInfo;
import io.tao4j.mantis.payload.PayloadSealer;
import io.tao4j.mantis.payload.V2Payload;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Writes {@code drand/src/test/resources/vectors/java_tlock_r1000.json}: timelock ciphertexts and MANTIS
 * v2 payloads made by this Java code for quicknet round 1000, for {@code tools/vectors/drand/check_java_tlock.mjs}
 * to open with the real wasm builds and node:crypto (it adds a {@code wasm_check} section).
 *
 * <p>It lives in the mantis module (it seals payloads with {@link PayloadSealer}); the file stays in drand's test
 * resources, where {@code JavaVectorsTest} checks the tlock part and mantis's {@code JavaSealedPayloadsTest} the
 * payloads. Run from the repository root after {@code mvn -o -pl mantis -am test-compile -DskipTests}:
 * {@code java -cp mantis/target/test-classes:mantis/target/classes:$(cat cp.txt) io.tao4j.mantis.payload.tools.JavaVectorGenerator drand/src/test/resources/vectors/java_tlock_r1000.json}
 */
public final class JavaVectorGenerator {
    static final String SIG_1000 =
            "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39";

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        SecureRandom rnd = new SecureRandom();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("source", "Made by io.tao4j.mantis.payload.tools.JavaVectorGenerator (tao4j Java tlock encrypt and MANTIS v2 "
                + "seal, fresh randomness); wasm_check is added by tools/vectors/drand/check_java_tlock.mjs, which "
                + "decrypts every ciphertext with @ideallabs/timelock_wasm_wrapper@1.0.0 (legacy) and @0.3.0 (current) "
                + "and opens the payloads with node:crypto + the wasm tld.");
        root.put("round", 1000);
        root.put("public_key_hex", Hex.encode(ChainInfo.QUICKNET.publicKey()));
        root.put("round_signature_hex", SIG_1000);
        Tlock tlock = new Tlock(ChainInfo.QUICKNET.publicKeyPoint());

        byte[] big = new byte[300];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7 + 3);
        }
        byte[] ske = new byte[64];
        rnd.nextBytes(ske);
        Object[][] messages = {
                {"ideal-labs README message", "Hello, Timelock!".getBytes(StandardCharsets.UTF_8)},
                {"empty message", new byte[0]},
                {"MANTIS-style 128 hex chars", Hex.encode(ske).getBytes(StandardCharsets.US_ASCII)},
                {"non-ascii utf-8", "zürich ✓ 東京".getBytes(StandardCharsets.UTF_8)},
                {"300 bytes", big}};
        ArrayNode tl = root.putArray("tlock");
        for (TlockLayout layout : TlockLayout.values()) {
            for (Object[] m : messages) {
                byte[] msg = (byte[]) m[1];
                byte[] sk = new byte[32];
                rnd.nextBytes(sk);
                byte[] ct = tlock.encrypt(1000, msg, sk, layout, rnd);
                ObjectNode v = tl.addObject();
                v.put("label", (String) m[0]);
                v.put("layout", layout.name().toLowerCase());
                v.put("message_hex", Hex.encode(msg));
                v.put("sk_hex", Hex.encode(sk));
                v.put("ciphertext_hex", Hex.encode(ct));
            }
        }

        String hk = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        String plaintext = "{\"ETH\":[-0.5,0.25],\"ETHHITFIRST\":[0.2,0.3,0.5],\"CADUSD\":[1,-1],\"note\":\"zürich\"}";
        ArrayNode payloads = root.putArray("mantis_payloads");
        for (TlockLayout layout : TlockLayout.values()) {
            byte[] ownerSk = new byte[32];
            rnd.nextBytes(ownerSk);
            byte[] ownerPk = X25519.publicKey(ownerSk);
            byte[] pt = PayloadSealer.preparePlaintext(hk, plaintext);
            V2Payload p = new PayloadSealer(tlock, ownerPk, layout, rnd).seal(hk, 1000, pt);
            ObjectNode v = payloads.addObject();
            v.put("layout", layout.name().toLowerCase());
            v.put("owner_x25519_secret_hex", Hex.encode(ownerSk));
            v.put("owner_x25519_public_hex", Hex.encode(ownerPk));
            v.put("hotkey", hk);
            v.put("expected_plaintext_json", new String(pt, StandardCharsets.UTF_8));
            v.put("payload_json", p.toJson());
        }
        Files.writeString(out, json.writeValueAsString(root) + "\n");
        System.out.println("wrote " + out);
    }
}
