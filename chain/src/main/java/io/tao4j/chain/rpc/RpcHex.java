package io.tao4j.chain.rpc;

import java.util.HexFormat;

/** "0x" hex as Substrate RPC writes it. Decoding errors name the field that was wrong. */
final class RpcHex {
    private static final HexFormat HEX = HexFormat.of();

    private RpcHex() {
    }

    static String encode(byte[] bytes) {
        return "0x" + HEX.formatHex(bytes);
    }

    /** Decodes "0x…" hex; {@code what} names the value in the error message. */
    static byte[] decode(String hex, String what) {
        if (hex == null) {
            throw new RpcException(what + ": expected 0x-prefixed hex, got null", 0, null);
        }
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (h.length() % 2 != 0) {
            throw new RpcException(what + ": odd number of hex digits (" + h.length() + ")", 0, null);
        }
        try {
            return HEX.parseHex(h);
        } catch (IllegalArgumentException e) {
            throw new RpcException(what + ": not hex: " + abbreviate(hex), 0, null);
        }
    }

    /** Parses a JSON-RPC number that may be a JSON number or a "0x…" hex string. */
    static long parseNumber(String text, String what) {
        if (text == null || text.isEmpty()) {
            throw new RpcException(what + ": missing number", 0, null);
        }
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new RpcException(what + ": not a number: " + abbreviate(text), 0, null);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
