package io.tao4j.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.crypto.Bip39;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.crypto.Ss58;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The plaintext content of a bittensor keyfile, with btwallet's fields: {@code accountId} and
 * {@code publicKey} ({@code 0x} hex), {@code privateKey} ({@code 0x} hex of the canonical 64-byte
 * sr25519 secret, scalar ‖ nonce), {@code secretPhrase} (mnemonic), {@code secretSeed} ({@code 0x}
 * hex mini secret), {@code ss58Address}. Public-only files (coldkeypub.txt, hotkeypub.txt) carry
 * only the public fields. {@link #toString()} shows the address only.
 */
public final class KeyfileData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] publicKey;
    private final byte[] privateKey;
    private final String secretPhrase;
    private final byte[] secretSeed;

    private KeyfileData(byte[] publicKey, byte[] privateKey, String secretPhrase, byte[] secretSeed) {
        this.publicKey = publicKey.clone();
        this.privateKey = privateKey == null ? null : privateKey.clone();
        this.secretPhrase = secretPhrase;
        this.secretSeed = secretSeed == null ? null : secretSeed.clone();
    }

    /** A key made from a mnemonic (no BIP-39 passphrase, as btwallet): all six fields. */
    public static KeyfileData fromMnemonic(String mnemonic) {
        String normalized = String.join(" ", mnemonic.strip().split("\\s+"));
        if (!Bip39.isValid(normalized)) {
            try {
                Bip39.toEntropy(normalized);
            } catch (IllegalArgumentException e) {
                throw new WalletException("invalid mnemonic: " + e.getMessage());
            }
            throw new WalletException("invalid mnemonic");
        }
        Sr25519KeyPair kp = Sr25519KeyPair.fromMnemonic(normalized, "");
        return new KeyfileData(kp.publicKey(), kp.canonicalSecret(), normalized, kp.miniSecret().orElseThrow());
    }

    /**
     * A key from a seed: 32 bytes = mini secret (kept as {@code secretSeed}), 64 bytes = canonical
     * secret (kept as {@code privateKey} only).
     */
    public static KeyfileData fromSeed(byte[] seed) {
        if (seed.length == 32) {
            Sr25519KeyPair kp = Sr25519KeyPair.fromMiniSecret(seed);
            return new KeyfileData(kp.publicKey(), kp.canonicalSecret(), null, seed);
        }
        if (seed.length == 64) {
            Sr25519KeyPair kp = canonical(seed, "seed");
            return new KeyfileData(kp.publicKey(), kp.canonicalSecret(), null, null);
        }
        throw new WalletException("a seed must be 32 bytes (mini secret) or 64 bytes (canonical secret), got "
                + seed.length);
    }

    /** A key from a secret URI; like btwallet only the derived key is kept (no phrase, no seed). */
    public static KeyfileData fromUri(String suri) {
        Sr25519KeyPair kp;
        try {
            kp = Sr25519KeyPair.fromUri(suri);
        } catch (IllegalArgumentException e) {
            throw new WalletException("invalid secret URI: " + e.getMessage());
        }
        return new KeyfileData(kp.publicKey(), kp.canonicalSecret(), null, null);
    }

    /** A full key from a key pair (phrase and seed unknown unless given). */
    public static KeyfileData fromKeyPair(Sr25519KeyPair kp) {
        return new KeyfileData(kp.publicKey(), kp.canonicalSecret(), null, kp.miniSecret().orElse(null));
    }

    /** Public fields only (coldkeypub.txt / hotkeypub.txt). */
    public static KeyfileData publicOnly(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new WalletException("a public key must be 32 bytes, got " + publicKey.length);
        }
        return new KeyfileData(publicKey, null, null, null);
    }

    /** This key without its secrets. */
    public KeyfileData publicPart() {
        return publicOnly(publicKey);
    }

    /**
     * Parses keyfile plaintext: btwallet or old-bittensor JSON (absent or {@code null} fields allowed,
     * any key order), or the legacy {@code 0x<64 hex>} public key. The key is taken from
     * {@code secretPhrase}, else {@code secretSeed}, else {@code privateKey}, else the public fields
     * (btwallet's order); when several are present they must agree.
     *
     * @param where names the file in messages
     */
    public static KeyfileData parse(byte[] data, String where) {
        String text = new String(data, StandardCharsets.UTF_8).strip();
        if (text.matches("0x[0-9a-fA-F]{64}")) {
            return publicOnly(Hex.decode(text));
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new WalletException(where + " is not a keyfile: neither JSON nor an encrypted format");
        }
        if (node == null || !node.isObject()) {
            throw new WalletException(where + " is not a keyfile: the JSON is not an object");
        }
        String phrase = str(node, "secretPhrase", where);
        String seedHex = str(node, "secretSeed", where);
        String privHex = str(node, "privateKey", where);
        String pubHex = str(node, "publicKey", where);
        String accountHex = str(node, "accountId", where);
        String ss58 = str(node, "ss58Address", where);

        byte[] declaredPub = null;
        if (pubHex != null) {
            declaredPub = hex(pubHex, 32, "publicKey", where);
        } else if (accountHex != null) {
            declaredPub = hex(accountHex, 32, "accountId", where);
        }
        if (ss58 != null) {
            byte[] fromAddress;
            try {
                fromAddress = Ss58.decode(ss58);
            } catch (IllegalArgumentException e) {
                throw new WalletException(where + ": ss58Address is invalid: " + e.getMessage());
            }
            if (declaredPub != null && !Arrays.equals(declaredPub, fromAddress)) {
                throw new WalletException(where + ": ss58Address and publicKey name different keys");
            }
            declaredPub = fromAddress;
        }

        KeyfileData key = null;
        if (phrase != null) {
            key = fromMnemonic(phrase);
        }
        byte[] seed = null;
        if (seedHex != null) {
            seed = seedBytes(seedHex);
            if (key == null && seed != null && (seed.length == 32 || seed.length == 64)) {
                key = fromSeed(seed);
            }
        }
        byte[] priv = privHex == null ? null : hex(privHex, 64, "privateKey", where);
        if (key == null && priv != null) {
            Sr25519KeyPair kp = canonical(priv, where + " privateKey");
            key = new KeyfileData(kp.publicKey(), priv, null, null);
        }
        if (key == null) {
            if (declaredPub == null) {
                throw new WalletException(where + " holds no key (none of secretPhrase, secretSeed, privateKey,"
                        + " publicKey, ss58Address)");
            }
            return publicOnly(declaredPub);
        }
        if (declaredPub != null && !Arrays.equals(declaredPub, key.publicKey)) {
            throw new WalletException(where + ": the secret and the public key in the file do not match");
        }
        if (priv != null && !Arrays.equals(priv, key.privateKey)) {
            throw new WalletException(where + ": privateKey does not match the secret phrase/seed in the file");
        }
        return key;
    }

    private static Sr25519KeyPair canonical(byte[] secret, String what) {
        try {
            return Sr25519KeyPair.fromCanonicalSecret(secret);
        } catch (IllegalArgumentException e) {
            throw new WalletException(what + " is not a valid canonical sr25519 secret: " + e.getMessage());
        }
    }

    /** btwallet writes the seed as hex, or quirkily as raw text when the bytes are valid UTF-8: keep hex only. */
    private static byte[] seedBytes(String s) {
        String body = s.startsWith("0x") ? s.substring(2) : s;
        if (body.matches("([0-9a-fA-F]{2}){32}|([0-9a-fA-F]{2}){64}")) {
            return Hex.decode(body);
        }
        return null;
    }

    private static String str(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new WalletException(where + ": field " + field + " must be a string");
        }
        return v.asText();
    }

    private static byte[] hex(String s, int len, String field, String where) {
        byte[] b;
        try {
            b = Hex.decode(s);
        } catch (IllegalArgumentException e) {
            throw new WalletException(where + ": field " + field + " is not hex");
        }
        if (b.length != len) {
            throw new WalletException(where + ": field " + field + " must be " + len + " bytes, got " + b.length);
        }
        return b;
    }

    /**
     * Compact JSON with only the fields that have values, in the order old bittensor used
     * (btwallet's own order is unspecified; both read any order).
     */
    public byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        String pub = Hex.encode0x(publicKey);
        o.put("accountId", pub);
        o.put("publicKey", pub);
        if (privateKey != null) {
            o.put("privateKey", Hex.encode0x(privateKey));
        }
        if (secretPhrase != null) {
            o.put("secretPhrase", secretPhrase);
        }
        if (secretSeed != null) {
            o.put("secretSeed", Hex.encode0x(secretSeed));
        }
        o.put("ss58Address", ss58Address());
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String ss58Address() {
        return Ss58.encode(publicKey);
    }

    public boolean hasSecret() {
        return privateKey != null;
    }

    public Optional<String> secretPhrase() {
        return Optional.ofNullable(secretPhrase);
    }

    public Optional<byte[]> secretSeed() {
        return Optional.ofNullable(secretSeed).map(byte[]::clone);
    }

    /** The canonical 64-byte secret, if this is not a public-only keyfile. */
    public Optional<byte[]> privateKey() {
        return Optional.ofNullable(privateKey).map(byte[]::clone);
    }

    /**
     * The signing key pair.
     *
     * @throws WalletException for a public-only keyfile
     */
    public Sr25519KeyPair keyPair() {
        if (privateKey == null) {
            throw new WalletException("key " + ss58Address() + " is public only (no secret in this keyfile)");
        }
        if (secretSeed != null && secretSeed.length == 32) {
            return Sr25519KeyPair.fromMiniSecret(secretSeed);
        }
        return Sr25519KeyPair.fromCanonicalSecret(privateKey);
    }

    @Override
    public String toString() {
        return "KeyfileData[" + ss58Address() + (privateKey == null ? ", public only" : ", with secret") + "]";
    }
}
