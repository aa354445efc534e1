package io.tao4j.wallet.password;

import io.tao4j.wallet.WalletException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * btwallet's own per-keyfile variable {@code BT_PW_<PATH>}: the name is {@code "BT_PW_"} plus the
 * keyfile path upper-cased with every {@code /} and {@code .} replaced by {@code _}; the value is
 * base64 of the password bytes XOR-ed with the name bytes (an obfuscation, not encryption).
 * Consulted for unlocking only, as btwallet does.
 */
public final class BtwalletEnvPasswordSource implements PasswordSource {
    private final Map<String, String> env;

    public BtwalletEnvPasswordSource(Map<String, String> env) {
        this.env = Objects.requireNonNull(env);
    }

    public BtwalletEnvPasswordSource() {
        this(System.getenv());
    }

    /** The variable btwallet uses for the keyfile at {@code path} (the path as given). */
    public static String variableName(String path) {
        return "BT_PW_" + path.replace('/', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The obfuscated value btwallet stores for {@code password} under {@code variable}. */
    public static String encode(String variable, String password) {
        return Base64.getEncoder().encodeToString(xor(password.getBytes(StandardCharsets.UTF_8), variable));
    }

    /** Reverses {@link #encode}. */
    public static String decode(String variable, String value) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new WalletException("environment variable " + variable + " is not valid base64"
                    + " (btwallet stores the password there obfuscated); unset it or set it again with btwallet");
        }
        return new String(xor(raw, variable), StandardCharsets.UTF_8);
    }

    private static byte[] xor(byte[] data, String variable) {
        byte[] k = variable.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (byte) (data[i] ^ k[i % k.length]);
        }
        return out;
    }

    @Override
    public Optional<Password> lookup(Path keyfile, PasswordPurpose purpose) {
        if (purpose != PasswordPurpose.UNLOCK) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(variableName(keyfile.toAbsolutePath().normalize().toString()));
        names.add(variableName(keyfile.toString()));
        for (String name : names) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                String pw = decode(name, v);
                if (!pw.isEmpty()) {
                    return Optional.of(Password.of(pw, "environment variable " + name));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "btwallet's BT_PW_<keyfile path> environment variable";
    }
}
