package io.tao4j.cli.wallet;

import io.tao4j.crypto.Bip39;
import io.tao4j.wallet.KeyfileData;
import io.tao4j.wallet.Wallet;
import io.tao4j.wallet.password.Password;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;

/** btcli's {@code wallet create}: a coldkey and a hotkey in one go. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a wallet: a new coldkey (encrypted with a password unless --no-password) and a new hotkey"
                + " (unencrypted, as btcli writes hotkeys), each from its own new mnemonic, shown once.",
                "With --uri Alice both are the development account //Alice, unencrypted."})
public final class CreateCommand extends KeyWritingCommand {
    @Mixin
    NewKeyOptions generate;

    @Override
    int execute() {
        int nWords = generate.words();
        String dev = generate.devUri();
        Wallet w = wallet.wallet();
        // both pairs are checked before a key is generated or a password asked: no half-created wallet
        KeyWriting.checkWritable(w, KeyWriting.Kind.COLDKEY, write);
        KeyWriting.checkWritable(w, KeyWriting.Kind.HOTKEY, write);
        PrintWriter shown = generate.output.json() ? err() : out();
        if (dev != null) {
            KeyfileData key = KeyfileData.fromUri(dev);
            KeyWriting.write(w, KeyWriting.Kind.COLDKEY, key, null, write);
            KeyWriting.write(w, KeyWriting.Kind.HOTKEY, key, null, write);
            if (!generate.output.json()) {
                out().println("Wallet created from URI " + dev);
                KeyWriting.report(out(), w, KeyWriting.Kind.COLDKEY, key, null);
                KeyWriting.report(out(), w, KeyWriting.Kind.HOTKEY, key, null);
            }
        } else {
            try (Password pw = KeyWriting.password(w, KeyWriting.Kind.COLDKEY, write, passwords, this)) {
                String coldWords = Bip39.generate(nWords);
                KeyfileData cold = KeyfileData.fromMnemonic(coldWords);
                KeyWriting.write(w, KeyWriting.Kind.COLDKEY, cold, pw, write);
                NewKeyCommand.showMnemonic(shown, KeyWriting.Kind.COLDKEY, coldWords);
                String hotWords = Bip39.generate(nWords);
                KeyfileData hot = KeyfileData.fromMnemonic(hotWords);
                KeyWriting.write(w, KeyWriting.Kind.HOTKEY, hot, null, write);
                NewKeyCommand.showMnemonic(shown, KeyWriting.Kind.HOTKEY, hotWords);
                if (!generate.output.json()) {
                    KeyWriting.report(out(), w, KeyWriting.Kind.COLDKEY, cold, pw);
                    KeyWriting.report(out(), w, KeyWriting.Kind.HOTKEY, hot, null);
                }
            }
        }
        if (generate.output.json()) {
            out().println(KeyWriting.json(w, true));
        }
        return 0;
    }
}
