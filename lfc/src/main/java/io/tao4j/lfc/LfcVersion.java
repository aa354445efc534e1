package io.tao4j.lfc;

import java.io.InputStream;
import java.util.Properties;

/**
 * The tao4j version these neurons report (Slack's version line): the jar manifest's {@code Implementation-Version},
 * else the project version the build wrote into {@code io/tao4j/lfc/version.properties} (running from classes), else
 * "unknown".
 */
public final class LfcVersion {
    private static final String VERSION = find();

    private LfcVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String find() {
        String v = LfcVersion.class.getPackage() == null ? null : LfcVersion.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return v;
        }
        try (InputStream in = LfcVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String b = p.getProperty("version");
                if (b != null && !b.isBlank() && !b.startsWith("${")) {
                    return b.trim();
                }
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        return "unknown";
    }
}
