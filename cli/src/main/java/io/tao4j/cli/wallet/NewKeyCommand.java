package io.tao4j.cli.wallet;

import io.tao4j.crypto.Bip39;
import io.tao4j.wallet.KeyfileData;
import io.tao4j.wallet.Wallet;
import io.tao4j.wallet.password.Password;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;

/** new-coldkey / new-hotkey: a fresh mnemonic, shown once; or, with --uri, a development account. */
public abstract class NewKeyCommand extends KeyWritingCommand {
    @Mixin
    NewKeyOptions generate;

    NewKeyCommand(KeyWriting.Kind kind) {
        super(kind);
    }

    @Override
    int execute() {
        int nWords = generate.words();
        String dev = generate.devUri();
        Wallet w = wallet.wallet();
        KeyWriting.checkWritable(w, kind(), write);
        if (dev != null) {
            KeyfileData key = KeyfileData.fromUri(dev);
            KeyWriting.write(w, kind(), key, null, write);
            finish(w, key, null, dev);
            return 0;
        }
        try (Password pw = KeyWriting.password(w, kind(), write, passwords, this)) {
            String mnemonic = Bip39.generate(nWords);
            KeyfileData key = KeyfileData.fromMnemonic(mnemonic);
            KeyWriting.write(w, kind(), key, pw, write);
            showMnemonic(generate.output.json() ? err() : out(), kind(), mnemonic);
            finish(w, key, pw, null);
            return 0;
        }
    }

    private void finish(Wallet w, KeyfileData key, Password pw, String dev) {
        if (generate.output.json()) {
            out().println(KeyWriting.json(w, kind() == KeyWriting.Kind.HOTKEY));
            return;
        }
        if (dev != null) {
            out().println((kind() == KeyWriting.Kind.COLDKEY ? "Coldkey" : "Hotkey") + " created from URI " + dev);
        }
        KeyWriting.report(out(), w, kind(), key, pw);
    }

    /**
     * Prints a new mnemonic once, with the warning; with --json on stderr, so that stdout stays one JSON document
     * and the words still reach the person who must write them down.
     */
    static void showMnemonic(PrintWriter out, KeyWriting.Kind kind, String mnemonic) {
        String name = kind == KeyWriting.Kind.COLDKEY ? "coldkey" : "hotkey";
        out.println();
        out.println("IMPORTANT: store this mnemonic in a secure (preferably offline) place. Anyone who has it");
        out.println("can regenerate the key and take its funds. It is shown only this once.");
        out.println();
        out.println("The mnemonic to the new " + name + " is:");
        out.println();
        out.println("    " + mnemonic);
        out.println();
        out.println("Recreate the key with: tao4j wallet regen-" + name
                + " (it asks for the words; or --mnemonic-file FILE, or --mnemonic - to read them from stdin)");
        out.flush();
    }

    @Command(name = "new-coldkey", mixinStandardHelpOptions = true,
            description = "Create a coldkey from a new mnemonic (and coldkeypub.txt); prints the mnemonic once.")
    public static final class NewColdkey extends NewKeyCommand {
        public NewColdkey() {
            super(KeyWriting.Kind.COLDKEY);
        }
    }

    @Command(name = "new-hotkey", mixinStandardHelpOptions = true,
            description = "Create a hotkey from a new mnemonic (and <hotkey>pub.txt); prints the mnemonic once.")
    public static final class NewHotkey extends NewKeyCommand {
        public NewHotkey() {
            super(KeyWriting.Kind.HOTKEY);
        }
    }
}
