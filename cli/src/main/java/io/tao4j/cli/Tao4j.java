package io.tao4j.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import io.tao4j.cli.mantis.MantisCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;

/** The one `tao4j` application: every command group hangs off this root. */
@Command(name = "tao4j",
        mixinStandardHelpOptions = true,
        versionProvider = Tao4j.Version.class,
        description = "Bittensor subnet neurons for the JVM.",
        subcommands = {
                WalletCommand.class,
                io.tao4j.cli.stake.StakeCommand.class,
                io.tao4j.cli.subnets.SubnetsCommand.class,
                io.tao4j.cli.weights.WeightsCommand.class,
                ChainCommand.class,
                DrandCommand.class,
                TlockCommand.class,
                MantisCommand.class,
                LocalnetCommand.class,
                LfcCommand.class,
                DemoCommand.class,
                io.tao4j.cli.config.ConfigCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Tao4j implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--logging.debug", scope = ScopeType.INHERIT, description = "Log at DEBUG level.")
    void debug(boolean on) { if (on) setLevel(Level.DEBUG); }

    @Option(names = "--logging.trace", scope = ScopeType.INHERIT, description = "Log at TRACE level.")
    void trace(boolean on) { if (on) setLevel(Level.TRACE); }

    @Option(names = "--logging.info", scope = ScopeType.INHERIT, description = "Log at INFO level (the default).")
    void info(boolean on) { if (on) setLevel(Level.INFO); }

    private boolean recordLog;
    private String loggingDir;

    @Option(names = {"--logging.record_log", "--logging.record-log"}, scope = ScopeType.INHERIT,
            description = "Also write the log to a file, DIR/tao4j.log (rolled daily and at 100 MB).")
    void recordLog(boolean on) { recordLog |= on; }

    @Option(names = {"--logging.logging_dir", "--logging.logging-dir"}, scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Directory of the log file of --logging.record_log (default: " + FileLogging.DEFAULT_DIR + ").")
    void loggingDir(String dir) { loggingDir = dir; }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static void setLevel(Level level) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getLevel() == null || level.levelInt < root.getLevel().levelInt) {
            root.setLevel(level);
        }
    }

    /** Builds the configured command line; tests use this to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Tao4j());
        cl.setParameterExceptionHandler(Tao4j::onBadArguments);
        cl.setExecutionExceptionHandler(Tao4j::onFailure);
        CommandLine.IExecutionStrategy run = cl.getExecutionStrategy();
        cl.setExecutionStrategy(parsed -> {
            Tao4j root = cl.getCommand();
            FileLogging file;
            try {
                file = root.recordLog ? FileLogging.start(root.loggingDir) : null;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(parsed.subcommands().isEmpty() ? cl
                        : parsed.subcommands().get(parsed.subcommands().size() - 1).commandSpec().commandLine(), e.getMessage());
            }
            try {
                return run.execute(parsed);
            } catch (Error e) { // picocli hands only Exceptions to onFailure
                return onError(e, parsed.commandSpec().commandLine().getErr());
            } finally {
                if (file != null) {
                    file.close();
                }
            }
        });
        return cl;
    }

    /** An {@link Error} (out of memory, a missing native library…): named in one line, exit code 1. */
    static int onError(Error e, PrintWriter err) {
        LoggerFactory.getLogger(Tao4j.class).debug("fatal error", e);
        if (e instanceof OutOfMemoryError) {
            long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
            String larger = "-Xmx" + Math.max(2, (2 * maxMiB + 1023) / 1024) + "g"; // twice the current heap
            err.println("tao4j: out of memory (" + e.getMessage() + "); the Java heap allows " + maxMiB
                    + " MiB: run with a larger heap, e.g. TAO4J_JAVA_OPTS=" + larger + " ./tao4j … (or java " + larger
                    + " -jar tao4j.jar …)");
        } else {
            err.println("tao4j: fatal error: " + e + " (run again with --logging.debug for details)");
        }
        err.flush();
        return 1;
    }

    /** Unknown or malformed options: one line on stderr, exit code 2. */
    private static int onBadArguments(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("tao4j: " + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return 2;
    }

    /** A {@link CliException} is a user-facing error: its message alone, never a stack trace. */
    private static int onFailure(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof CliException ce) {
            err.println("tao4j: " + ce.getMessage());
            err.flush();
            return ce.exitCode();
        }
        LoggerFactory.getLogger(Tao4j.class).debug("unexpected failure", ex);
        err.println("tao4j: unexpected error: " + ex + " (run again with --logging.debug for details)");
        err.flush();
        return 1;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Tao4j.class.getPackage().getImplementationVersion();
            return new String[]{"tao4j " + (v == null ? io.tao4j.lfc.LfcVersion.get() : v)};
        }
    }
}
