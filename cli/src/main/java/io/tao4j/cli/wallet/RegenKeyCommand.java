package io.tao4j.cli.wallet;

import io.tao4j.cli.PasswordOptions;
import io.tao4j.cli.WalletOptions;
import io.tao4j.crypto.Hex;
import io.tao4j.wallet.KeyfileData;
import io.tao4j.wallet.Wallet;
import io.tao4j.wallet.password.Password;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/** regen-coldkey / regen-hotkey: restore a key from a mnemonic, a seed or a secret URI. */
public abstract class RegenKeyCommand extends WalletSubcommand {
    @Mixin
    WalletOptions wallet;
    @Mixin
    PasswordOptions passwords;
    @Mixin
    WriteOptions write;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--mnemonic", arity = "1..*", paramLabel = "WORD",
                description = "The mnemonic (quoted, or as separate words).")
        List<String> mnemonic;

        @Option(names = "--seed", paramLabel = "0xHEX",
                description = "32-byte mini secret (or 64-byte canonical secret) as hex.")
        String seed;

        @Option(names = "--uri", paramLabel = "SURI",
                description = "Secret URI: <phrase>//hard/soft///password; a bare //Alice uses the dev phrase.")
        String uri;
    }

    abstract KeyWriting.Kind kind();

    @Override
    int execute() {
        KeyfileData key;
        if (source.mnemonic != null) {
            key = KeyfileData.fromMnemonic(String.join(" ", source.mnemonic));
        } else if (source.seed != null) {
            byte[] seed;
            try {
                seed = Hex.decode(source.seed.strip());
            } catch (IllegalArgumentException e) {
                throw usage("--seed is not hex (expected 0x followed by 64 hex digits)");
            }
            if (seed.length != 32 && seed.length != 64) {
                throw usage("--seed must be 32 bytes (64 hex digits) or 64 bytes, got " + seed.length + " bytes");
            }
            key = KeyfileData.fromSeed(seed);
        } else {
            key = KeyfileData.fromUri(source.uri);
        }
        Wallet w = wallet.wallet();
        KeyWriting.checkWritable(w, kind(), write);
        try (Password pw = KeyWriting.password(w, kind(), write, passwords)) {
            KeyWriting.write(w, kind(), key, pw, write);
            KeyWriting.report(out(), w, kind(), key, pw);
        }
        return 0;
    }

    @Command(name = "regen-coldkey", mixinStandardHelpOptions = true,
            description = "Restore a coldkey (and coldkeypub.txt) from --mnemonic, --seed or --uri.")
    public static final class RegenColdkey extends RegenKeyCommand {
        @Override
        KeyWriting.Kind kind() {
            return KeyWriting.Kind.COLDKEY;
        }
    }

    @Command(name = "regen-hotkey", mixinStandardHelpOptions = true,
            description = "Restore a hotkey (and <hotkey>pub.txt) from --mnemonic, --seed or --uri.")
    public static final class RegenHotkey extends RegenKeyCommand {
        @Override
        KeyWriting.Kind kind() {
            return KeyWriting.Kind.HOTKEY;
        }
    }
}
