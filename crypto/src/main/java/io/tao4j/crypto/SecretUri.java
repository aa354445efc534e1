package io.tao4j.crypto;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Substrate secret URI: {@code <phrase or 0x seed><path>[///password]}, for example
 * {@code "<12 words>//hotkey/0"}, {@code "0x<64 hex digits>//Alice"} or just {@code "//Alice"} (a URI that
 * starts with a path uses the public development phrase {@link #DEV_PHRASE}).
 *
 * <ul>
 *   <li>A phrase is a BIP-39 mnemonic (12..24 English words, single spaces); its password (after
 *       {@code ///}) enters the substrate-bip39 mini-secret derivation.</li>
 *   <li>A {@code 0x} seed must be exactly 32 bytes and is the mini secret itself; a password is rejected
 *       with it (Substrate and polkadot-js silently ignore it, which would hide a mistake).</li>
 *   <li>The path follows {@link DeriveJunction} (polkadot-js rules).</li>
 * </ul>
 * The URI is NFC-normalised first, as polkadot-js does, so a password typed in decomposed Unicode gives
 * the same key. Neither {@link #toString()} nor any error message contains the phrase, seed or password.
 */
public final class SecretUri {

    /** The well-known Substrate development phrase (public; never use it for real funds). */
    public static final String DEV_PHRASE = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

    private static final Pattern SURI = Pattern.compile(
            "^(0x[0-9a-fA-F]+|[\\p{L}\\d]+(?: [\\p{L}\\d]+)*)?((?://?[^/]+)*)(?:///(.*))?$", Pattern.DOTALL);

    private final String phrase;
    private final boolean devPhrase;
    private final String pathText;
    private final List<DeriveJunction> path;
    private final String password;

    private SecretUri(String phrase, boolean devPhrase, String pathText, List<DeriveJunction> path,
            String password) {
        this.phrase = phrase;
        this.devPhrase = devPhrase;
        this.pathText = pathText;
        this.path = path;
        this.password = password;
    }

    /**
     * Parses a secret URI (surrounding whitespace is ignored).
     *
     * @throws IllegalArgumentException with a reason that does not repeat the secret
     */
    public static SecretUri parse(String suri) {
        if (suri == null) {
            throw new IllegalArgumentException("secret URI is null");
        }
        // polkadot-js normalises the whole URI to NFC before matching (keyExtractSuri)
        String s = Normalizer.normalize(suri, Normalizer.Form.NFC).strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("secret URI is empty");
        }
        Matcher m = SURI.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("secret URI is malformed: expected '<mnemonic or 0x seed>"
                    + "[//hard][/soft]...[///password]' with single spaces between words");
        }
        String phrase = m.group(1);
        String pathText = m.group(2) == null ? "" : m.group(2);
        String password = m.group(3);
        boolean dev = false;
        if (phrase == null) {
            if (pathText.isEmpty()) {
                throw new IllegalArgumentException(
                        "secret URI has no phrase: it must start with a mnemonic, a 0x seed, or a path such as //Alice");
            }
            phrase = DEV_PHRASE;
            dev = true;
        }
        if (phrase.startsWith("0x")) {
            if (phrase.length() != 66) {
                throw new IllegalArgumentException("secret URI seed must be 0x followed by 64 hex digits (32 bytes),"
                        + " got " + (phrase.length() - 2) + " digits");
            }
            if (password != null) {
                throw new IllegalArgumentException("secret URI: a ///password cannot be used with a 0x seed");
            }
        } else {
            int words = phrase.split(" ").length;
            if (words != 12 && words != 15 && words != 18 && words != 21 && words != 24) {
                throw new IllegalArgumentException("secret URI phrase must be a 12, 15, 18, 21 or 24 word mnemonic"
                        + " or a 0x seed, got " + words + " word(s)");
            }
        }
        List<DeriveJunction> path = DeriveJunction.parsePath(pathText);
        return new SecretUri(phrase, dev, pathText, path, password);
    }

    /** Whether the phrase was omitted and the development phrase is used. */
    public boolean usesDevPhrase() {
        return devPhrase;
    }

    /** Whether the phrase is a {@code 0x} seed rather than a mnemonic. */
    public boolean isHexSeed() {
        return phrase.startsWith("0x");
    }

    /** The mnemonic or {@code 0x} seed (secret). */
    public String phrase() {
        return phrase;
    }

    /** The derivation path as written, e.g. {@code //Alice/0} (empty when there is none). */
    public String pathText() {
        return pathText;
    }

    public List<DeriveJunction> path() {
        return path;
    }

    /** The password after {@code ///}, if any (secret). */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The root mini secret: the hex seed, or the substrate-bip39 derivation of the mnemonic and password. */
    public byte[] rootMiniSecret() {
        if (isHexSeed()) {
            return Hex.decode(phrase);
        }
        return Bip39.miniSecret(phrase, password == null ? "" : password);
    }

    /** The key pair this URI names: root key from {@link #rootMiniSecret()}, then the path applied. */
    public Sr25519KeyPair keyPair() {
        byte[] mini = rootMiniSecret();
        try {
            Sr25519KeyPair root = Sr25519KeyPair.fromMiniSecret(mini);
            return root.derive(path);
        } finally {
            Arrays.fill(mini, (byte) 0);
        }
    }

    /** Shows only the non-secret parts: whether the dev phrase is used, and the path. */
    @Override
    public String toString() {
        return "SecretUri[" + (devPhrase ? "<dev phrase>" : isHexSeed() ? "<seed>" : "<mnemonic>") + pathText
                + (password != null ? "///<password>" : "") + "]";
    }
}
