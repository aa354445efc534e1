package io.tao4j.drand.tlock;

/**
 * The two byte layouts of the ideal-labs timelock ciphertext. They differ only in how the IBE header
 * fields V and W are written.
 */
public enum TlockLayout {
    /**
     * timelock ≥ commit c81fc91 (npm 0.3.0, current PyPI builds): V and W are fixed 32-byte arrays.
     * Total length 228 + message length.
     */
    CURRENT,
    /**
     * timelock before c81fc91 (npm 1.0.0, PyPI 0.0.x): V and W are {@code Vec<u8>}, each preceded by a
     * u64 little-endian length 32. Total length 244 + message length.
     */
    LEGACY
}
