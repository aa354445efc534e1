package io.tao4j.cli;

import ch.qos.logback.classic.Level;
import io.tao4j.cli.demo.Demo;
import io.tao4j.cli.demo.DemoReport;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** `tao4j demo`: both subnets on an embedded local network, a live status page and a closing report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a local network (250 ms blocks) and run, in this process, the LFC validator and stake sweeper on",
                "subnet 35 and four MANTIS miners (baseline, noisy, garbage, copy-cat) with the MANTIS validator on subnet 123,",
                "which bootstraps from a generated two-week history the local network serves. A status page shows it live.",
                "At the end a report is printed; the exit code is 0 only if the treasury received alpha, MANTIS payloads were",
                "decrypted, weights were set on both subnets and the baseline miner earned the most MANTIS weight."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "180",
            description = "How long to run after start-up (default: ${DEFAULT-VALUE}; 0 = until Ctrl-C).")
    long durationSeconds;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Status page port on 127.0.0.1 (default: a free port, printed at start).")
    int port;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the history archive and the validator's ledger go (default: a new temporary directory, removed at exit).")
    Path workDir;

    @Option(names = "--history-days", paramLabel = "DAYS", defaultValue = "14",
            description = "Days of synthetic MANTIS history the local network serves (default: ${DEFAULT-VALUE}; 7 to 60).")
    int historyDays;

    @Option(names = "--miner-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between MANTIS miner uploads (default: ${DEFAULT-VALUE}).")
    double minerInterval;

    @picocli.CommandLine.Mixin
    io.tao4j.cli.mantis.ProtocolOption protocol = new io.tao4j.cli.mantis.ProtocolOption();

    @Option(names = "--json", description = "Print the report as one JSON object instead of text (progress then goes to stderr).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (durationSeconds < 0 || durationSeconds > 7 * 86_400) {
            throw new CliException("--duration must be between 0 and 604800 seconds, got " + durationSeconds, 2);
        }
        if (port < 0 || port > 65_535) {
            throw new CliException("--port must be between 0 and 65535, got " + port, 2);
        }
        io.tao4j.mantis.protocol.Protocol mantisProtocol = protocol.protocol();
        if (historyDays < 7 || historyDays > 60) {
            throw new CliException("--history-days must be between 7 and 60, got " + historyDays, 2);
        }
        if (!(minerInterval >= 1) || minerInterval > 3600) {
            throw new CliException("--miner-interval must be between 1 and 3600 seconds, got " + minerInterval, 2);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = workDir == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("tao4j-demo-") : workDir;
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliException("cannot create the work directory " + (workDir == null ? "(temporary)" : workDir) + ": " + e.getMessage(), 1);
        }
        Level logLevel = quietLogs();
        // with --json stdout carries only the report; progress goes to stderr
        PrintWriter progress = json ? spec.commandLine().getErr() : out;
        Demo demo = new Demo(new Demo.Options(Duration.ofSeconds(durationSeconds), port, dir, historyDays, minerInterval,
                mantisProtocol), progress);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            demo.stop();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DemoReport report;
            try {
                report = demo.run();
            } catch (IOException | IllegalStateException e) {
                throw new CliException("the demo could not run: " + e.getMessage(), 1);
            } finally {
                if (temporary) {
                    deleteTree(dir);
                }
            }
            // printed before the shutdown hook is released: after Ctrl-C the JVM halts once the hook returns
            out.println(json ? report.toJson().toString() : report.render());
            out.flush();
            return report.ok() ? 0 : 1;
        } finally {
            restoreLogs(logLevel);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running
            }
        }
    }

    /**
     * The demo prints its own progress; other INFO logs only with --logging.debug. Returns the root level to
     * restore afterwards (the command may run inside a longer-lived JVM, e.g. tests).
     */
    private static Level quietLogs() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        if (before == null || before.levelInt >= Level.INFO.levelInt) {
            root.setLevel(Level.WARN);
        }
        return before;
    }

    private static void restoreLogs(Level before) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(before);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LoggerFactory.getLogger(DemoCommand.class).debug("cannot remove {}: {}", dir, e.toString());
        }
    }
}
