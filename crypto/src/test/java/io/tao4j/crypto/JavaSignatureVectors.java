package io.tao4j.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes signatures made by this Java implementation to a JSON file so that
 * tools/vectors/crypto/verify-java-signatures.mjs can check them with polkadot-js, the Rust schnorrkel wasm
 * build and @scure/sr25519. Not a test; run by hand (see src/test/resources/vectors/README.md):
 * {@code java -cp <test classpath> io.tao4j.crypto.JavaSignatureVectors /tmp/java_sigs.json}.
 */
public final class JavaSignatureVectors {

    private JavaSignatureVectors() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "java_sigs.json");
        String m24 = Bip39.fromEntropy(Hashes.sha256("tao4j sr25519 vectors 24".getBytes(StandardCharsets.UTF_8)));
        List<String[]> signers = List.of(
                new String[] {"//Alice", "//Alice"},
                new String[] {"//Bob//validator", "//Bob//validator"},
                new String[] {"//Eve//miner3", "//Eve//miner3"},
                new String[] {"//Alice/soft", "//Alice/soft"},
                new String[] {"<MNEMONIC_24>//1//2/3", m24 + "//1//2/3"},
                new String[] {"<MNEMONIC_24>///Tr0ub4dour", m24 + "///Tr0ub4dour"});
        List<byte[]> messages = List.of(new byte[0], "hello from tao4j".getBytes(StandardCharsets.UTF_8),
                Hashes.blake2b256("payload".getBytes(StandardCharsets.UTF_8)), seq(256, 3), seq(257, 11), seq(1000, 17));
        byte[] rng42 = new byte[32];
        Arrays.fill(rng42, (byte) 0x42);
        List<String> entries = new ArrayList<>();
        for (String[] s : signers) {
            Sr25519KeyPair kp = Sr25519KeyPair.fromUri(s[1]);
            for (byte[] msg : messages) {
                byte[] sig = kp.sign(msg);
                entries.add(entry(s[0], kp, msg, sig, "random", true));
                boolean deterministicKey = !s[0].contains("/soft") && !s[0].endsWith("/3");
                if (deterministicKey) {
                    entries.add(entry(s[0], kp, msg, kp.sign(msg, rng42), "rng_32x0x42", true));
                }
                if (msg.length == 0 || msg.length == 257) {
                    byte[] bad = sig.clone();
                    bad[10] ^= 0x01;
                    entries.add(entry(s[0], kp, msg, bad, "negative_control_flipped_R_bit", false));
                    byte[] noMarker = sig.clone();
                    noMarker[63] &= 0x7F;
                    entries.add(entry(s[0], kp, msg, noMarker, "negative_control_no_marker", false));
                    byte[] otherMsg = Arrays.copyOf(msg, msg.length + 1);
                    entries.add(entry(s[0], kp, otherMsg, sig, "negative_control_other_message", false));
                }
            }
        }
        String json = "{\n \"generator\": \"io.tao4j.crypto.JavaSignatureVectors (tao4j crypto, Java "
                + System.getProperty("java.version") + ")\",\n \"entries\": [\n" + String.join(",\n", entries) + "\n ]\n}\n";
        Files.writeString(out, json, StandardCharsets.UTF_8);
        System.out.println("wrote " + entries.size() + " entries to " + out);
    }

    private static String entry(String signer, Sr25519KeyPair kp, byte[] msg, byte[] sig, String kind, boolean valid) {
        return "  {\"signer\": \"" + signer + "\", \"kind\": \"" + kind + "\", \"expected_valid\": " + valid
                + ", \"public_key_hex\": \"" + Hex.encode(kp.publicKey()) + "\", \"message_hex\": \"" + Hex.encode(msg)
                + "\", \"signature_hex\": \"" + Hex.encode(sig) + "\"}";
    }

    private static byte[] seq(int n, int mul) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * mul + 1);
        }
        return b;
    }
}
