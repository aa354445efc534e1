package io.tao4j.cli.wallet;

import io.tao4j.cli.PasswordOptions;
import io.tao4j.cli.WalletOptions;
import picocli.CommandLine.Mixin;

/** The commands that write a secret key (create, new-*, regen-*key): the wallet, the new key's password, overwrite. */
abstract class KeyWritingCommand extends WalletSubcommand {
    @Mixin
    WalletOptions wallet;
    @Mixin
    PasswordOptions passwords;
    @Mixin
    WriteOptions write;

    KeyWritingCommand() {
    }

    KeyWritingCommand(KeyWriting.Kind kind) {
        super(kind);
    }
}
