package io.tao4j.cli.drand;

import io.tao4j.cli.CliException;
import io.tao4j.mantis.payload.OpenResult;
import io.tao4j.mantis.payload.PayloadOpener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `tao4j mantis payload open`: the validator's decryption of one v2 payload. */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = {"Open a MANTIS v2 payload as a validator does (every check of ledger.py, in order).",
                "Prints the plaintext JSON; exit 2 with the rejection reason on stderr if it is refused."})
public final class MantisPayloadOpenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, description = "Payload JSON file.")
    Path file;

    @Option(names = "--signature", required = true, description = "drand signature of the payload's round (hex).")
    String signature;

    @Option(names = "--owner-pk", description = "Configured owner X25519 public key hex; default MANTIS config's.")
    String ownerPk;

    @Option(names = "--hotkey", description = "Hotkey the payload was collected under; the plaintext's hotkey must equal it.")
    String hotkey;

    @Override
    public Integer call() {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException("cannot read --file " + file + ": " + e.getMessage(), 2);
        }
        byte[] sig = Args.hex("--signature", signature);
        PayloadOpener opener = ownerPk == null ? new PayloadOpener() : new PayloadOpener(Args.hex("--owner-pk", ownerPk, 32));
        OpenResult r = opener.openRaw(raw, round -> sig, hotkey);
        if (r instanceof OpenResult.Opened o) {
            Args.println(spec, o.plaintextUtf8());
            return 0;
        }
        OpenResult.Rejected rej = (OpenResult.Rejected) r;
        throw new CliException("payload rejected: " + rej.reason() + " (" + rej.detail() + ")", 2);
    }
}
