package io.tao4j.cli.wallet;

import io.tao4j.cli.CliException;
import io.tao4j.crypto.Hex;
import io.tao4j.wallet.WalletException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Shared plumbing: wallet errors become one-line user errors, output goes to the command line's writer. */
abstract class WalletSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final KeyWriting.Kind kind;

    WalletSubcommand() {
        this(null);
    }

    /** @param kind the key a per-key command (new-coldkey / new-hotkey, regen-coldkey / …) handles */
    WalletSubcommand(KeyWriting.Kind kind) {
        this.kind = kind;
    }

    /** The key this per-key command handles (null for the others). */
    KeyWriting.Kind kind() {
        return kind;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Notes and warnings for the user (stderr), kept off stdout so output stays machine-readable. */
    void note(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("tao4j: " + message);
        err.flush();
    }

    @Override
    public final Integer call() {
        try {
            int rc = execute();
            out().flush();
            return rc;
        } catch (WalletException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    abstract int execute();

    /** A malformed argument: exit code 2. */
    static CliException usage(String message) {
        return new CliException(message, 2);
    }

    /** An option's hex value (0x optional); malformed hex is a {@link #usage} error naming the option. */
    static byte[] hex(String value, String option) {
        try {
            return Hex.decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw usage(option + " is not hex: " + e.getMessage());
        }
    }
}
