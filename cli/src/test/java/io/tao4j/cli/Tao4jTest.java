package io.tao4j.cli;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class Tao4jTest {

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
}
