package io.tao4j.cli.wallet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.cli.PasswordOptions;
import io.tao4j.wallet.Keyfile;
import io.tao4j.wallet.KeyfileData;
import io.tao4j.wallet.KeyfileExistsException;
import io.tao4j.wallet.Wallet;
import io.tao4j.wallet.password.Password;
import io.tao4j.wallet.password.PasswordPurpose;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Writes a coldkey or hotkey with its pub file, asking for the password only when needed. */
final class KeyWriting {
    enum Kind { COLDKEY, HOTKEY }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private KeyWriting() {
    }

    static Keyfile secretFile(Wallet w, Kind kind) {
        return kind == Kind.COLDKEY ? w.coldkeyFile() : w.hotkeyFile();
    }

    /** Fails before anything is generated or asked when a target file exists and --overwrite is absent. */
    static void checkWritable(Wallet w, Kind kind, WriteOptions opts) {
        if (opts.overwrite) {
            return;
        }
        List<Keyfile> files = kind == Kind.COLDKEY ? List.of(w.coldkeyFile(), w.coldkeypubFile())
                : List.of(w.hotkeyFile(), w.hotkeypubFile());
        for (Keyfile f : files) {
            if (f.exists()) {
                throw new KeyfileExistsException("keyfile " + f.path() + " already exists; pass --overwrite to"
                        + " replace it (make sure you have its mnemonic first)");
            }
        }
    }

    /**
     * The password for the new key, or null with --no-password; says on stderr where it came from (never the
     * password itself).
     */
    static Password password(Wallet w, Kind kind, WriteOptions opts, PasswordOptions passwords,
                             WalletSubcommand cmd) {
        if (opts.noPassword) {
            return null;
        }
        Path path = secretFile(w, kind).path();
        Password pw = passwords.resolver().resolve(path, PasswordPurpose.NEW_KEY);
        cmd.note("encrypting " + path + " with the password from " + pw.origin());
        return pw;
    }

    static void write(Wallet w, Kind kind, KeyfileData key, Password password, WriteOptions opts) {
        if (kind == Kind.COLDKEY) {
            w.setColdkey(key, password, opts.overwrite);
        } else {
            w.setHotkey(key, password, opts.overwrite);
        }
    }

    /**
     * btcli's JSON for a written key: {@code {"success": true, "data": {"name", "path", ["hotkey", "hotkey_ss58",]
     * "coldkey_ss58"}, "error": ""}}; an address that cannot be read without a password is null.
     */
    static ObjectNode json(Wallet w, boolean withHotkey) {
        ObjectNode root = JSON.createObjectNode();
        root.put("success", true);
        ObjectNode data = root.putObject("data");
        data.put("name", w.name());
        data.put("path", w.root().toString());
        if (withHotkey) {
            data.put("hotkey", w.hotkey());
            data.put("hotkey_ss58", ss58(w::hotkeyPub));
        }
        data.put("coldkey_ss58", ss58(w::coldkeyPub));
        root.put("error", "");
        return root;
    }

    private static String ss58(java.util.function.Supplier<KeyfileData> pub) {
        try {
            return pub.get().ss58Address();
        } catch (io.tao4j.wallet.WalletException e) {
            return null;
        }
    }

    /**
     * btcli's {@code --uri}: a bare name such as {@code Alice} or {@code //alice} means {@code //Alice}; only letters
     * and digits are allowed, as in btcli.
     */
    static String devUri(String uri) {
        String clean = uri.strip();
        while (clean.startsWith("/")) {
            clean = clean.substring(1);
        }
        if (clean.isEmpty() || !clean.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            throw WalletSubcommand.usage("--uri '" + uri + "' must be a development account name of letters and digits,"
                    + " e.g. Alice, Bob, Charlie, Dave, Eve (it means //Alice); restore other keys with regen-coldkey --uri");
        }
        String lower = clean.toLowerCase(java.util.Locale.ROOT);
        return "//" + Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    static void report(PrintWriter out, Wallet w, Kind kind, KeyfileData key, Password password) {
        String what = kind == Kind.COLDKEY ? "coldkey" : "hotkey '" + w.hotkey() + "'";
        out.println(what + " " + key.ss58Address() + " written to " + secretFile(w, kind).path()
                + (password == null ? " (not encrypted)" : " (encrypted, $NACL)"));
    }
}
