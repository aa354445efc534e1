package io.tao4j.cli.drand;

import io.tao4j.crypto.Hex;
import io.tao4j.drand.ChainInfo;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.security.SecureRandom;
import java.util.concurrent.Callable;

/** `tao4j tlock encrypt`: the bytes {@code Timelock(pk).tle(round, message, sk)} returns, in hex. */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = {"Time-lock a message to a drand round (ideal-labs timelock format); prints the ciphertext hex.",
                "The current layout (timelock >= 0.3.0) unless --legacy-layout (npm 1.0.0 / PyPI 0.0.x)."})
public final class TlockEncryptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--round", required = true, description = "drand round the message unlocks at.")
    long round;

    @Option(names = "--message-hex", required = true, description = "Message bytes in hex.")
    String messageHex;

    @Option(names = "--key-hex", required = true, description = "32-byte secret (IBE message and AES-GCM key) in hex.")
    String keyHex;

    @Option(names = "--public-key", description = "Chain public key (96-byte G2 hex); default quicknet.")
    String publicKey;

    @Option(names = "--legacy-layout", description = "Write the legacy layout (V, W as length-prefixed vectors).")
    boolean legacy;

    @Override
    public Integer call() {
        ChainInfo chain = Args.chain(publicKey);
        Args.round(round);
        byte[] msg = Args.hex("--message-hex", messageHex);
        byte[] key = Args.secretHex("--key-hex", keyHex, 32);
        byte[] ct = new Tlock(chain.publicKeyPoint()).encrypt(round, msg, key,
                legacy ? TlockLayout.LEGACY : TlockLayout.CURRENT, new SecureRandom());
        spec.commandLine().getOut().println(Hex.encode(ct));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
