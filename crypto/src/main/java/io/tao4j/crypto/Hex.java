package io.tao4j.crypto;

/** Lowercase hexadecimal encoding and strict decoding of byte arrays. */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** Lowercase hex without a prefix; an empty array gives an empty string. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** Lowercase hex with a {@code 0x} prefix. */
    public static String encode0x(byte[] bytes) {
        return "0x" + encode(bytes);
    }

    /**
     * Decodes hex digits (either case), with or without a leading {@code 0x}/{@code 0X}.
     *
     * @throws IllegalArgumentException for a null input, an odd number of digits, or a non-hex character
     *     (the message gives its index in the input string)
     */
    public static byte[] decode(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("hex string is null");
        }
        int start = 0;
        if (hex.length() >= 2 && hex.charAt(0) == '0' && (hex.charAt(1) == 'x' || hex.charAt(1) == 'X')) {
            start = 2;
        }
        int digits = hex.length() - start;
        if ((digits & 1) != 0) {
            throw new IllegalArgumentException("hex string has odd length (" + digits + " digits)");
        }
        byte[] out = new byte[digits / 2];
        for (int i = 0; i < out.length; i++) {
            int pos = start + 2 * i;
            int hi = digit(hex, pos);
            int lo = digit(hex, pos + 1);
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    private static int digit(String s, int index) {
        char c = s.charAt(index);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new IllegalArgumentException("bad hex character at index " + index
                + (c >= 0x20 && c < 0x7f ? " ('" + c + "')" : String.format(" (U+%04X)", (int) c)));
    }
}
