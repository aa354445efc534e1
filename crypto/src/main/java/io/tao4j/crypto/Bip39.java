package io.tao4j.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * BIP-39 mnemonics with the English word list, and the Substrate ("substrate-bip39") mini-secret
 * derivation: PBKDF2-HMAC-SHA512 over the mnemonic's <em>entropy bytes</em> (not the sentence), salt
 * {@code "mnemonic" + password}, 2048 rounds, first 32 bytes. Note this differs from the standard BIP-39
 * seed, so an sr25519 key from a phrase is not the one a Bitcoin/Ethereum wallet would derive.
 *
 * <p>Error messages never contain mnemonic words; they give the position of the offending word instead.
 */
public final class Bip39 {

    private static final List<String> WORDS;
    private static final Map<String, Integer> INDEX;
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        List<String> words = new ArrayList<>(2048);
        try (InputStream in = Bip39.class.getResourceAsStream("bip39/english.txt")) {
            if (in == null) {
                throw new IllegalStateException("BIP-39 English word list resource is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    words.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the BIP-39 word list", e);
        }
        if (words.size() != 2048) {
            throw new IllegalStateException("BIP-39 word list has " + words.size() + " words, expected 2048");
        }
        WORDS = Collections.unmodifiableList(words);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            idx.put(words.get(i), i);
        }
        INDEX = idx;
    }

    private Bip39() {
    }

    /** The 2048 English words in order. */
    public static List<String> wordList() {
        return WORDS;
    }

    /** Whether {@code word} is in the English list. */
    public static boolean isWord(String word) {
        return word != null && INDEX.containsKey(word);
    }

    /**
     * A fresh random mnemonic of 12, 15, 18, 21 or 24 words (128..256 bits of entropy from SecureRandom).
     */
    public static String generate(int words) {
        int entropyBytes = switch (words) {
            case 12 -> 16;
            case 15 -> 20;
            case 18 -> 24;
            case 21 -> 28;
            case 24 -> 32;
            default -> throw new IllegalArgumentException(
                    "mnemonic length must be 12, 15, 18, 21 or 24 words, got " + words);
        };
        byte[] entropy = new byte[entropyBytes];
        RANDOM.nextBytes(entropy);
        try {
            return fromEntropy(entropy);
        } finally {
            Arrays.fill(entropy, (byte) 0);
        }
    }

    /** The mnemonic for 16, 20, 24, 28 or 32 bytes of entropy. */
    public static String fromEntropy(byte[] entropy) {
        int n = entropy.length;
        if (n < 16 || n > 32 || n % 4 != 0) {
            throw new IllegalArgumentException("BIP-39 entropy must be 16, 20, 24, 28 or 32 bytes, got " + n);
        }
        int entBits = n * 8;
        int csBits = entBits / 32;
        byte[] hash = Hashes.sha256(entropy);
        int words = (entBits + csBits) / 11;
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) {
            int idx = 0;
            for (int b = 0; b < 11; b++) {
                int bit = w * 11 + b;
                int v = bit < entBits ? bitAt(entropy, bit) : bitAt(hash, bit - entBits);
                idx = (idx << 1) | v;
            }
            if (w > 0) {
                sb.append(' ');
            }
            sb.append(WORDS.get(idx));
        }
        return sb.toString();
    }

    /**
     * The entropy bytes of a mnemonic, after checking the word count, that every word is in the English
     * list, and the checksum. Words are separated by whitespace; the phrase is NFKD-normalised first.
     *
     * @throws IllegalArgumentException naming the word count, the position of an unknown word, or
     *     "checksum mismatch"
     */
    public static byte[] toEntropy(String mnemonic) {
        String[] words = split(mnemonic);
        int n = words.length;
        if (n != 12 && n != 15 && n != 18 && n != 21 && n != 24) {
            throw new IllegalArgumentException("mnemonic must have 12, 15, 18, 21 or 24 words, got " + n);
        }
        int totalBits = n * 11;
        int csBits = totalBits / 33;
        int entBits = totalBits - csBits;
        byte[] bits = new byte[(totalBits + 7) / 8];
        for (int w = 0; w < n; w++) {
            Integer idx = INDEX.get(words[w]);
            if (idx == null) {
                throw new IllegalArgumentException("mnemonic word " + (w + 1) + " of " + n
                        + " is not in the BIP-39 English word list");
            }
            for (int b = 0; b < 11; b++) {
                if (((idx >> (10 - b)) & 1) != 0) {
                    int bit = w * 11 + b;
                    bits[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                }
            }
        }
        byte[] entropy = Arrays.copyOf(bits, entBits / 8);
        byte[] hash = Hashes.sha256(entropy);
        for (int i = 0; i < csBits; i++) {
            if (bitAt(bits, entBits + i) != bitAt(hash, i)) {
                Arrays.fill(bits, (byte) 0);
                Arrays.fill(entropy, (byte) 0);
                throw new IllegalArgumentException("mnemonic checksum mismatch");
            }
        }
        Arrays.fill(bits, (byte) 0);
        return entropy;
    }

    /** Whether the mnemonic has a valid length, only English words and a correct checksum. */
    public static boolean isValid(String mnemonic) {
        try {
            Arrays.fill(toEntropy(mnemonic), (byte) 0);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Substrate mini secret: PBKDF2-HMAC-SHA512(password = entropy, salt = "mnemonic" + password,
     * 2048 rounds)[0..32]. {@code password} may be empty (or null, meaning empty).
     */
    public static byte[] miniSecret(String mnemonic, String password) {
        byte[] entropy = toEntropy(mnemonic);
        byte[] salt = ("mnemonic" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8);
        try {
            PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA512Digest());
            gen.init(entropy, salt, 2048);
            byte[] out = ((KeyParameter) gen.generateDerivedParameters(512)).getKey();
            byte[] mini = Arrays.copyOf(out, 32);
            Arrays.fill(out, (byte) 0);
            return mini;
        } finally {
            Arrays.fill(entropy, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    private static String[] split(String mnemonic) {
        if (mnemonic == null) {
            throw new IllegalArgumentException("mnemonic is null");
        }
        String norm = Normalizer.normalize(mnemonic, Normalizer.Form.NFKD).trim();
        if (norm.isEmpty()) {
            return new String[0];
        }
        return norm.split("\\s+");
    }

    private static int bitAt(byte[] data, int bit) {
        return (data[bit / 8] >> (7 - (bit % 8))) & 1;
    }
}
