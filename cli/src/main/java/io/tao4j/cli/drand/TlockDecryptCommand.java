package io.tao4j.cli.drand;

import io.tao4j.cli.CliException;
import io.tao4j.crypto.Hex;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;


/** `tao4j tlock decrypt`: {@code tld(ct, sig)}; prints the plaintext hex. Either layout. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = {"Decrypt a timelock ciphertext (either layout) with the round's drand signature; prints the plaintext hex.",
                "Exit code 1 with the reason (TRUNCATED, MALFORMED, BAD_SIGNATURE_ENCODING, WRONG_SIGNATURE, "
                        + "BODY_AUTHENTICATION_FAILED) if it does not decrypt."})
public final class TlockDecryptCommand extends DrandSubcommand {
    @Option(names = "--ciphertext-hex", required = true, description = "Ciphertext in hex.")
    String ciphertextHex;

    @Mixin
    PayloadOptions.Signature signature;

    @Override
    public Integer call() {
        byte[] ct = Args.hex("--ciphertext-hex", ciphertextHex);
        byte[] sig = signature.bytes();
        try {
            byte[] pt = Tlock.decrypt(ct, sig);
            println(Hex.encode(pt));
            return 0;
        } catch (TlockException e) {
            throw new CliException("decryption failed: " + e.reason() + ": " + e.getMessage(), 1);
        }
    }
}
