package io.tao4j.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * SS58 addresses for 32-byte public keys (AccountId32): {@code base58(prefix ‖ key ‖ checksum)} where the
 * checksum is the first two bytes of BLAKE2b-512("SS58PRE" ‖ prefix ‖ key). Prefixes 0..63 take one byte,
 * 64..16383 two bytes. Bittensor uses prefix 42 (the generic Substrate format).
 */
public final class Ss58 {

    /** The generic Substrate / Bittensor network prefix. */
    public static final int BITTENSOR_PREFIX = 42;

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] INDEXES = new int[128];
    private static final byte[] SS58PRE = "SS58PRE".getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEXES[ALPHABET.charAt(i)] = i;
        }
    }

    /** A decoded address: its network prefix and 32-byte public key. */
    public record Address(int prefix, byte[] publicKey) {
        public Address {
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && a.prefix == prefix && Arrays.equals(a.publicKey, publicKey);
        }

        @Override
        public int hashCode() {
            return 31 * prefix + Arrays.hashCode(publicKey);
        }

        @Override
        public String toString() {
            return "Address[prefix=" + prefix + ", publicKey=" + Hex.encode0x(publicKey) + "]";
        }
    }

    private Ss58() {
    }

    /** Encodes a 32-byte public key with prefix 42. */
    public static String encode(byte[] publicKey) {
        return encode(publicKey, BITTENSOR_PREFIX);
    }

    /**
     * Encodes a 32-byte public key with the given network prefix (0..16383, except the reserved 46 and 47).
     *
     * @throws Ss58Exception with reason LENGTH or PREFIX
     */
    public static String encode(byte[] publicKey, int prefix) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != 32) {
            throw new Ss58Exception(Ss58Exception.Reason.LENGTH,
                    "public key must be 32 bytes, got " + publicKey.length);
        }
        checkPrefix(prefix);
        byte[] prefixBytes = prefixBytes(prefix);
        byte[] body = new byte[prefixBytes.length + 32 + 2];
        System.arraycopy(prefixBytes, 0, body, 0, prefixBytes.length);
        System.arraycopy(publicKey, 0, body, prefixBytes.length, 32);
        byte[] checksum = checksum(body, prefixBytes.length + 32);
        body[body.length - 2] = checksum[0];
        body[body.length - 1] = checksum[1];
        return base58Encode(body);
    }

    /**
     * Decodes an address of any valid prefix to its 32-byte public key.
     *
     * @throws Ss58Exception naming the reason
     */
    public static byte[] decode(String address) {
        return decodeAddress(address).publicKey();
    }

    /**
     * Decodes an address to prefix and public key.
     *
     * @throws Ss58Exception naming the reason
     */
    public static Address decodeAddress(String address) {
        if (address == null) {
            throw new Ss58Exception(Ss58Exception.Reason.ENCODING, "address is null");
        }
        byte[] raw = base58Decode(address);
        if (raw.length == 0) {
            throw new Ss58Exception(Ss58Exception.Reason.LENGTH, "empty payload");
        }
        int first = raw[0] & 0xFF;
        int prefix;
        int prefixLen;
        if (first < 64) {
            prefix = first;
            prefixLen = 1;
        } else if (first < 128) {
            if (raw.length < 2) {
                throw new Ss58Exception(Ss58Exception.Reason.LENGTH, "payload too short for a two-byte prefix");
            }
            int second = raw[1] & 0xFF;
            prefix = ((first & 0x3F) << 2) | (second >> 6) | ((second & 0x3F) << 8);
            prefixLen = 2;
        } else {
            throw new Ss58Exception(Ss58Exception.Reason.PREFIX,
                    "first byte 0x" + Integer.toHexString(first) + " is not a valid prefix byte");
        }
        int keyLen = raw.length - prefixLen - 2;
        if (keyLen != 32) {
            throw new Ss58Exception(Ss58Exception.Reason.LENGTH,
                    "decoded " + raw.length + " bytes; expected " + (prefixLen + 34)
                            + " (prefix + 32-byte key + 2-byte checksum)");
        }
        if (prefix == 46 || prefix == 47) {
            throw new Ss58Exception(Ss58Exception.Reason.PREFIX, "prefix " + prefix + " is reserved");
        }
        byte[] expected = checksum(raw, prefixLen + 32);
        if (expected[0] != raw[raw.length - 2] || expected[1] != raw[raw.length - 1]) {
            throw new Ss58Exception(Ss58Exception.Reason.CHECKSUM, "checksum mismatch");
        }
        return new Address(prefix, Arrays.copyOfRange(raw, prefixLen, prefixLen + 32));
    }

    /** Whether {@code address} decodes to a 32-byte key with a valid prefix and checksum. */
    public static boolean isValid(String address) {
        try {
            decodeAddress(address);
            return true;
        } catch (Ss58Exception e) {
            return false;
        }
    }

    private static void checkPrefix(int prefix) {
        if (prefix < 0 || prefix > 16383) {
            throw new Ss58Exception(Ss58Exception.Reason.PREFIX, "prefix " + prefix + " is outside 0..16383");
        }
        if (prefix == 46 || prefix == 47) {
            throw new Ss58Exception(Ss58Exception.Reason.PREFIX, "prefix " + prefix + " is reserved");
        }
    }

    private static byte[] prefixBytes(int prefix) {
        if (prefix < 64) {
            return new byte[] {(byte) prefix};
        }
        return new byte[] {
            (byte) (((prefix & 0xFC) >> 2) | 0x40),
            (byte) ((prefix >> 8) | ((prefix & 0x03) << 6))
        };
    }

    private static byte[] checksum(byte[] body, int len) {
        byte[] in = new byte[SS58PRE.length + len];
        System.arraycopy(SS58PRE, 0, in, 0, SS58PRE.length);
        System.arraycopy(body, 0, in, SS58PRE.length, len);
        return Hashes.blake2b512(in);
    }

    static String base58Encode(byte[] data) {
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) {
            zeros++;
        }
        StringBuilder sb = new StringBuilder();
        BigInteger n = new BigInteger(1, data);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(FIFTY_EIGHT);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < zeros; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    static byte[] base58Decode(String s) {
        if (s.isEmpty()) {
            throw new Ss58Exception(Ss58Exception.Reason.ENCODING, "empty string");
        }
        if (s.length() > 128) {
            throw new Ss58Exception(Ss58Exception.Reason.LENGTH, "address is " + s.length() + " characters long");
        }
        BigInteger n = BigInteger.ZERO;
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = c < 128 ? INDEXES[c] : -1;
            if (v < 0) {
                throw new Ss58Exception(Ss58Exception.Reason.ENCODING,
                        "character at index " + i + " is not in the base58 alphabet");
            }
            if (leading && v == 0) {
                zeros++;
            } else {
                leading = false;
            }
            n = n.multiply(FIFTY_EIGHT).add(BigInteger.valueOf(v));
        }
        byte[] mag = n.signum() == 0 ? new byte[0] : n.toByteArray();
        int strip = (mag.length > 0 && mag[0] == 0) ? 1 : 0;
        byte[] out = new byte[zeros + mag.length - strip];
        System.arraycopy(mag, strip, out, zeros, mag.length - strip);
        return out;
    }
}
