package io.tao4j.scale;

/** Hex helpers for this module (lower case, optional 0x prefix on input). */
public final class HexCodec {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexCodec() {
    }

    /** Lower-case hex with a 0x prefix. */
    public static String encode0x(byte[] bytes) {
        return "0x" + encode(bytes);
    }

    /** Lower-case hex without prefix. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** True if the string (after an optional 0x) is an even-length run of hex digits. */
    public static boolean isHex(String s) {
        int start = s.startsWith("0x") || s.startsWith("0X") ? 2 : 0;
        if ((s.length() - start) % 2 != 0) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Decodes hex, with or without 0x; surrounding white space is ignored. */
    public static byte[] decode(String hex) {
        String s = hex.strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.length() % 2 != 0) {
            throw new ScaleException("hex string has an odd number of digits (" + s.length() + ")");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                int bad = hi < 0 ? 2 * i : 2 * i + 1;
                throw new ScaleException("invalid hex digit '" + s.charAt(bad) + "' at position " + bad);
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
