package io.tao4j.cli.wallet;

import io.tao4j.cli.CliException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Reads a secret (mnemonic, seed) from standard input, a file or an environment variable — not from argv. */
final class SecretInput {
    /** Far more than any mnemonic or hex seed; stops a mistaken device or huge file from being slurped. */
    private static final int MAX_BYTES = 4096;
    private final Map<String, String> env;
    private final InputStream stdin;

    SecretInput(Map<String, String> env, InputStream stdin) {
        this.env = env;
        this.stdin = stdin;
    }

    String stdin(String option) {
        try {
            byte[] bytes = stdin.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new CliException(option + ": standard input holds more than " + MAX_BYTES
                        + " bytes; not a mnemonic or seed", 2);
            }
            return nonEmpty(new String(bytes, StandardCharsets.UTF_8), option + " (standard input)");
        } catch (IOException e) {
            throw new CliException(option + ": cannot read standard input: " + e.getMessage(), 1);
        }
    }

    String file(Path file, String option) {
        if (file.toString().equals("-")) {
            return stdin(option + " -");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CliException(option + " " + file + " is larger than " + MAX_BYTES + " bytes; not a mnemonic or seed", 2);
            }
            return nonEmpty(Files.readString(file, StandardCharsets.UTF_8), option + " " + file);
        } catch (NoSuchFileException e) {
            throw new CliException(option + " " + file + " does not exist", 2);
        } catch (IOException e) {
            throw new CliException(option + " " + file + " cannot be read: " + e.getMessage(), 1);
        }
    }

    String env(String var, String option) {
        String v = env.get(var);
        if (v == null) {
            throw new CliException(option + ": environment variable " + var + " is not set", 2);
        }
        return nonEmpty(v, option + " " + var);
    }

    private static String nonEmpty(String text, String where) {
        if (text.isBlank()) {
            throw new CliException(where + " is empty", 2);
        }
        return text;
    }
}
