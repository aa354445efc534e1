package io.tao4j.wallet.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A keyfile password held as characters, with a note of where it came from (for messages such as
 * "wrong password from environment variable X"). {@link #toString()} never shows the password;
 * {@link #close()} wipes it.
 */
public final class Password implements AutoCloseable {
    private final char[] chars;
    private final String origin;
    private final boolean interactive;

    private Password(char[] chars, String origin, boolean interactive) {
        this.chars = chars;
        this.origin = Objects.requireNonNull(origin);
        this.interactive = interactive;
    }

    /** Copies {@code chars}; {@code origin} says where the password came from (no secret in it). */
    public static Password of(char[] chars, String origin) {
        return new Password(chars.clone(), origin, false);
    }

    public static Password of(String text, String origin) {
        return new Password(text.toCharArray(), origin, false);
    }

    /** A password typed at a prompt: a wrong one may be asked for again. */
    public static Password typed(char[] chars) {
        return new Password(chars.clone(), "the terminal prompt", true);
    }

    /** The UTF-8 bytes (what libsodium, PBKDF2 and btwallet feed to the KDF). Caller should wipe. */
    public byte[] utf8() {
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        if (bb.hasArray()) {
            Arrays.fill(bb.array(), (byte) 0);
        }
        return out;
    }

    public char[] chars() {
        return chars.clone();
    }

    public boolean isEmpty() {
        return chars.length == 0;
    }

    /** Where this password came from, e.g. "environment variable MINER_WALLET_PASSWORD". */
    public String origin() {
        return origin;
    }

    /** True when typed at a prompt (the user can be asked again). */
    public boolean interactive() {
        return interactive;
    }

    boolean sameAs(Password other) {
        return Arrays.equals(chars, other.chars);
    }

    @Override
    public void close() {
        Arrays.fill(chars, '\0');
    }

    @Override
    public String toString() {
        return "Password[from " + origin + "]";
    }
}
