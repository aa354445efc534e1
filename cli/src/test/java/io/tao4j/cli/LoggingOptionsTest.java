package io.tao4j.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK's logging flags operators keep in their systemd units, and ISO-8601 timestamps. */
class LoggingOptionsTest {
    static final String ISO = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) ";

    @Test
    void recordLogWritesARollingFileInTheLoggingDir(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("logs");
        CliRun r = CliRun.run("wallet", "--logging.info", "--logging.record_log", "--logging.logging_dir", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path file = dir.resolve("tao4j.log");
        assertThat(file).exists();
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        assertThat(first).matches(ISO + "INFO .*Logging to " + java.util.regex.Pattern.quote(file.toString()) + ".*");
        // the appender is released when the command returns
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender(FileLogging.APPENDER_NAME)).isNull();
        // the SDK spellings and the kebab ones, anywhere on the line
        CliRun again = CliRun.run("--logging.record-log", "wallet", "--logging.logging-dir", dir.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(2);
    }

    @Test
    void aLoggingDirThatCannotBeCreatedIsAClearError(@TempDir Path tmp) throws Exception {
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        CliRun r = CliRun.run("wallet", "--logging.record_log", "--logging.logging_dir", notADir.resolve("sub").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--logging.logging_dir " + notADir.resolve("sub") + " cannot be created");
    }

    @Test
    void withoutRecordLogNoFileIsWritten(@TempDir Path tmp) {
        CliRun r = CliRun.run("wallet", "--logging.logging_dir", tmp.resolve("logs").toString());
        assertThat(r.code()).isZero();
        assertThat(tmp.resolve("logs")).doesNotExist();
    }

    @Test
    void consoleLinesStartWithAnIsoTimestamp() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("ERR");
        LoggingEvent e = new LoggingEvent(Logger.FQCN, root, ch.qos.logback.classic.Level.INFO, "hello", null, null);
        String line = new String(console.getEncoder().encode(e), StandardCharsets.UTF_8);
        assertThat(line).matches(ISO + "INFO  ROOT - hello\\R");
    }
}
