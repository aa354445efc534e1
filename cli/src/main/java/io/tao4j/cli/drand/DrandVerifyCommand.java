package io.tao4j.cli.drand;

import io.tao4j.crypto.bls.BlsException;
import io.tao4j.crypto.bls.DrandBls;
import io.tao4j.crypto.bls.G1Point;
import io.tao4j.drand.ChainInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** `tao4j drand verify`: checks a beacon signature against the chain key; exit 0 valid, 1 invalid. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a drand beacon signature (bls-unchained-g1-rfc9380).",
                "Exit code 0 if valid, 1 if invalid, 2 for malformed input."})
public final class DrandVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--round", required = true, description = "Round number.")
    long round;

    @Option(names = "--signature", required = true, description = "Signature, 48-byte compressed G1 point in hex.")
    String signature;

    @Mixin
    ChainKeyOption chainKey;

    @Override
    public Integer call() {
        ChainInfo chain = chainKey.chain();
        Args.round(round);
        byte[] sig = Args.hex("--signature", signature);
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
            Args.println(spec, "valid: round " + round);
            return 0;
        }
        Args.println(spec, "invalid: " + why);
        return 1;
    }
}
