package io.tao4j.cli.wallet;

import io.tao4j.cli.PasswordOptions;
import io.tao4j.cli.WalletOptions;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.wallet.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign raw message bytes with the coldkey or hotkey; prints only the 64-byte signature as 0x-hex.")
public final class SignCommand extends WalletSubcommand {
    enum Key { coldkey, hotkey }

    @Mixin
    WalletOptions wallet;
    @Mixin
    PasswordOptions passwords;

    @Option(names = "--key", required = true, paramLabel = "coldkey|hotkey", description = "Which key signs.")
    Key key;

    @Mixin
    MessageOption messageHex;

    @Override
    int execute() {
        byte[] message = messageHex.bytes();
        Wallet w = wallet.wallet();
        Sr25519KeyPair kp = key == Key.coldkey ? w.coldkey(passwords.resolver()) : w.hotkeyPair(passwords.resolver());
        out().println(Hex.encode0x(kp.sign(message)));
        return 0;
    }
}
