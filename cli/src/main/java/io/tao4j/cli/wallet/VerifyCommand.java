package io.tao4j.cli.wallet;

import io.tao4j.crypto.Sr25519;
import io.tao4j.crypto.Ss58;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify an sr25519 signature. Exit code 0 = valid, 1 = invalid, 2 = bad input.",
                "Like btwallet, a signature over the message wrapped in <Bytes>…</Bytes> (polkadot-js signRaw) also counts."})
public final class VerifyCommand extends WalletSubcommand {
    @Option(names = "--ss58", required = true, paramLabel = "ADDRESS", description = "The signer's SS58 address.")
    String ss58;

    @Mixin
    MessageOption messageHex;

    @Option(names = "--signature-hex", required = true, paramLabel = "HEX", description = "The 64-byte signature as hex.")
    String signatureHex;

    @Override
    int execute() {
        byte[] pub;
        try {
            pub = Ss58.decode(ss58.strip());
        } catch (IllegalArgumentException e) {
            throw usage("--ss58 is not a valid SS58 address: " + e.getMessage());
        }
        byte[] message = messageHex.bytes();
        byte[] sig = hex(signatureHex, "--signature-hex");
        if (sig.length != Sr25519.SIGNATURE_LENGTH) {
            throw usage("--signature-hex must be 64 bytes, got " + sig.length);
        }
        if (Sr25519.verify(pub, message, sig)) {
            out().println("valid");
            return 0;
        }
        byte[] open = "<Bytes>".getBytes(StandardCharsets.US_ASCII);
        byte[] close = "</Bytes>".getBytes(StandardCharsets.US_ASCII);
        byte[] wrapped = new byte[open.length + message.length + close.length];
        System.arraycopy(open, 0, wrapped, 0, open.length);
        System.arraycopy(message, 0, wrapped, open.length, message.length);
        System.arraycopy(close, 0, wrapped, open.length + message.length, close.length);
        if (Sr25519.verify(pub, wrapped, sig)) {
            out().println("valid (signature over <Bytes>message</Bytes>)");
            return 0;
        }
        out().println("invalid");
        return 1;
    }
}
