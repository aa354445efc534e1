package io.tao4j.crypto.sr25519;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * STROBE-128 (v1.0.2) over Keccak-f[1600], limited to the operations Merlin uses: meta-AD, AD, PRF and KEY,
 * each optionally continuing the previous operation ("more").
 */
public final class Strobe128 {

    private static final int R = 166;
    private static final int FLAG_I = 1;
    private static final int FLAG_A = 1 << 1;
    private static final int FLAG_C = 1 << 2;
    private static final int FLAG_T = 1 << 3;
    private static final int FLAG_M = 1 << 4;
    private static final int FLAG_K = 1 << 5;

    private final byte[] state;
    private int pos;
    private int posBegin;
    private int curFlags;

    /** Initialises STROBE-128 and absorbs {@code protocolLabel} as meta-AD. */
    public Strobe128(byte[] protocolLabel) {
        state = new byte[200];
        byte[] init = {1, (byte) (R + 2), 1, 0, 1, 96};
        System.arraycopy(init, 0, state, 0, init.length);
        byte[] ver = "STROBEv1.0.2".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ver, 0, state, 6, ver.length);
        KeccakF1600.permute(state);
        metaAd(protocolLabel, false);
    }

    private Strobe128(Strobe128 other) {
        state = other.state.clone();
        pos = other.pos;
        posBegin = other.posBegin;
        curFlags = other.curFlags;
    }

    /** An independent copy of the current state. */
    public Strobe128 copy() {
        return new Strobe128(this);
    }

    public void metaAd(byte[] data, boolean more) {
        beginOp(FLAG_M | FLAG_A, more);
        absorb(data);
    }

    public void ad(byte[] data, boolean more) {
        beginOp(FLAG_A, more);
        absorb(data);
    }

    public void prf(byte[] out, boolean more) {
        beginOp(FLAG_I | FLAG_A | FLAG_C, more);
        squeeze(out);
    }

    public void key(byte[] data, boolean more) {
        beginOp(FLAG_A | FLAG_C, more);
        overwrite(data);
    }

    /** Overwrites the internal state with zeros (for discarding secret-dependent state). */
    public void wipe() {
        Arrays.fill(state, (byte) 0);
        pos = 0;
        posBegin = 0;
        curFlags = 0;
    }

    private void runF() {
        state[pos] ^= (byte) posBegin;
        state[pos + 1] ^= 0x04;
        state[R + 1] ^= (byte) 0x80;
        KeccakF1600.permute(state);
        pos = 0;
        posBegin = 0;
    }

    private void absorb(byte[] data) {
        for (byte b : data) {
            state[pos] ^= b;
            pos++;
            if (pos == R) {
                runF();
            }
        }
    }

    private void overwrite(byte[] data) {
        for (byte b : data) {
            state[pos] = b;
            pos++;
            if (pos == R) {
                runF();
            }
        }
    }

    private void squeeze(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = state[pos];
            state[pos] = 0;
            pos++;
            if (pos == R) {
                runF();
            }
        }
    }

    private void beginOp(int flags, boolean more) {
        if (more) {
            if (curFlags != flags) {
                throw new IllegalStateException("STROBE: continued an operation with different flags");
            }
            return;
        }
        if ((flags & FLAG_T) != 0) {
            throw new IllegalStateException("STROBE: transport operations are not supported");
        }
        int oldBegin = posBegin;
        posBegin = pos + 1;
        curFlags = flags;
        absorb(new byte[] {(byte) oldBegin, (byte) flags});
        boolean forceF = (flags & (FLAG_C | FLAG_K)) != 0;
        if (forceF && pos != 0) {
            runF();
        }
    }
}
