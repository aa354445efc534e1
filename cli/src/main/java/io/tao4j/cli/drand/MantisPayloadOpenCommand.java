package io.tao4j.cli.drand;

import io.tao4j.cli.CliException;
import io.tao4j.mantis.payload.OpenResult;
import io.tao4j.mantis.payload.PayloadOpener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** `tao4j mantis payload open`: the validator's decryption of one v2 payload. */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = {"Open a MANTIS v2 payload as a validator does (every check of ledger.py, in order).",
                "Prints the plaintext JSON; exit 2 with the rejection reason on stderr if it is refused."})
public final class MantisPayloadOpenCommand extends DrandSubcommand {
    @Option(names = "--file", required = true, description = "Payload JSON file.")
    Path file;

    @Mixin
    PayloadOptions.Signature signature;

    @Mixin
    PayloadOptions.OwnerKey owner;

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
        byte[] sig = signature.bytes();
        PayloadOpener opener = new PayloadOpener(owner.bytes());
        OpenResult r = opener.openRaw(raw, round -> sig, hotkey);
        if (r instanceof OpenResult.Opened o) {
            println(o.plaintextUtf8());
            return 0;
        }
        OpenResult.Rejected rej = (OpenResult.Rejected) r;
        throw new CliException("payload rejected: " + rej.reason() + " (" + rej.detail() + ")", 2);
    }
}
