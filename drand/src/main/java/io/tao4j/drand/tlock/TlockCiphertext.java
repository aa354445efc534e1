package io.tao4j.drand.tlock;

import io.tao4j.crypto.bls.BlsException;
import io.tao4j.crypto.bls.G2Point;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A parsed ideal-labs timelock ciphertext ({@code TLECiphertext}: IBE header {U, V, W}, AES-GCM body,
 * cipher suite), in arkworks canonical serialization. {@link #parse} detects the layout.
 */
public final class TlockCiphertext {
    /** The only cipher suite the library writes. Readers do not check it (neither does the reference). */
    public static final byte[] AES_GCM_SUITE = "AES_GCM_".getBytes(StandardCharsets.US_ASCII);

    private final TlockLayout layout;
    private final G2Point u;
    private final byte[] v;
    private final byte[] w;
    private final byte[] aesCiphertext;
    private final byte[] aesNonce;
    private final byte[] cipherSuite;

    public TlockCiphertext(TlockLayout layout, G2Point u, byte[] v, byte[] w, byte[] aesCiphertext, byte[] aesNonce,
                           byte[] cipherSuite) {
        if (v.length != 32 || w.length != 32) {
            throw new IllegalArgumentException("V and W must be 32 bytes");
        }
        this.layout = layout;
        this.u = u;
        this.v = v.clone();
        this.w = w.clone();
        this.aesCiphertext = aesCiphertext.clone();
        this.aesNonce = aesNonce.clone();
        this.cipherSuite = cipherSuite.clone();
    }

    public TlockLayout layout() {
        return layout;
    }

    public G2Point u() {
        return u;
    }

    public byte[] v() {
        return v.clone();
    }

    public byte[] w() {
        return w.clone();
    }

    /** AES-GCM ciphertext with its 16-byte tag. */
    public byte[] aesCiphertext() {
        return aesCiphertext.clone();
    }

    public byte[] aesNonce() {
        return aesNonce.clone();
    }

    public byte[] cipherSuite() {
        return cipherSuite.clone();
    }

    /**
     * The layout of a serialized ciphertext: legacy iff the u64 little-endian value 32 sits at offset
     * 96 (length of V) and at offset 136 (length of W).
     */
    public static TlockLayout detectLayout(byte[] bytes) {
        if (bytes.length >= 144 && isU64(bytes, 96, 32) && isU64(bytes, 136, 32)) {
            return TlockLayout.LEGACY;
        }
        return TlockLayout.CURRENT;
    }

    private static boolean isU64(byte[] b, int off, long value) {
        return ByteBuffer.wrap(b, off, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() == value;
    }

    /**
     * Parses either layout (auto-detected). Bytes after the cipher suite are ignored, as in the
     * reference deserializer.
     */
    public static TlockCiphertext parse(byte[] bytes) throws TlockException {
        TlockLayout layout = detectLayout(bytes);
        Reader r = new Reader(bytes);
        G2Point u;
        byte[] ub = r.take(G2Point.COMPRESSED_SIZE, "U");
        try {
            u = G2Point.fromCompressed(ub);
        } catch (BlsException e) {
            throw new TlockException(TlockException.Reason.MALFORMED, "ciphertext U is not a valid G2 point: " + e.getMessage());
        }
        byte[] v;
        byte[] w;
        if (layout == TlockLayout.LEGACY) {
            v = r.vec("V");
            w = r.vec("W");
            if (v.length != 32 || w.length != 32) {
                throw new TlockException(TlockException.Reason.MALFORMED, "ciphertext V/W must be 32 bytes");
            }
        } else {
            v = r.take(32, "V");
            w = r.take(32, "W");
        }
        byte[] body = r.vec("body");
        byte[] suite = r.vec("cipher suite");
        Reader br = new Reader(body);
        byte[] ct = br.vec("AES ciphertext");
        byte[] nonce = br.vec("AES nonce");
        return new TlockCiphertext(layout, u, v, w, ct, nonce, suite);
    }

    /** arkworks serialization in this ciphertext's layout. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(u.toCompressed());
        if (layout == TlockLayout.LEGACY) {
            writeVec(out, v);
            writeVec(out, w);
        } else {
            out.writeBytes(v);
            out.writeBytes(w);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeVec(body, aesCiphertext);
        writeVec(body, aesNonce);
        writeVec(out, body.toByteArray());
        writeVec(out, cipherSuite);
        return out.toByteArray();
    }

    private static void writeVec(ByteArrayOutputStream out, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array());
        out.writeBytes(data);
    }

    private static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        byte[] take(int n, String what) throws TlockException {
            if (n < 0 || buf.length - pos < n) {
                throw new TlockException(TlockException.Reason.TRUNCATED,
                        "ciphertext truncated: " + what + " needs " + n + " bytes at offset " + pos + ", "
                                + Math.max(0, buf.length - pos) + " left");
            }
            byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }

        byte[] vec(String what) throws TlockException {
            byte[] len = take(8, what + " length");
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 0 || n > buf.length - pos) {
                throw new TlockException(TlockException.Reason.TRUNCATED,
                        "ciphertext truncated: " + what + " declares " + Long.toUnsignedString(n) + " bytes, "
                                + (buf.length - pos) + " left");
            }
            return take((int) n, what);
        }
    }
}
