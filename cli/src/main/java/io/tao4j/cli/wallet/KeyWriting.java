package io.tao4j.cli.wallet;

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

    static void report(PrintWriter out, Wallet w, Kind kind, KeyfileData key, Password password) {
        String what = kind == Kind.COLDKEY ? "coldkey" : "hotkey '" + w.hotkey() + "'";
        out.println(what + " " + key.ss58Address() + " written to " + secretFile(w, kind).path()
                + (password == null ? " (not encrypted)" : " (encrypted, $NACL)"));
    }
}
