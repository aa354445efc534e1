package io.tao4j.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Tao4jTest {

    @Test
    void outOfMemorySuggestsAHeapLargerThanTheCurrentOne() {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = Tao4j.onError(new OutOfMemoryError("Java heap space"), new java.io.PrintWriter(out));
        assertThat(code).isEqualTo(1);
        long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("TAO4J_JAVA_OPTS=-Xmx(\\d+)g").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        assertThat(Long.parseLong(m.group(1)) * 1024).as(out.toString()).isGreaterThan(maxMiB);
        assertThat(out.toString()).contains("Java heap space").contains(maxMiB + " MiB");
    }

    @Test
    void unknownOptionIsOneLineAndExitCode2() {
        CliRun r = CliRun.run("--no-such-option");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("--no-such-option");
    }

    @Test
    void helpListsCommandGroups() {
        CliRun r = CliRun.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("wallet", "chain", "drand", "tlock", "mantis");
    }

    @Test
    void aGroupCommandOnItsOwnPrintsItsSubcommands() {
        CliRun r = CliRun.run("stake");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: tao4j stake", "add", "remove", "move", "transfer", "list");
    }

    @Test
    void loggingFlagsAreAcceptedOnSubcommands() {
        CliRun r = CliRun.run("wallet", "--logging.debug");
        assertThat(r.code()).isZero();
    }

    @Test
    void versionIsTheBuildsVersion() {
        CliRun r = CliRun.run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.line()).matches("tao4j \\d+\\.\\d+\\.\\d+.*");
    }

    /**
     * Every command of the tree builds (no two options share a name, e.g. a command's own {@code --hotkey} against the
     * wallet mixin's btcli alias) and renders its help without picocli's format warnings (a lone {@code %}).
     */
    @Test
    void everyCommandBuildsAndRendersItsHelpCleanly() {
        PrintStream savedErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        List<String> seen = new ArrayList<>();
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            walk(Tao4j.commandLine(), seen);
        } finally {
            System.setErr(savedErr);
        }
        assertThat(seen).contains("tao4j stake add", "tao4j wallet transfer", "tao4j config set", "tao4j mantis validator",
                "tao4j lfc validator run");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("WARN").doesNotContain("Could not format");
    }

    private static void walk(CommandLine cl, List<String> seen) {
        seen.add(cl.getCommandSpec().qualifiedName());
        assertThat(cl.getUsageMessage()).contains("Usage:");
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!seen.contains(sub.getCommandSpec().qualifiedName())) {
                walk(sub, seen);
            }
        }
    }
}
