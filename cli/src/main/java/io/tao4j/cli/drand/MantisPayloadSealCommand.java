package io.tao4j.cli.drand;

import io.tao4j.cli.CliException;
import io.tao4j.crypto.Ss58;
import io.tao4j.drand.ChainInfo;
import io.tao4j.mantis.payload.PayloadSealer;
import io.tao4j.drand.tlock.Tlock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** `tao4j mantis payload seal`: a MANTIS v2 payload as {@code generate_and_encrypt.py} writes it. */
@Command(name = "seal", mixinStandardHelpOptions = true,
        description = "Seal a plaintext JSON (object or list of vectors) into a MANTIS v2 payload; prints the payload JSON.")
public final class MantisPayloadSealCommand extends DrandSubcommand {
    @Option(names = "--hotkey", required = true, description = "Miner hotkey (SS58).")
    String hotkey;

    @Mixin
    PayloadOptions.Round roundOption;

    @Option(names = "--plaintext-file", required = true, description = "Plaintext JSON file.")
    Path plaintextFile;

    @Mixin
    PayloadOptions.OwnerKey owner;

    @Mixin
    PayloadOptions.Layout layout;

    @Override
    public Integer call() {
        if (!Ss58.isValid(hotkey)) {
            throw new CliException("--hotkey is not a valid SS58 address: " + hotkey, 2);
        }
        long round = roundOption.get();
        byte[] ownerPk = owner.bytes();
        String text;
        try {
            text = Files.readString(plaintextFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read --plaintext-file " + plaintextFile + ": " + e.getMessage(), 2);
        }
        byte[] pt;
        try {
            pt = PayloadSealer.preparePlaintext(hotkey, text);
        } catch (IllegalArgumentException e) {
            throw new CliException("--plaintext-file: " + e.getMessage(), 2);
        }
        PayloadSealer sealer = new PayloadSealer(new Tlock(ChainInfo.QUICKNET.publicKeyPoint()), ownerPk,
                layout.layout(), new SecureRandom());
        println(sealer.seal(hotkey, round, pt).toJson());
        return 0;
    }
}
