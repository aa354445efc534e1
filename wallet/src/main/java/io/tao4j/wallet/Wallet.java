package io.tao4j.wallet;

import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.wallet.password.Password;
import io.tao4j.wallet.password.PasswordResolver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A btcli/btwallet wallet: {@code <root>/<name>/coldkey}, {@code coldkeypub.txt},
 * {@code hotkeys/<hotkey>} and {@code hotkeys/<hotkey>pub.txt}. Public keys are read from the
 * {@code pub.txt} files (or an unencrypted key file) without a password; secrets only through
 * {@link #unlockColdkey}/{@link #unlockHotkey}.
 */
public final class Wallet {
    public static final String DEFAULT_NAME = "default";
    public static final String DEFAULT_HOTKEY = "default";
    public static final String DEFAULT_PATH = "~/.bittensor/wallets";

    private final Path root;
    private final String name;
    private final String hotkey;

    public Wallet(Path root, String name, String hotkey) {
        this.root = Objects.requireNonNull(root);
        this.name = checkName(name, "wallet name");
        this.hotkey = checkName(hotkey, "hotkey name");
    }

    /** A wallet under a path string that may start with {@code ~/}. */
    public static Wallet of(String path, String name, String hotkey) {
        return new Wallet(expandPath(path), name, hotkey);
    }

    /** Expands a leading {@code ~} to the user's home directory. */
    public static Path expandPath(String path) {
        if (path.equals("~")) {
            return Path.of(System.getProperty("user.home"));
        }
        if (path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), path.substring(2));
        }
        return Path.of(path);
    }

    private static String checkName(String n, String what) {
        if (n == null || n.isBlank()) {
            throw new WalletException(what + " must not be empty");
        }
        if (n.contains("/") || n.contains("\\") || n.equals(".") || n.equals("..") || n.startsWith(".")) {
            throw new WalletException(what + " '" + n + "' is not a plain file name (no '/', no leading '.')");
        }
        return n;
    }

    public Path root() {
        return root;
    }

    public String name() {
        return name;
    }

    public String hotkey() {
        return hotkey;
    }

    public Wallet withHotkey(String otherHotkey) {
        return new Wallet(root, name, otherHotkey);
    }

    /** {@code <root>/<name>}. */
    public Path dir() {
        return root.resolve(name);
    }

    public Keyfile coldkeyFile() {
        return new Keyfile(dir().resolve("coldkey"));
    }

    public Keyfile coldkeypubFile() {
        return new Keyfile(dir().resolve("coldkeypub.txt"));
    }

    public Keyfile hotkeyFile() {
        return new Keyfile(dir().resolve("hotkeys").resolve(hotkey));
    }

    public Keyfile hotkeypubFile() {
        return new Keyfile(dir().resolve("hotkeys").resolve(hotkey + "pub.txt"));
    }

    /**
     * The coldkey's public part from coldkeypub.txt (or an unencrypted coldkey file); no password.
     *
     * @throws WalletException when neither exists or the coldkey is encrypted without a coldkeypub.txt
     */
    public KeyfileData coldkeyPub() {
        return publicOf(coldkeypubFile(), coldkeyFile(), "wallet '" + name + "' has no coldkey in " + dir()
                + "; create one with 'tao4j wallet new-coldkey' or 'tao4j wallet regen-coldkey'");
    }

    /** The hotkey's public part from {@code <hotkey>pub.txt} (or an unencrypted hotkey file); no password. */
    public KeyfileData hotkeyPub() {
        return publicOf(hotkeypubFile(), hotkeyFile(), "wallet '" + name + "' has no hotkey '" + hotkey + "' in "
                + dir().resolve("hotkeys") + "; create one with 'tao4j wallet new-hotkey' or"
                + " 'tao4j wallet regen-hotkey'");
    }

    private static KeyfileData publicOf(Keyfile pub, Keyfile key, String missing) {
        if (pub.exists()) {
            return pub.readPlain().publicPart();
        }
        if (key.exists()) {
            if (key.isEncrypted()) {
                throw new WalletException(key.path() + " is encrypted and " + pub.path().getFileName()
                        + " is missing; its address cannot be read without the password");
            }
            return key.readPlain().publicPart();
        }
        throw new WalletException(missing);
    }

    /** The coldkey with its secret (decrypting with a password from {@code passwords} if needed). */
    public KeyfileData unlockColdkey(PasswordResolver passwords) {
        requireExists(coldkeyFile(), "coldkey");
        return unlocked(coldkeyFile().load(passwords), coldkeyFile());
    }

    /** The hotkey with its secret (decrypting with a password from {@code passwords} if needed). */
    public KeyfileData unlockHotkey(PasswordResolver passwords) {
        requireExists(hotkeyFile(), "hotkey '" + hotkey + "'");
        return unlocked(hotkeyFile().load(passwords), hotkeyFile());
    }

    /** Shortcut: the coldkey's signing key pair. */
    public Sr25519KeyPair coldkey(PasswordResolver passwords) {
        return unlockColdkey(passwords).keyPair();
    }

    /** Shortcut: the hotkey's signing key pair. */
    public Sr25519KeyPair hotkeyPair(PasswordResolver passwords) {
        return unlockHotkey(passwords).keyPair();
    }

    private void requireExists(Keyfile f, String what) {
        if (!f.exists()) {
            throw new WalletException("wallet '" + name + "' has no " + what + " (" + f.path() + " does not exist)");
        }
    }

    private static KeyfileData unlocked(KeyfileData d, Keyfile f) {
        if (!d.hasSecret()) {
            throw new WalletException(f.path() + " holds only a public key; it cannot sign");
        }
        return d;
    }

    /**
     * Writes the coldkey (encrypted when {@code password} is not null) and coldkeypub.txt.
     * Nothing is written when either file exists and {@code overwrite} is false.
     */
    public void setColdkey(KeyfileData key, Password password, boolean overwrite) {
        setPair(key, password, overwrite, coldkeyFile(), coldkeypubFile());
    }

    /** Writes the hotkey (encrypted when {@code password} is not null) and {@code <hotkey>pub.txt}. */
    public void setHotkey(KeyfileData key, Password password, boolean overwrite) {
        setPair(key, password, overwrite, hotkeyFile(), hotkeypubFile());
    }

    /**
     * Writes only coldkeypub.txt (btwallet's {@code regenerate_coldkeypub}: a watch-only machine knows the address,
     * never the secret). Refuses when it exists and {@code overwrite} is false.
     */
    public void setColdkeypub(KeyfileData publicKey, boolean overwrite) {
        setPub(publicKey, overwrite, coldkeypubFile());
    }

    /** Writes only {@code hotkeys/<hotkey>pub.txt} (btwallet's {@code regenerate_hotkeypub}). */
    public void setHotkeypub(KeyfileData publicKey, boolean overwrite) {
        setPub(publicKey, overwrite, hotkeypubFile());
    }

    private static void setPub(KeyfileData key, boolean overwrite, Keyfile pub) {
        if (!overwrite && pub.exists()) {
            throw new KeyfileExistsException("keyfile " + pub.path() + " already exists; pass --overwrite to replace it");
        }
        pub.save(key.publicPart(), null, true);
    }

    private static void setPair(KeyfileData key, Password password, boolean overwrite, Keyfile secret, Keyfile pub) {
        if (!key.hasSecret()) {
            throw new WalletException("refusing to write a public-only key to " + secret.path());
        }
        if (!overwrite) {
            for (Keyfile f : List.of(secret, pub)) {
                if (f.exists()) {
                    throw new KeyfileExistsException("keyfile " + f.path() + " already exists; pass --overwrite to"
                            + " replace it (make sure you have its mnemonic first)");
                }
            }
        }
        secret.save(key, password, overwrite);
        pub.save(key.publicPart(), null, true);
    }

    /** One wallet directory as {@link #list} sees it. */
    public record Summary(String name, Optional<String> coldkeySs58, List<HotkeySummary> hotkeys) {
    }

    /** One hotkey: its address when readable without a password. */
    public record HotkeySummary(String name, Optional<String> ss58, boolean encrypted) {
    }

    /** The wallets under {@code root} (sorted by name), with addresses read without decrypting anything. */
    public static List<Summary> list(Path root) {
        List<Summary> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && !n.startsWith(".")) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            throw new WalletException("cannot list wallets in " + root + ": " + e.getMessage());
        }
        for (String n : names) {
            Wallet w = new Wallet(root, n, DEFAULT_HOTKEY);
            out.add(new Summary(n, addressQuietly(w::coldkeyPub), w.hotkeySummaries()));
        }
        return out;
    }

    private List<HotkeySummary> hotkeySummaries() {
        Path dir = dir().resolve("hotkeys");
        TreeMap<String, HotkeySummary> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        TreeSet<String> hotkeys = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") || !Files.isRegularFile(p)) {
                    continue;
                }
                hotkeys.add(n.endsWith("pub.txt") && n.length() > 7 ? n.substring(0, n.length() - 7) : n);
            }
        } catch (IOException e) {
            throw new WalletException("cannot list hotkeys in " + dir + ": " + e.getMessage());
        }
        for (String h : hotkeys) {
            Wallet w = withHotkey(h);
            boolean encrypted = quietly(() -> w.hotkeyFile().isEncrypted()).orElse(false);
            out.put(h, new HotkeySummary(h, addressQuietly(w::hotkeyPub), encrypted));
        }
        return List.copyOf(out.values());
    }

    private interface Reader<T> {
        T read();
    }

    private static Optional<String> addressQuietly(Reader<KeyfileData> r) {
        try {
            return Optional.of(r.read().ss58Address());
        } catch (WalletException e) {
            return Optional.empty();
        }
    }

    private static <T> Optional<T> quietly(java.util.function.Supplier<T> r) {
        try {
            return Optional.ofNullable(r.get());
        } catch (WalletException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "Wallet[name=" + name + ", hotkey=" + hotkey + ", path=" + root + "]";
    }
}
