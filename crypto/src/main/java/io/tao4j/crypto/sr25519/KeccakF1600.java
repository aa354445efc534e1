package io.tao4j.crypto.sr25519;

/** The Keccak-f[1600] permutation (24 rounds) on a 200-byte state read as 25 little-endian 64-bit lanes. */
public final class KeccakF1600 {

    private static final long[] RC = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
        0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
        0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L
    };

    /** Rotation offsets, indexed by lane x + 5y. */
    private static final int[] ROT = {
        0, 1, 62, 28, 27,
        36, 44, 6, 55, 20,
        3, 10, 43, 25, 39,
        41, 45, 15, 21, 8,
        18, 2, 61, 56, 14
    };

    private KeccakF1600() {
    }

    /** Permutes the 200-byte state in place. */
    public static void permute(byte[] state) {
        if (state.length != 200) {
            throw new IllegalArgumentException("Keccak-f[1600] state must be 200 bytes");
        }
        long[] a = new long[25];
        for (int i = 0; i < 25; i++) {
            long v = 0;
            for (int j = 7; j >= 0; j--) {
                v = (v << 8) | (state[8 * i + j] & 0xFFL);
            }
            a[i] = v;
        }
        permute(a);
        for (int i = 0; i < 25; i++) {
            long v = a[i];
            for (int j = 0; j < 8; j++) {
                state[8 * i + j] = (byte) (v >>> (8 * j));
            }
        }
    }

    /** Permutes 25 lanes in place (lane index x + 5y). */
    public static void permute(long[] a) {
        long[] c = new long[5];
        long[] b = new long[25];
        for (int round = 0; round < 24; round++) {
            // theta
            for (int x = 0; x < 5; x++) {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }
            for (int x = 0; x < 5; x++) {
                long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
                for (int y = 0; y < 25; y += 5) {
                    a[x + y] ^= d;
                }
            }
            // rho and pi: B[y, 2x+3y] = rot(A[x, y], r[x, y])
            for (int x = 0; x < 5; x++) {
                for (int y = 0; y < 5; y++) {
                    int nx = y;
                    int ny = (2 * x + 3 * y) % 5;
                    b[nx + 5 * ny] = Long.rotateLeft(a[x + 5 * y], ROT[x + 5 * y]);
                }
            }
            // chi
            for (int y = 0; y < 25; y += 5) {
                for (int x = 0; x < 5; x++) {
                    a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
                }
            }
            // iota
            a[0] ^= RC[round];
        }
    }
}
