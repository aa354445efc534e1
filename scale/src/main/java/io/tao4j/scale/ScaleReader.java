package io.tao4j.scale;

import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads SCALE-encoded values from a byte array. Every read checks the remaining length first and
 * throws {@link ScaleException} naming what was read and the offset when the input is too short.
 */
public final class ScaleReader {
    private static final BigInteger U64_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final byte[] data;
    private final int end;
    private int pos;

    public ScaleReader(byte[] data) {
        this(data, 0, data.length);
    }

    public ScaleReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("range outside the array");
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /** Fails unless every byte was consumed. */
    public void expectEnd(String what) {
        if (pos != end) {
            throw new ScaleException(what + ": " + (end - pos) + " unread trailing byte(s)", pos);
        }
    }

    private void need(int n, String what) {
        if (n < 0 || end - pos < n) {
            throw new ScaleException("truncated input reading " + what + ": need " + n + " byte(s), "
                    + (end - pos) + " left", pos);
        }
    }

    public int readU8() {
        need(1, "u8");
        return data[pos++] & 0xff;
    }

    public byte readI8() {
        need(1, "i8");
        return data[pos++];
    }

    public boolean readBool() {
        need(1, "bool");
        int b = data[pos] & 0xff;
        if (b > 1) {
            throw new ScaleException("invalid bool byte 0x" + Integer.toHexString(b), pos);
        }
        pos++;
        return b == 1;
    }

    public int readU16() {
        need(2, "u16");
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    public short readI16() {
        return (short) readU16();
    }

    public long readU32() {
        need(4, "u32");
        return readLe(4) & 0xffffffffL;
    }

    public int readI32() {
        need(4, "i32");
        return (int) readLe(4);
    }

    /** u64 as raw 64 bits (values above Long.MAX_VALUE come out negative; see {@link #readU64Big()}). */
    public long readU64() {
        need(8, "u64");
        return readLe(8);
    }

    public BigInteger readU64Big() {
        long v = readU64();
        return BigInteger.valueOf(v).and(U64_MASK);
    }

    public long readI64() {
        need(8, "i64");
        return readLe(8);
    }

    public BigInteger readU128() {
        return readUnsigned(16, "u128");
    }

    public BigInteger readI128() {
        return readSigned(16, "i128");
    }

    /** Little-endian unsigned integer of {@code n} bytes. */
    public BigInteger readUnsigned(int n, String what) {
        byte[] le = readBytes(n, what);
        byte[] be = new byte[n + 1];
        for (int i = 0; i < n; i++) {
            be[n - i] = le[i];
        }
        return new BigInteger(be);
    }

    /** Little-endian two's-complement integer of {@code n} bytes. */
    public BigInteger readSigned(int n, String what) {
        byte[] le = readBytes(n, what);
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[n - 1 - i] = le[i];
        }
        return new BigInteger(be);
    }

    private long readLe(int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (data[pos + i] & 0xff);
        }
        pos += n;
        return v;
    }

    /** SCALE compact integer of any size. */
    public BigInteger readCompact() {
        int start = pos;
        need(1, "compact");
        int b0 = data[pos] & 0xff;
        switch (b0 & 3) {
            case 0:
                pos++;
                return BigInteger.valueOf(b0 >>> 2);
            case 1: {
                need(2, "compact");
                int v = readU16() >>> 2;
                if (v < 64) {
                    throw new ScaleException("non-canonical compact encoding", start);
                }
                return BigInteger.valueOf(v);
            }
            case 2: {
                need(4, "compact");
                long v = readU32() >>> 2;
                if (v < (1 << 14)) {
                    throw new ScaleException("non-canonical compact encoding", start);
                }
                return BigInteger.valueOf(v);
            }
            default: {
                int n = (b0 >>> 2) + 4;
                pos++;
                BigInteger v;
                try {
                    v = readUnsigned(n, "compact");
                } catch (ScaleException e) {
                    pos = start;
                    throw e;
                }
                if (v.bitLength() <= 30 || v.bitLength() <= (n - 1) * 8) {
                    throw new ScaleException("non-canonical compact encoding", start);
                }
                return v;
            }
        }
    }

    /** Compact integer that must fit in an int (lengths, type ids). */
    public int readCompactInt(String what) {
        int start = pos;
        if (pos < end) {
            int mode = data[pos] & 3;
            if (mode == 0) {
                return (data[pos++] & 0xff) >>> 2;
            }
            if (mode == 1 && end - pos >= 2) {
                int v = readU16() >>> 2;
                if (v < 64) {
                    pos = start;
                    throw new ScaleException("non-canonical compact encoding", start);
                }
                return v;
            }
            if (mode == 2 && end - pos >= 4) {
                long v = readU32() >>> 2;
                if (v < (1 << 14)) {
                    pos = start;
                    throw new ScaleException("non-canonical compact encoding", start);
                }
                return (int) v;
            }
        }
        BigInteger v = readCompact();
        if (v.bitLength() > 31) {
            throw new ScaleException(what + " " + v + " is too large", start);
        }
        return v.intValue();
    }

    /** Compact integer that must fit in an unsigned 64-bit range; returned as raw long bits. */
    public long readCompactLong(String what) {
        int start = pos;
        BigInteger v = readCompact();
        if (v.bitLength() > 64) {
            throw new ScaleException(what + " " + v + " does not fit in 64 bits", start);
        }
        return v.longValue();
    }

    /** A compact length, checked against the bytes left (each element needs at least {@code minElemSize} bytes). */
    public int readLength(String what, int minElemSize) {
        int start = pos;
        int n = readCompactInt(what);
        if (minElemSize > 0 && (long) n * minElemSize > remaining()) {
            throw new ScaleException("truncated input reading " + what + ": length " + n
                    + " exceeds the " + remaining() + " byte(s) left", start);
        }
        return n;
    }

    public byte[] readBytes(int n) {
        return readBytes(n, "bytes");
    }

    public byte[] readBytes(int n, String what) {
        need(n, what);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n, String what) {
        need(n, what);
        pos += n;
    }

    /** Compact length followed by that many bytes (Vec&lt;u8&gt;). */
    public byte[] readByteVec() {
        int n = readLength("bytes", 1);
        return readBytes(n, "bytes");
    }

    /** Compact length followed by UTF-8 bytes. */
    public String readString() {
        int start = pos;
        int n = readLength("string", 1);
        need(n, "string");
        boolean ascii = true;
        for (int i = pos; i < pos + n; i++) {
            if (data[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
            pos += n;
            return s;
        }
        byte[] b = readBytes(n, "string");
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new ScaleException("string is not valid UTF-8", start);
        }
    }

    /** Option tag byte: false for None (0), true for Some (1). */
    public boolean readOptionTag(String what) {
        need(1, what);
        int b = data[pos] & 0xff;
        if (b > 1) {
            throw new ScaleException("invalid Option tag 0x" + Integer.toHexString(b) + " for " + what, pos);
        }
        pos++;
        return b == 1;
    }
}
