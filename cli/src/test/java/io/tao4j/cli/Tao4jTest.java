package io.tao4j.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class Tao4jTest {

    static final class Run {
        final int code;
        final String out;
        final String err;

        Run(String... args) {
            CommandLine cl = Tao4j.commandLine();
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            cl.setOut(new PrintWriter(o));
            cl.setErr(new PrintWriter(e));
            code = cl.execute(args);
            out = o.toString();
            err = e.toString();
        }
    }

    @Test
    void unknownOptionIsOneLineAndExitCode2() {
        Run r = new Run("--no-such-option");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines().count()).isEqualTo(1);
        assertThat(r.err).contains("--no-such-option");
    }

    @Test
    void helpListsCommandGroups() {
        Run r = new Run("--help");
        assertThat(r.code).isZero();
        assertThat(r.out).contains("wallet", "chain", "drand", "tlock", "mantis");
    }

    @Test
    void loggingFlagsAreAcceptedOnSubcommands() {
        Run r = new Run("wallet", "--logging.debug");
        assertThat(r.code).isZero();
    }
}
