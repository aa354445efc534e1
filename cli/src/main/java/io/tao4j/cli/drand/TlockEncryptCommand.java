package io.tao4j.cli.drand;

import io.tao4j.crypto.Hex;
import io.tao4j.drand.ChainInfo;
import io.tao4j.drand.tlock.Tlock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.security.SecureRandom;

/** `tao4j tlock encrypt`: the bytes {@code Timelock(pk).tle(round, message, sk)} returns, in hex. */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = {"Time-lock a message to a drand round (ideal-labs timelock format); prints the ciphertext hex.",
                "The current layout (timelock >= 0.3.0) unless --legacy-layout (npm 1.0.0 / PyPI 0.0.x)."})
public final class TlockEncryptCommand extends DrandSubcommand {
    @Mixin
    PayloadOptions.Round roundOption;

    @Option(names = "--message-hex", required = true, description = "Message bytes in hex.")
    String messageHex;

    @Option(names = "--key-hex", required = true, description = "32-byte secret (IBE message and AES-GCM key) in hex.")
    String keyHex;

    @Mixin
    ChainKeyOption chainKey;

    @Mixin
    PayloadOptions.Layout layout;

    @Override
    public Integer call() {
        ChainInfo chain = chainKey.chain();
        long round = roundOption.get();
        byte[] msg = Args.hex("--message-hex", messageHex);
        byte[] key = Args.secretHex("--key-hex", keyHex, 32);
        byte[] ct = new Tlock(chain.publicKeyPoint()).encrypt(round, msg, key,
                layout.layout(), new SecureRandom());
        println(Hex.encode(ct));
        return 0;
    }
}
