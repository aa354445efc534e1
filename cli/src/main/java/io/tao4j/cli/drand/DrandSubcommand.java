package io.tao4j.cli.drand;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What the drand / tlock / payload commands share: one result line on the command's stdout. */
abstract class DrandSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Prints one result line on the command's stdout and flushes it. */
    void println(Object line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }
}
