package io.tao4j.cli.wallet;

import io.tao4j.cli.WalletOptions;
import io.tao4j.cli.config.OutputOptions;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Ss58;
import io.tao4j.wallet.KeyfileData;
import io.tao4j.wallet.Wallet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * regen-coldkeypub / regen-hotkeypub: a watch-only machine's pub file from an address or public key; no secret
 * is involved, so nothing is encrypted or asked.
 */
public abstract class RegenPubCommand extends WalletSubcommand {
    @Mixin
    WalletOptions wallet;
    @Mixin
    OutputOptions output;

    @Option(names = "--overwrite", description = "Replace an existing pub file (default: refuse).")
    boolean overwrite;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = {"--ss58", "--ss58-address", "--ss58_address"}, paramLabel = "ADDRESS",
                description = "The key's SS58 address (ss58Address in the pub file on the other machine).")
        String ss58;

        @Option(names = {"--public-key", "--public-key-hex", "--public_key_hex"}, paramLabel = "0xHEX",
                description = "The key's 32-byte public key as hex (publicKey in the pub file on the other machine).")
        String publicKey;
    }

    RegenPubCommand(KeyWriting.Kind kind) {
        super(kind);
    }

    @Override
    int execute() {
        KeyfileData pub = publicKey();
        Wallet w = wallet.wallet();
        if (kind() == KeyWriting.Kind.COLDKEY) {
            w.setColdkeypub(pub, overwrite);
        } else {
            w.setHotkeypub(pub, overwrite);
        }
        if (output.json()) {
            out().println(KeyWriting.json(w, true));
        } else {
            out().println((kind() == KeyWriting.Kind.COLDKEY ? "coldkeypub " : "hotkey '" + w.hotkey() + "' pub file ")
                    + pub.ss58Address() + " written to "
                    + (kind() == KeyWriting.Kind.COLDKEY ? w.coldkeypubFile() : w.hotkeypubFile()).path()
                    + " (public key only: this machine can watch, not sign)");
        }
        return 0;
    }

    private KeyfileData publicKey() {
        if (source.ss58 != null) {
            String a = source.ss58.strip();
            try {
                return KeyfileData.publicOnly(Ss58.decode(a));
            } catch (IllegalArgumentException e) {
                throw usage("--ss58 '" + a + "' is not a valid SS58 address (" + e.getMessage() + "); copy ss58Address"
                        + " from the pub file on the machine that holds the key, or give --public-key 0x…");
            }
        }
        String h = source.publicKey.strip();
        byte[] key;
        try {
            key = Hex.decode(h);
        } catch (IllegalArgumentException e) {
            throw usage("--public-key is not hex (expected 0x followed by 64 hex digits, publicKey in the pub file)");
        }
        if (key.length != 32) {
            throw usage("--public-key must be 32 bytes (64 hex digits), got " + key.length + " bytes");
        }
        return KeyfileData.publicOnly(key);
    }

    @Command(name = "regen-coldkeypub", mixinStandardHelpOptions = true,
            description = "Write coldkeypub.txt from the coldkey's SS58 address or public key (a watch-only machine).")
    public static final class RegenColdkeypub extends RegenPubCommand {
        public RegenColdkeypub() {
            super(KeyWriting.Kind.COLDKEY);
        }
    }

    @Command(name = "regen-hotkeypub", mixinStandardHelpOptions = true,
            description = "Write hotkeys/<hotkey>pub.txt from the hotkey's SS58 address or public key.")
    public static final class RegenHotkeypub extends RegenPubCommand {
        public RegenHotkeypub() {
            super(KeyWriting.Kind.HOTKEY);
        }
    }
}
