package io.tao4j.cli.wallet;

import io.tao4j.crypto.Hex;
import io.tao4j.wallet.KeyfileData;
import io.tao4j.wallet.Wallet;
import io.tao4j.wallet.password.Password;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.Console;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** regen-coldkey / regen-hotkey: restore a key from a mnemonic, a seed or a secret URI. */
public abstract class RegenKeyCommand extends KeyWritingCommand {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source = new Source();

    static final class Source {
        @Option(names = "--mnemonic", arity = "1..*", paramLabel = "WORD",
                description = {"The mnemonic (quoted, or as separate words); '-' reads it from standard input.",
                        "Words on the command line are visible to other users (ps) and kept in shell history:"
                                + " prefer the prompt, '-', --mnemonic-file or --mnemonic-env."})
        List<String> mnemonic;

        @Option(names = "--mnemonic-file", paramLabel = "FILE", description = "Read the mnemonic from FILE ('-': standard input).")
        Path mnemonicFile;

        @Option(names = "--mnemonic-env", paramLabel = "VAR", description = "Read the mnemonic from environment variable VAR.")
        String mnemonicEnv;

        @Option(names = "--seed", paramLabel = "0xHEX",
                description = "32-byte mini secret (or 64-byte canonical secret) as hex; '-' reads it from standard input"
                        + " (on the command line it is visible in ps: prefer '-', --seed-file or --seed-env).")
        String seed;

        @Option(names = "--seed-file", paramLabel = "FILE", description = "Read the hex seed from FILE ('-': standard input).")
        Path seedFile;

        @Option(names = "--seed-env", paramLabel = "VAR", description = "Read the hex seed from environment variable VAR.")
        String seedEnv;

        @Option(names = "--uri", paramLabel = "SURI",
                description = "Secret URI: <phrase>//hard/soft///password; a bare //Alice uses the dev phrase.")
        String uri;
    }

    RegenKeyCommand(KeyWriting.Kind kind) {
        super(kind);
    }

    @Override
    int execute() {
        Wallet w = wallet.wallet();
        KeyWriting.checkWritable(w, kind(), write); // before anyone types a mnemonic
        KeyfileData key = key(System.getenv(), System.in, System.console());
        try (Password pw = KeyWriting.password(w, kind(), write, passwords, this)) {
            KeyWriting.write(w, kind(), key, pw, write);
            KeyWriting.report(out(), w, kind(), key, pw);
        }
        return 0;
    }

    /**
     * The key from whichever source was given; with none, the mnemonic is asked at the terminal. A secret taken
     * from argv is warned about on stderr once it parsed (a malformed one is just a one-line error).
     */
    KeyfileData key(Map<String, String> env, InputStream stdin, Console console) {
        SecretInput in = new SecretInput(env, stdin);
        Source s = source;
        if (s.mnemonic != null) {
            if (s.mnemonic.equals(List.of("-"))) {
                return mnemonic(in.stdin("--mnemonic -"));
            }
            KeyfileData key = mnemonic(String.join(" ", s.mnemonic));
            note("warning: a mnemonic on the command line is visible to other users (ps) and kept in shell history;"
                    + " next time use the prompt, --mnemonic -, --mnemonic-file FILE or --mnemonic-env VAR");
            return key;
        }
        if (s.mnemonicFile != null) {
            return mnemonic(in.file(s.mnemonicFile, "--mnemonic-file"));
        }
        if (s.mnemonicEnv != null) {
            return mnemonic(in.env(s.mnemonicEnv, "--mnemonic-env"));
        }
        if (s.seed != null) {
            if (s.seed.equals("-")) {
                return seed(in.stdin("--seed -"), "--seed -");
            }
            KeyfileData key = seed(s.seed, "--seed");
            note("warning: a seed on the command line is visible to other users (ps) and kept in shell history;"
                    + " next time use --seed -, --seed-file FILE or --seed-env VAR");
            return key;
        }
        if (s.seedFile != null) {
            return seed(in.file(s.seedFile, "--seed-file"), "--seed-file");
        }
        if (s.seedEnv != null) {
            return seed(in.env(s.seedEnv, "--seed-env"), "--seed-env");
        }
        if (s.uri != null) {
            KeyfileData key = KeyfileData.fromUri(s.uri);
            if (!s.uri.startsWith("/")) {
                note("warning: a secret URI with a phrase on the command line is visible to other users (ps);"
                        + " prefer --mnemonic-file FILE or the prompt");
            }
            return key;
        }
        if (console == null) {
            throw usage("no key given and no terminal to ask on: give the mnemonic with --mnemonic-file FILE,"
                    + " --mnemonic-env VAR or --mnemonic - (standard input), or --seed-file / --seed-env / --uri");
        }
        char[] typed = console.readPassword("Enter the mnemonic of the %s (words separated by spaces, not shown): ",
                kind() == KeyWriting.Kind.COLDKEY ? "coldkey" : "hotkey");
        if (typed == null) {
            throw usage("no mnemonic entered (input closed)");
        }
        try {
            return mnemonic(new String(typed));
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    private static KeyfileData mnemonic(String text) {
        String words = String.join(" ", text.strip().split("\\s+"));
        if (words.isEmpty()) {
            throw usage("the mnemonic is empty");
        }
        return KeyfileData.fromMnemonic(words);
    }

    private static KeyfileData seed(String text, String option) {
        byte[] seed;
        try {
            seed = Hex.decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw usage(option + " is not hex (expected 0x followed by 64 hex digits)");
        }
        if (seed.length != 32 && seed.length != 64) {
            throw usage(option + " must be 32 bytes (64 hex digits) or 64 bytes, got " + seed.length + " bytes");
        }
        return KeyfileData.fromSeed(seed);
    }

    @Command(name = "regen-coldkey", mixinStandardHelpOptions = true,
            description = "Restore a coldkey (and coldkeypub.txt) from a mnemonic (asked for when no source is given), a seed or a URI.")
    public static final class RegenColdkey extends RegenKeyCommand {
        public RegenColdkey() {
            super(KeyWriting.Kind.COLDKEY);
        }
    }

    @Command(name = "regen-hotkey", mixinStandardHelpOptions = true,
            description = "Restore a hotkey (and <hotkey>pub.txt) from a mnemonic (asked for when no source is given), a seed or a URI.")
    public static final class RegenHotkey extends RegenKeyCommand {
        public RegenHotkey() {
            super(KeyWriting.Kind.HOTKEY);
        }
    }
}
