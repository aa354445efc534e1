package io.tao4j.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --logging.record_log} (with {@code --logging.logging_dir DIR}, the Bittensor SDK's flags): every log line also
 * goes to {@code DIR/tao4j.log}, rolled over daily and at 100 MB into {@code DIR/tao4j.yyyy-MM-dd.N.log.gz}, 14 days
 * and at most 2 GB kept. The line pattern is the console's, with ISO-8601 timestamps.
 */
final class FileLogging implements AutoCloseable {
    /** The SDK's default {@code --logging.logging_dir}. */
    static final String DEFAULT_DIR = "~/.bittensor/miners";
    static final String FILE_NAME = "tao4j.log";
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";
    static final String APPENDER_NAME = "TAO4J_FILE";

    private final RollingFileAppender<ILoggingEvent> appender;
    private final Path file;

    private FileLogging(RollingFileAppender<ILoggingEvent> appender, Path file) {
        this.appender = appender;
        this.file = file;
    }

    Path file() {
        return file;
    }

    static Path directory(String dir) {
        String d = dir == null || dir.isBlank() ? DEFAULT_DIR : dir.trim();
        if (d.equals("~") || d.startsWith("~/")) {
            d = System.getProperty("user.home") + d.substring(1);
        }
        return Path.of(d).toAbsolutePath().normalize();
    }

    /**
     * Starts writing the log to {@code DIR/tao4j.log}.
     *
     * @throws IllegalArgumentException naming the directory when it cannot be created or written
     */
    static FileLogging start(String dir) {
        Path d = directory(dir);
        try {
            Files.createDirectories(d);
        } catch (Exception e) {
            throw new IllegalArgumentException("--logging.logging_dir " + d + " cannot be created: " + e.getMessage());
        }
        if (!Files.isWritable(d)) {
            throw new IllegalArgumentException("--logging.logging_dir " + d + " is not writable");
        }
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Path file = d.resolve(FILE_NAME);
        RollingFileAppender<ILoggingEvent> app = new RollingFileAppender<>();
        app.setContext(ctx);
        app.setName(APPENDER_NAME);
        app.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(app);
        policy.setFileNamePattern(d.resolve("tao4j.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("100MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("2GB"));
        policy.start();
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern(PATTERN);
        enc.start();
        app.setRollingPolicy(policy);
        app.setEncoder(enc);
        app.start();
        if (!app.isStarted()) {
            throw new IllegalArgumentException("cannot write the log file " + file);
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(app);
        LoggerFactory.getLogger(FileLogging.class).info("Logging to {} (rolled daily and at 100 MB).", file);
        return new FileLogging(app, file);
    }

    /** Detaches and closes the file (the end of an in-process run). */
    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }
}
