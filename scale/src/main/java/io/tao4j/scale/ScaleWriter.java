package io.tao4j.scale;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds SCALE-encoded bytes. Integer writers check ranges and throw {@link ScaleException}. */
public final class ScaleWriter {
    private static final BigInteger COMPACT_4_LIMIT = BigInteger.ONE.shiftLeft(30);

    private byte[] buf;
    private int size;

    public ScaleWriter() {
        this(64);
    }

    public ScaleWriter(int capacity) {
        buf = new byte[Math.max(capacity, 8)];
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public ScaleWriter writeU8(int v) {
        if (v < 0 || v > 0xff) {
            throw new ScaleException("u8 out of range: " + v);
        }
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ScaleWriter writeBool(boolean v) {
        return writeU8(v ? 1 : 0);
    }

    public ScaleWriter writeU16(int v) {
        if (v < 0 || v > 0xffff) {
            throw new ScaleException("u16 out of range: " + v);
        }
        return writeLe(v, 2);
    }

    public ScaleWriter writeU32(long v) {
        if (v < 0 || v > 0xffffffffL) {
            throw new ScaleException("u32 out of range: " + v);
        }
        return writeLe(v, 4);
    }

    public ScaleWriter writeI32(int v) {
        return writeLe(v, 4);
    }

    /** u64 from raw 64 bits (a negative long is a value above Long.MAX_VALUE). */
    public ScaleWriter writeU64(long v) {
        return writeLe(v, 8);
    }

    public ScaleWriter writeI64(long v) {
        return writeLe(v, 8);
    }

    public ScaleWriter writeU128(BigInteger v) {
        return writeUnsigned(v, 16);
    }

    private ScaleWriter writeLe(long v, int n) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Unsigned little-endian integer of {@code n} bytes; fails when the value does not fit. */
    public ScaleWriter writeUnsigned(BigInteger v, int n) {
        if (v.signum() < 0 || v.bitLength() > n * 8) {
            throw new ScaleException("value " + v + " does not fit in u" + (n * 8));
        }
        return writeTwos(v, n);
    }

    /** Signed (two's complement) little-endian integer of {@code n} bytes; fails when the value does not fit. */
    public ScaleWriter writeSigned(BigInteger v, int n) {
        if (v.bitLength() > n * 8 - 1) {
            throw new ScaleException("value " + v + " does not fit in i" + (n * 8));
        }
        return writeTwos(v, n);
    }

    private ScaleWriter writeTwos(BigInteger v, int n) {
        byte[] be = v.toByteArray();
        ensure(n);
        byte pad = (byte) (v.signum() < 0 ? 0xff : 0);
        for (int i = 0; i < n; i++) {
            int bi = be.length - 1 - i;
            buf[size++] = bi >= 0 ? be[bi] : pad;
        }
        return this;
    }

    /** SCALE compact encoding of a non-negative integer. */
    public ScaleWriter writeCompact(long v) {
        if (v < 0) {
            return writeCompact(BigInteger.valueOf(v).add(BigInteger.ONE.shiftLeft(64)));
        }
        if (v < 64) {
            return writeU8((int) (v << 2));
        }
        if (v < (1 << 14)) {
            return writeLe((v << 2) | 1, 2);
        }
        if (v < (1L << 30)) {
            return writeLe((v << 2) | 2, 4);
        }
        return writeCompact(BigInteger.valueOf(v));
    }

    public ScaleWriter writeCompact(BigInteger v) {
        if (v.signum() < 0) {
            throw new ScaleException("compact value must not be negative: " + v);
        }
        if (v.compareTo(COMPACT_4_LIMIT) < 0) {
            return writeCompact(v.longValue());
        }
        int n = (v.bitLength() + 7) / 8;
        if (n > 67) {
            throw new ScaleException("compact value too large: " + v.bitLength() + " bits");
        }
        writeU8(((n - 4) << 2) | 3);
        return writeUnsigned(v, n);
    }

    public ScaleWriter writeBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    /** Compact length followed by the bytes (Vec&lt;u8&gt;). */
    public ScaleWriter writeByteVec(byte[] b) {
        writeCompact(b.length);
        return writeBytes(b);
    }

    public ScaleWriter writeString(String s) {
        return writeByteVec(s.getBytes(StandardCharsets.UTF_8));
    }
}
