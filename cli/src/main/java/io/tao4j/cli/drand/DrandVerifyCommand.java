package io.tao4j.cli.drand;

import io.tao4j.crypto.bls.BlsException;
import io.tao4j.crypto.bls.DrandBls;
import io.tao4j.crypto.bls.G1Point;
import io.tao4j.drand.ChainInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;


/** `tao4j drand verify`: checks a beacon signature against the chain key; exit 0 valid, 1 invalid. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a drand beacon signature (bls-unchained-g1-rfc9380).",
                "Exit code 0 if valid, 1 if invalid, 2 for malformed input."})
public final class DrandVerifyCommand extends DrandSubcommand {
    @Mixin
    PayloadOptions.Round roundOption;

    @Mixin
    PayloadOptions.Signature signature;

    @Mixin
    ChainKeyOption chainKey;

    @Override
    public Integer call() {
        ChainInfo chain = chainKey.chain();
        long round = roundOption.get();
        byte[] sig = signature.bytes();
        String why = null;
        boolean ok = false;
        try {
            ok = DrandBls.verify(chain.publicKeyPoint(), round, G1Point.fromCompressed(sig));
            if (!ok) {
                why = "signature does not verify for round " + round;
            }
        } catch (BlsException e) {
            why = "signature is not a valid G1 point: " + e.getMessage();
        }
        if (ok) {
            println("valid: round " + round);
            return 0;
        }
        println("invalid: " + why);
        return 1;
    }
}
