package io.tao4j.wallet.kdf;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Chooses the Argon2i implementation once per JVM: the bundled libsodium ({@link SodiumArgon2i}, several
 * times faster and off-heap) unless it cannot be loaded, then pure Java ({@link JavaArgon2i}).
 * The system property {@value #PROPERTY} ({@code auto}, {@code native}, {@code java}) forces one;
 * {@code native} fails when libsodium cannot be loaded instead of falling back.
 */
public final class NaclKdf {
    public static final String PROPERTY = "tao4j.wallet.argon2";
    private static final Logger LOG = LoggerFactory.getLogger(NaclKdf.class);
    private static volatile Argon2iKdf chosen;

    private NaclKdf() {
    }

    /** The implementation in use (loaded on first call). */
    public static Argon2iKdf get() {
        Argon2iKdf k = chosen;
        if (k == null) {
            synchronized (NaclKdf.class) {
                k = chosen;
                if (k == null) {
                    k = choose(System.getProperty(PROPERTY, "auto"));
                    chosen = k;
                }
            }
        }
        return k;
    }

    static Argon2iKdf choose(String mode) {
        return choose(mode, SodiumArgon2i::load);
    }

    static Argon2iKdf choose(String mode, Supplier<? extends Argon2iKdf> loadNative) {
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "java":
                return JavaArgon2i.INSTANCE;
            case "native":
                return loadNative.get();
            case "auto":
            case "":
                Argon2iKdf sodium = tryNative(loadNative);
                return sodium != null ? sodium : JavaArgon2i.INSTANCE;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + " must be auto, native or java, got '" + mode + "'");
        }
    }

    /** The bundled libsodium, or null (logged) when it cannot be loaded on this platform. */
    public static Argon2iKdf tryNative() {
        return tryNative(SodiumArgon2i::load);
    }

    private static Argon2iKdf tryNative(Supplier<? extends Argon2iKdf> loadNative) {
        try {
            return loadNative.get();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("bundled libsodium could not be loaded ({}); using the slower pure-Java Argon2i", e.toString());
            return null;
        }
    }
}
