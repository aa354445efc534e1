package io.tao4j.wallet.password;

import io.tao4j.wallet.WalletException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .env} file: {@code KEY=value} lines; blank lines and {@code #} comments ignored; an
 * optional leading {@code export }; blanks around key and value removed; one pair of matching
 * single or double quotes around the value removed. Same rules as the Liquidity Flow Controller's
 * loader, so one {@code .env} serves both.
 */
public final class DotEnvFile {
    private DotEnvFile() {
    }

    public static Map<String, String> parse(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.regionMatches(true, 0, "export ", 0, 7)) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.isEmpty()) {
                continue;
            }
            if (value.length() >= 2 && value.charAt(0) == value.charAt(value.length() - 1)
                    && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(key, value);
        }
        return out;
    }

    /** Reads and parses {@code file}; a missing or unreadable file is a {@link WalletException}. */
    public static Map<String, String> read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new WalletException("env file " + file + " does not exist");
        } catch (IOException e) {
            throw new WalletException("cannot read env file " + file + ": " + e.getMessage());
        }
    }
}
