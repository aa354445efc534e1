package io.tao4j.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One in-process run of the {@code tao4j} command line, with what it printed (tests only). */
public record CliRun(int code, String out, String err) {

    /** Runs {@code tao4j args…} with the real command wiring and captures exit code, stdout and stderr. */
    public static CliRun run(String... args) {
        CommandLine cl = Tao4j.commandLine();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        return new CliRun(code, o.toString(), e.toString());
    }

    /** The same, with {@code stdin} (null: empty) as standard input for the run. */
    public static CliRun withStdin(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    /** stdout without surrounding white space (for commands that print one value). */
    public String line() {
        return out.strip();
    }

    /** A file under the shared fixtures beside the checkout. */
    public static String fixture(String... parts) {
        return Path.of(System.getProperty("tao4j.shared"), "fixtures").resolve(Path.of("", parts)).toString();
    }
}
