package io.tao4j.wallet.kdf;

import io.tao4j.crypto.nacl.Argon2i;
import io.tao4j.wallet.WalletException;

/**
 * Pure-Java Argon2i ({@code crypto}'s {@link Argon2i}, on BouncyCastle): the fallback when the bundled
 * libsodium cannot be loaded. The memory comes from the Java heap (512 MiB for a {@code $NACL} keyfile);
 * too small a heap is reported as a {@link WalletException} naming the fix.
 */
public final class JavaArgon2i implements Argon2iKdf {
    public static final JavaArgon2i INSTANCE = new JavaArgon2i();

    private JavaArgon2i() {
    }

    @Override
    public String name() {
        return "java (BouncyCastle)";
    }

    @Override
    public byte[] derive(byte[] password, byte[] salt, int opsLimit, long memLimit, int outLen) {
        try {
            return Argon2i.deriveKey(password, salt, opsLimit, memLimit, outLen);
        } catch (OutOfMemoryError e) {
            throw new WalletException("not enough Java heap for the Argon2i key derivation (needs "
                    + (memLimit >> 20) + " MiB, the heap allows " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB): give the JVM a larger heap, e.g. -Xmx1g (for ./tao4j: TAO4J_JAVA_OPTS=-Xmx1g)");
        }
    }
}
