package io.tao4j.cli;

import io.tao4j.cli.config.BtcliConfig;

import java.nio.file.Path;

/** Points {@link BtcliConfig#PATH_PROPERTY} at a test's config file and puts the previous value back (tests only). */
public final class BtcliConfigPath {
    private final String saved = System.getProperty(BtcliConfig.PATH_PROPERTY);

    /** Remembers the current value, then points the property at {@code file}. */
    public BtcliConfigPath(Path file) {
        System.setProperty(BtcliConfig.PATH_PROPERTY, file.toString());
    }

    /** The value from before the construction (cleared if there was none). */
    public void restore() {
        if (saved == null) {
            System.clearProperty(BtcliConfig.PATH_PROPERTY);
        } else {
            System.setProperty(BtcliConfig.PATH_PROPERTY, saved);
        }
    }
}
