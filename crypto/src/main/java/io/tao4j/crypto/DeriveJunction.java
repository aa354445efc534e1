package io.tao4j.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One step of a Substrate derivation path ({@code //hard} or {@code /soft}) reduced to its 32-byte chain
 * code, following polkadot-js {@code DeriveJunction}:
 * <ul>
 *   <li>all-digit codes are a little-endian unsigned integer in 32 bytes (so {@code 0} and {@code 1} are
 *       the u64 values Substrate uses);</li>
 *   <li>{@code 0x}-prefixed hex with an even number of digits is used as raw bytes;</li>
 *   <li>anything else is SCALE-encoded text (compact length prefix, then UTF-8);</li>
 *   <li>byte strings up to 32 bytes are zero-padded to 32, longer ones replaced by their BLAKE2b-256.</li>
 * </ul>
 * Derivation codes are not secret (the secret lives in the phrase and password).
 */
public final class DeriveJunction {

    private static final Pattern NUMBER = Pattern.compile("^\\d+$");
    private static final Pattern HEX = Pattern.compile("^0x[0-9a-fA-F]*$");
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private final byte[] chainCode;
    private final boolean hard;
    private final String code;

    private DeriveJunction(byte[] chainCode, boolean hard, String code) {
        this.chainCode = chainCode;
        this.hard = hard;
        this.code = code;
    }

    /** A hard junction from a code such as {@code Alice} or {@code 0}. */
    public static DeriveJunction hard(String code) {
        return new DeriveJunction(chainCodeOf(code), true, code);
    }

    /** A soft junction from a code such as {@code stash} or {@code 1}. */
    public static DeriveJunction soft(String code) {
        return new DeriveJunction(chainCodeOf(code), false, code);
    }

    /**
     * Parses a derivation path: a sequence of {@code //code} (hard) and {@code /code} (soft) steps, e.g.
     * {@code //Alice/soft//0}. The empty string is the empty path.
     *
     * @throws IllegalArgumentException naming the offset of the first malformed step
     */
    public static List<DeriveJunction> parsePath(String path) {
        if (path == null) {
            throw new IllegalArgumentException("derivation path is null");
        }
        List<DeriveJunction> out = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            if (path.charAt(i) != '/') {
                throw new IllegalArgumentException("derivation path: expected '/' at offset " + i);
            }
            boolean isHard = i + 1 < path.length() && path.charAt(i + 1) == '/';
            int start = i + (isHard ? 2 : 1);
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (end == start) {
                throw new IllegalArgumentException("derivation path: empty junction at offset " + i
                        + (isHard ? " ('///' separates a password and belongs in a secret URI)" : ""));
            }
            String c = path.substring(start, end);
            out.add(isHard ? hard(c) : soft(c));
            i = end;
        }
        return Collections.unmodifiableList(out);
    }

    /** The 32-byte chain code. */
    public byte[] chainCode() {
        return chainCode.clone();
    }

    public boolean isHard() {
        return hard;
    }

    /** The junction as written in a path: {@code //code} or {@code /code}. */
    @Override
    public String toString() {
        return (hard ? "//" : "/") + code;
    }

    static byte[] chainCodeOf(String code) {
        if (code == null || code.isEmpty()) {
            throw new IllegalArgumentException("derivation junction is empty");
        }
        if (code.indexOf('/') >= 0) {
            throw new IllegalArgumentException("derivation junction must not contain '/'; use a path for several steps");
        }
        if (NUMBER.matcher(code).matches()) {
            BigInteger n = new BigInteger(code);
            if (n.compareTo(TWO_256) >= 0) {
                throw new IllegalArgumentException("numeric derivation junction does not fit in 256 bits");
            }
            byte[] be = n.toByteArray();
            byte[] cc = new byte[32];
            for (int i = 0; i < Math.min(32, be.length); i++) {
                cc[i] = be[be.length - 1 - i];
            }
            return cc;
        }
        byte[] raw;
        if (HEX.matcher(code).matches() && code.length() % 2 == 0) {
            raw = Hex.decode(code);
        } else {
            byte[] utf8 = code.getBytes(StandardCharsets.UTF_8);
            byte[] len = compactLength(utf8.length);
            raw = new byte[len.length + utf8.length];
            System.arraycopy(len, 0, raw, 0, len.length);
            System.arraycopy(utf8, 0, raw, len.length, utf8.length);
        }
        if (raw.length > 32) {
            return Hashes.blake2b256(raw);
        }
        byte[] cc = new byte[32];
        System.arraycopy(raw, 0, cc, 0, raw.length);
        return cc;
    }

    private static byte[] compactLength(int n) {
        if (n < 64) {
            return new byte[] {(byte) (n << 2)};
        }
        if (n < (1 << 14)) {
            int v = (n << 2) | 1;
            return new byte[] {(byte) v, (byte) (v >>> 8)};
        }
        if (n < (1 << 30)) {
            int v = (n << 2) | 2;
            return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
        }
        throw new IllegalArgumentException("derivation junction too long");
    }
}
